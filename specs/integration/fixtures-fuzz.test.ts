// A bounded fuzz run against a real fixture server process: hostile requests (random IIIF
// parameters, traversal, huge and malformed headers, broken request lines, bad /make queries) and
// slow clients. No crash, no 5xx the request did not ask for, memory bounded, and a correct request
// still served. `npm run bench -- fuzz` runs the same with 100,000 requests.

import { expect, test } from '@playwright/test';
import { fuzzFixtures } from '../../harness/fuzz/fuzz-fixtures.ts';

test('3,000 hostile requests and 20 slow clients: no crash, no unasked 5xx, bounded memory, still serving', async () => {
  test.setTimeout(180_000);
  const report = await fuzzFixtures({ requests: 3000, seed: 20261130 });
  expect(report.crashed).toBeNull();
  expect(report.serverErrors).toEqual([]);
  expect(report.timeouts).toBe(0);
  expect(report.stillServes).toBe(true);
  // Every kind of hostile input was sent (the generator's mix, not an accident of the seed).
  expect(Object.keys(report.byKind).sort()).toEqual(['headers', 'iiif', 'make', 'request-line', 'traversal']);
  // Measured: 96 → ~150 MB over 3,000 requests, ~350 MB peak over 100,000 (request log, image cache
  // and sharp's buffers are each bounded); a leak per request would show here first.
  expect(report.rssMB.peak - report.rssMB.before, JSON.stringify(report.rssMB)).toBeLessThan(250);
  test.info().annotations.push({ type: 'fuzz', description: JSON.stringify({ durationMs: report.durationMs, rssMB: report.rssMB, byStatus: report.byStatus }) });
});
