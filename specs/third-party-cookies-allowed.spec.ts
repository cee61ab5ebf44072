// The cross-site cookie rows in a profile that allows third-party cookies
// (specs/scenarios/third-party-cookies-allowed.ts): a browser of their own, launched with the
// engine module's thirdPartyCookiesAllowed setting, so no normal cell runs in that profile.

import { scenarioTests } from '../harness/runner/scenario-tests.ts';
import { test } from '../harness/runner/test.ts';
import { deviations } from './deviations.ts';
import { deviationsFor } from './scenarios/index.ts';
import { scenarios } from './scenarios/third-party-cookies-allowed.ts';

test.use({ thirdPartyCookies: true });
// Per family, each with only its rows' deviations (the families' others are bound in their own specs).
for (const family of ['credentialed', 'secure'] as const) {
  const rows = scenarios.filter((s) => s.family === family);
  test.describe(family, () => scenarioTests(rows, deviationsFor(rows, deviations)));
}
