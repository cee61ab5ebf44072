// @slow, opt-in (CORS_SLOW=1; the nightly matrix runs it): the preflight cache's Max-Age caps
// (specs/scenarios/preflight-cache-caps.ts), in a browser of their own launched with a clock the
// harness moves (harness/engines/clock.ts). Every `wait` step of these rows is taken by moving that
// clock forward, never by sleeping; the other steps run in the page as in every family.

import type { Engine } from '../harness/engines/types.ts';
import { performAction } from '../harness/in-page/actions.ts';
import { cellTest, checkTable } from '../harness/runner/scenario-tests.ts';
import { resolveAction } from '../harness/scenarios/targets.ts';
import { test } from '../harness/runner/test.ts';
import { deviations } from './deviations.ts';
import { scenarios } from './scenarios/preflight-cache-caps.ts';
import type { Observation } from '../contract/page.ts';

const SLOW_TAG = '@slow';

// Checked like every table, against the deviations declared for these rows (the preflight
// family's other rows are bound in preflight.spec.ts).
checkTable(scenarios, Object.fromEntries(Object.entries(deviations).filter(([id]) => scenarios.some((s) => s.id === id))));
// These tests get a browser of their own, launched with the clock (harness/runner/test.ts).
test.use({ clock: true });
test.describe('preflight-cache caps', { tag: SLOW_TAG }, () => {
  for (const scenario of scenarios) {
    cellTest(scenario, deviations, async ({ probe, originsByScheme, token, serverLog, engine }, _cell, testInfo) => {
      const clock = movableClock(engine);
      const ctx = { origins: originsByScheme.http, token, originsByScheme };
      const action = resolveAction(scenario.action, ctx);
      if (action.kind !== 'sequence') throw new Error(`${scenario.id}: a @slow row's action must be a sequence with a wait step`);
      await probe.visit(`${ctx.origins.viewer}/blank`);
      const steps: Observation[] = [];
      for (const step of action.steps) {
        if (step.kind !== 'wait') {
          steps.push(await probe.run(performAction, step));
          continue;
        }
        await clock.advance(step.ms / 1000);
        testInfo.annotations.push({ type: 'clock', description: `moved ${step.ms / 1000} s forward (now ${clock.offset} s ahead) by ${clock.method}` });
        steps.push({ result: 'done' });
      }
      return { action, ctx, observed: { result: 'done', steps }, log: await serverLog.forToken(token) };
    });
  }
});

function movableClock(engine: Engine): NonNullable<Engine['clock']> {
  if (!engine.clock) throw new Error(`${engine.info.engine} was launched without a clock; @slow scenarios need test.use({ clock: true })`);
  return engine.clock;
}
