// The canvas family: its table (specs/scenarios/canvas.ts) bound to every engine, with its https variants (`<id>@https`).

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/canvas.ts';
import { withHttpsVariants } from './scenarios/https.ts';

scenarioTests(withHttpsVariants(scenarios), deviations);
