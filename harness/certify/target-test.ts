// One CORS_TARGET test's verdict (specs/certify-target.spec.ts, specs/integration/certify-target.test.ts):
// the report of one check in one column, failing with the observation and the fix for the server found.

import { expect, type TestInfo } from '@playwright/test';
import type { CertifyReport } from './types.ts';

export function targetTest(report: CertifyReport, testInfo: TestInfo): void {
  const check = report.checks[0]!;
  const outcome = Object.values(check.results)[0]!;
  testInfo.annotations.push({ type: 'certify', description: `${outcome.status}: ${outcome.observed}` });
  const fixes = report.diagnoses.map((d) => `${d.title} (${d.fix.server}): ${d.fix.text}`).join('\n');
  expect(outcome.status, `${check.id}: ${outcome.observed}\nFix: ${fixes}`).not.toBe('fail');
}
