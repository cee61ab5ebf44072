// The secure family: its table (specs/scenarios/secure.ts) bound to every engine. Its rows are
// about https itself (loopback http from https pages, http ↔ https redirects, third-party and
// partitioned cookies), so they have no @https variants: each names its own schemes.
// The -3pc-allowed rows, with their deviations, are bound in third-party-cookies-allowed.spec.ts.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { FAMILY_TABLES, deviationsFor } from './scenarios/index.ts';

scenarioTests(FAMILY_TABLES.secure, deviationsFor(FAMILY_TABLES.secure, deviations));
