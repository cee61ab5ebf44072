// The credentialed family: its tables (specs/scenarios/index.ts), with their https variants, bound to every engine.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { FAMILY_TABLES, deviationsFor } from './scenarios/index.ts';

// The same-site-host rows, with their deviations, are bound in credentialed-same-site-hosts.spec.ts (a browser with the names mapped).
scenarioTests(FAMILY_TABLES.credentialed, deviationsFor(FAMILY_TABLES.credentialed, deviations));
