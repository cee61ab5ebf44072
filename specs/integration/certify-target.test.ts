// With CORS_TARGET=<url>, the node-side certify checks (forged origins, redirect hops) as tests, run
// by the Certifier with no engine (as `npm run certify` runs them, diagnosis included).

import { test } from '@playwright/test';
import { CHECKS } from '../../harness/certify/checks.ts';
import { Certifier } from '../../harness/certify/run.ts';
import { certifyTarget, trustedFromEnv } from '../../harness/certify/target-env.ts';
import { targetTest } from '../../harness/certify/target-test.ts';
import { originsFor, portsFromEnv } from '../../fixtures/origins.ts';

const url = certifyTarget();
if (url) {
  const viewer = originsFor(portsFromEnv()).viewer;
  for (const check of CHECKS.filter((c) => c.kind === 'node')) {
    test(`certify ${check.id}: ${check.title}`, { tag: '@certify' }, async ({}, testInfo) => {
      const certifier = Certifier.attach([], viewer, { trustedOrigins: trustedFromEnv() });
      targetTest(await certifier.certify(await Certifier.discover(url), { only: [check.id] }), testInfo);
    });
  }
}
