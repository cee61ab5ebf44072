// Binds the auth family's table to Playwright tests: a row whose action is an Auth 2.0 flow is walked
// by harness/auth/flow.ts (windows and clicks); any other row (a cookie-gated tile on its own) runs
// alone like any scenario. Both are judged as every cell is.

import { cellTest, checkTable } from '../scenarios/define.ts';
import { runAlone } from '../scenarios/run.ts';
import { resolveAction } from '../scenarios/targets.ts';
import type { Deviations, Scenario } from '../scenarios/types.ts';
import { test } from '../test.ts';
import { runAuthFlow } from './flow.ts';

export function authTests(scenarios: Scenario[], deviations: Deviations): void {
  checkTable(scenarios, deviations);
  // A flow opens windows and may start a fresh browser (headed Firefox under load: tens of seconds).
  test.describe.configure({ mode: 'default', timeout: 120_000 });
  for (const scenario of scenarios) {
    cellTest(scenario, deviations, async ({ probe, originsByScheme, token, serverLog }, _cell, testInfo) => {
      const origins = originsByScheme[scenario.scheme ?? 'http'];
      if (scenario.action.kind !== 'auth') return runAlone(scenario, { probe, originsByScheme, serverLog, project: testInfo.project.name }, token);
      const ctx = { origins, token, originsByScheme };
      const action = resolveAction(scenario.action, ctx);
      if (action.kind !== 'auth') throw new Error('unreachable: an auth action resolves to an auth action');
      try {
        const observed = await runAuthFlow(probe, action, origins);
        return { action, ctx, observed, log: await serverLog.forToken(token) };
      } catch (error) {
        return { action, ctx, error: String((error as Error)?.message ?? error).split('\n')[0]!, log: await serverLog.forToken(token) };
      }
    });
  }
}
