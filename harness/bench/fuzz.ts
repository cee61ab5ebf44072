// The fixture server under 100,000 hostile requests (CORS_FUZZ_REQUESTS to change): whether it
// stays up, answers no unasked 5xx, keeps its memory bounded, and still serves a correct request.

import { fuzzFixtures } from '../fuzz/fuzz-fixtures.ts';
import type { Bench } from './types.ts';

const bench: Bench = {
  name: 'fuzz',
  description: 'fixture server under hostile requests and slow clients: crashes, unasked 5xx, RSS before/peak/after',
  async run() {
    const requests = Number(process.env.CORS_FUZZ_REQUESTS ?? 100_000);
    const started = Date.now();
    const report = await fuzzFixtures({
      requests,
      onProgress: (done) => done % 10_000 === 0 && process.stdout.write(`  ${done} requests, ${Math.round((Date.now() - started) / 1000)} s\n`),
    });
    return { ...report, requestsPerSecond: Math.round(requests / (report.durationMs / 1000)) };
  },
};
export default bench;
