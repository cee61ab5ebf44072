// With CORS_TARGET=<url>, the node-side certify checks (forged origins, redirect hops) as tests.

import { expect, test } from '@playwright/test';
import { CHECKS, type NodeCheck } from '../../harness/certify/checks.ts';
import { Corroborator } from '../../harness/certify/evidence.ts';
import { FIXES } from '../../harness/certify/fixes.ts';
import { ATTACKER_ORIGIN, Certifier, runNodeCheck } from '../../harness/certify/run.ts';
import { certifyTarget, trustedFromEnv } from '../../harness/certify/target-env.ts';
import { originsFor, portsFromEnv } from '../../fixtures/origins.ts';

const url = certifyTarget();
if (url) {
  const viewer = originsFor(portsFromEnv()).viewer;
  for (const check of CHECKS.filter((c): c is NodeCheck => c.kind === 'node')) {
    test(`certify ${check.id}: ${check.title}`, { tag: '@certify' }, async ({}, testInfo) => {
      const { target, http } = await Certifier.discover(url);
      const outcome = await runNodeCheck(check, target, new Corroborator(http, viewer), { viewer, attacker: ATTACKER_ORIGIN, trusted: trustedFromEnv() });
      testInfo.annotations.push({ type: 'certify', description: `${outcome.status}: ${outcome.observed}` });
      const fixes = (outcome.causes ?? []).map((c) => FIXES[c].generic).join(' ');
      expect(outcome.status, `${check.id}: ${outcome.observed}\nFix: ${fixes}`).not.toBe('fail');
    });
  }
}
