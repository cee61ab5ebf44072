// With CORS_TARGET=<url>, certify that server in every engine as Playwright tests: one test per
// browser check, each run by the Certifier (as `npm run certify` runs it: every failure corroborated
// from Node, then diagnosed for the server found) in the test's own browser. The node-side checks
// are in specs/integration/certify-target.test.ts. Without CORS_TARGET, no tests.

import { CHECKS } from '../harness/certify/checks.ts';
import { Certifier } from '../harness/certify/run.ts';
import { certifyTarget, trustedFromEnv } from '../harness/certify/target-env.ts';
import { targetTest } from '../harness/certify/target-test.ts';
import { test } from '../harness/runner/test.ts';

const url = certifyTarget();
if (url) {
  const discovered = Certifier.discover(url);
  for (const check of CHECKS.filter((c) => c.kind === 'browser')) {
    test(`certify ${check.id}: ${check.title}`, { tag: '@certify' }, async ({ engine, probe, origins }, testInfo) => {
      await probe.visit(`${origins.viewer}/blank`);
      const certifier = Certifier.attach([{ engine, probe }], origins.viewer, { trustedOrigins: trustedFromEnv() });
      targetTest(await certifier.certify(await discovered, { only: [check.id] }), testInfo);
    });
  }
}
