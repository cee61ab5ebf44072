// The auth family: IIIF Authorization Flow 2.0 walked in every engine (specs/scenarios/auth.ts),
// windows and clicks driven as a person would (harness/auth/flow.ts, the executor's auth-flow
// strategy). Rows name their own scheme.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/auth.ts';

scenarioTests(scenarios, deviations);
