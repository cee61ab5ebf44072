// With CORS_TARGET=<url>, certify that server in every engine as Playwright tests (the browser
// checks; the node-side checks are in specs/unit/certify-target.test.ts). Without it, no tests.

import { CHECKS, type BrowserCheck } from '../harness/certify/checks.ts';
import { Certifier } from '../harness/certify/run.ts';
import { certifyTarget } from '../harness/certify/target-env.ts';
import { FIXES } from '../harness/certify/fixes.ts';
import { performAction } from '../harness/in-page/actions.ts';
import { expect, test } from '../harness/test.ts';

const url = certifyTarget();
if (url) {
  const discovered = Certifier.discover(url);
  for (const check of CHECKS.filter((c): c is BrowserCheck => c.kind === 'browser')) {
    test(`certify ${check.id}: ${check.title}`, { tag: '@certify' }, async ({ probe, origins }, testInfo) => {
      const { target } = await discovered;
      if (check.applies && !check.applies(target)) {
        testInfo.annotations.push({ type: 'certify', description: 'n/a: not applicable to this target' });
        return;
      }
      await probe.visit(`${origins.viewer}/blank`);
      const outcome = check.judge(await probe.run(performAction, check.action(target)));
      testInfo.annotations.push({ type: 'certify', description: `${outcome.status}: ${outcome.observed}` });
      expect(outcome.status, `${check.id}: ${outcome.observed}\nFix: ${FIXES[check.problem].summary}`).not.toBe('fail');
    });
  }
}
