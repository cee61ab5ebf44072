// The credentialed family: its table (specs/scenarios/credentialed.ts) bound to every engine, with its https variants (`<id>@https`).

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/credentialed.ts';
import { withHttpsVariants } from './scenarios/https.ts';

scenarioTests(withHttpsVariants(scenarios), deviations);
