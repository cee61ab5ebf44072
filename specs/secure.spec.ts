// The secure family: its table (specs/scenarios/secure.ts) bound to every engine. Its rows are
// about https itself (loopback http from https pages, http ↔ https redirects, third-party and
// partitioned cookies), so they have no @https variants: each names its own schemes.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { FAMILY_TABLES } from './scenarios/index.ts';
import { scenarios as thirdPartyCookiesAllowed } from './scenarios/third-party-cookies-allowed.ts';

// The -3pc-allowed rows, with their deviations, are bound in third-party-cookies-allowed.spec.ts.
const elsewhere = new Set(thirdPartyCookiesAllowed.map((s) => s.id));
scenarioTests(FAMILY_TABLES.secure, Object.fromEntries(Object.entries(deviations).filter(([id]) => !elsewhere.has(id))));
