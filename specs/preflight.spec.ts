// The preflight family: its table (specs/scenarios/preflight.ts) bound to every engine.

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/preflight.ts';

scenarioTests(scenarios, deviations);
