// The canvas family: its table (specs/scenarios/canvas.ts) bound to every engine.

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/canvas.ts';

scenarioTests(scenarios, deviations);
