// The simple family: its table (specs/scenarios/simple.ts) bound to every engine.

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/simple.ts';

scenarioTests(scenarios, deviations);
