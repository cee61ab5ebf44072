// The request log's memory bound is in bytes, not only counts: requests with thousands of headers
// (the fuzz test sends them) must not grow the log past its budget, and the newest token survives.

import { expect, test } from '../support/browserless.ts';
import { RequestLog, requestToLogEntry } from '../../fixtures/request-log.ts';

const bulky = (token: string) => {
  const raw = Array.from({ length: 2000 }, (_, i) => [`X-Many-${i}`, String(i)]).flat();
  return requestToLogEntry(new Request(`http://localhost/make?token=${token}`), 'image', raw, `/make?token=${token}`);
};

test('bulky requests evict the least recently written tokens to stay within maxBytes', () => {
  const log = new RequestLog({ maxTokens: 5000, maxEntriesPerToken: 200, maxUntokened: 500, maxBytes: 2_000_000 });
  for (let i = 0; i < 100; i++) log.record(bulky(`t${i}`));
  expect(log.approximateBytes).toBeLessThanOrEqual(2_000_000);
  expect(log.tokenCount).toBeGreaterThan(1);
  expect(log.tokenCount).toBeLessThan(100);
  expect(log.forToken('t99')).toHaveLength(1);
  expect(log.forToken('t0')).toEqual([]);
});

test('count limits still apply, and evicted entries give their bytes back', () => {
  const log = new RequestLog({ maxTokens: 2, maxEntriesPerToken: 1, maxUntokened: 1, maxBytes: 10_000_000 });
  for (let i = 0; i < 10; i++) log.record(bulky('same'));
  const one = log.approximateBytes;
  for (let i = 0; i < 10; i++) log.record(bulky(`other${i}`));
  expect(log.tokenCount).toBe(2);
  expect(Math.abs(log.approximateBytes - 2 * one)).toBeLessThan(100); // the paths differ by a few characters
});
