// @slow, opt-in (CORS_SLOW=1; the nightly matrix runs it): the preflight cache's Max-Age caps
// (specs/scenarios/preflight-cache-caps.ts). Their rows run clock-stepped (harness/scenarios/run.ts):
// in a browser of their own launched with a clock the harness moves, each `wait` step taken by moving
// that clock forward, never by sleeping; the other steps run in the page as in every family.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { test } from '../harness/runner/test.ts';
import { deviations } from './deviations.ts';
import { deviationsFor } from './scenarios/index.ts';
import { scenarios } from './scenarios/preflight-cache-caps.ts';

// Only the deviations of these rows: the preflight family's others are bound in preflight.spec.ts.
test.describe('preflight-cache caps', () => scenarioTests(scenarios, deviationsFor(scenarios, deviations)));
