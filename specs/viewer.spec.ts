// The viewer family: its table (specs/scenarios/viewer.ts) bound to every engine, judged by pixels.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/viewer.ts';

scenarioTests(scenarios, deviations);
