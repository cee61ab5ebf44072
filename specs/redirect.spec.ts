// The redirect family: its table (specs/scenarios/redirect.ts) bound to every engine.

import { scenarioTests } from '../harness/scenarios/define.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/redirect.ts';

scenarioTests(scenarios, deviations);
