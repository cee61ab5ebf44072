// The redirect family: its table (specs/scenarios/redirect.ts) bound to every engine, with its https variants (`<id>@https`).

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/redirect.ts';
import { withHttpsVariants } from './scenarios/https.ts';

scenarioTests(withHttpsVariants(scenarios), deviations);
