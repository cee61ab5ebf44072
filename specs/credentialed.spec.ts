// The credentialed family: its tables (specs/scenarios/index.ts), with their https variants, bound to every engine.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { FAMILY_TABLES } from './scenarios/index.ts';
import { scenarios as sameSiteHosts } from './scenarios/credentialed-same-site-hosts.ts';

// The same-site-host rows, with their deviations, are bound in credentialed-same-site-hosts.spec.ts (a browser with the names mapped).
const elsewhere = new Set(sameSiteHosts.map((s) => s.id));
scenarioTests(FAMILY_TABLES.credentialed, Object.fromEntries(Object.entries(deviations).filter(([id]) => !elsewhere.has(id))));
