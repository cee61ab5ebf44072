// The end-of-run Engines table, browserless: fake test results go in, the printed table comes out.
// An engine project whose tests never saw a browser says ENGINE DID NOT RUN with the first error;
// a failed unit or integration test is a failed test, never reported as a missing engine.

import type { FullResult, TestCase, TestResult } from '@playwright/test/reporter';
import { expect, test } from '../support/browserless.ts';
import EnginesReporter from '../../harness/runner/engines-reporter.ts';

const testIn = (project: string) => ({ parent: { project: () => ({ name: project }) } }) as unknown as TestCase;
const result = (status: TestResult['status'], message?: string) => ({ status, annotations: [], ...(message && { error: { message } }) }) as unknown as TestResult;

function table(feed: (reporter: EnginesReporter) => void): string {
  const reporter = new EnginesReporter();
  feed(reporter);
  let printed = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
  try {
    reporter.onEnd({} as FullResult);
  } finally {
    process.stdout.write = write;
  }
  return printed;
}

test('a failed integration test is a failed test; an engine that never started says why', () => {
  const printed = table((r) => {
    r.onTestEnd(testIn('integration'), result('passed'));
    r.onTestEnd(testIn('integration'), result('failed', 'expect(received).toMatch(expected)\nmore'));
    r.onTestEnd(testIn('chromium'), result('failed', 'EngineUnavailableError: chromium: not installed\n  at …'));
  });
  expect(printed).toMatch(/integration\s+1 passed\s+1 failed\s+\(browsers and servers in child processes\)/);
  expect(printed).not.toMatch(/integration.*ENGINE DID NOT RUN/);
  expect(printed).toMatch(/chromium\s+0 passed\s+1 failed\s+ENGINE DID NOT RUN: EngineUnavailableError: chromium: not installed$/m);
});
