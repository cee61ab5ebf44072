// The preflight family: its tables (specs/scenarios/index.ts), with their https variants, bound to every engine.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { FAMILY_TABLES } from './scenarios/index.ts';

scenarioTests(FAMILY_TABLES.preflight, deviations);
