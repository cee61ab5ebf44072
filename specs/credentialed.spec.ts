// The credentialed family: its table (specs/scenarios/credentialed.ts) bound to every engine.

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/credentialed.ts';

scenarioTests(scenarios, deviations);
