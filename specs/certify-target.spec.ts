// With CORS_TARGET=<url>, certify that server in every engine as Playwright tests (the browser
// checks, each failure corroborated from Node; the node-side checks are in
// specs/integration/certify-target.test.ts). Without it, no tests.

import { CHECKS, type BrowserCheck } from '../harness/certify/checks.ts';
import { Corroborator } from '../harness/certify/evidence.ts';
import { FIXES } from '../harness/certify/fixes.ts';
import { Certifier, baselineFor, runBrowserCheck } from '../harness/certify/run.ts';
import { certifyTarget } from '../harness/certify/target-env.ts';
import { expect, test } from '../harness/test.ts';

const url = certifyTarget();
if (url) {
  const discovered = Certifier.discover(url);
  for (const check of CHECKS.filter((c): c is BrowserCheck => c.kind === 'browser')) {
    test(`certify ${check.id}: ${check.title}`, { tag: '@certify' }, async ({ probe, origins }, testInfo) => {
      const { target, http } = await discovered;
      await probe.visit(`${origins.viewer}/blank`);
      const node = new Corroborator(http, origins.viewer);
      const outcome = await runBrowserCheck(probe, check, target, node, await baselineFor(target, node));
      testInfo.annotations.push({ type: 'certify', description: `${outcome.status}: ${outcome.observed}` });
      const fixes = (outcome.causes ?? []).map((c) => FIXES[c].generic).join(' ');
      expect(outcome.status, `${check.id}: ${outcome.observed}\nFix: ${fixes}`).not.toBe('fail');
    });
  }
}
