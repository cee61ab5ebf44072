// Two matrices of the same selection compared whole, run info included. What may differ between
// two runs by nature is listed here and nothing else is left out:
// - run.startedAt, run.finishedAt: timestamps
// - per logged request: `time` (a timestamp) and `seq` (the fixture server's request counter, which
//   counts every request that server saw, so shards count apart)
// - the per-run parts of URLs and headers: the test token (`<project>-<8 hex>`, random per test) and
//   the fixture ports (each run picks free ones; `role` still says which origin a request reached),
//   also URL-encoded in a query (`acao=http%3A%2F%2Flocalhost%3A<port>`)

import type { MatrixDocument } from '../../contract/matrix.ts';

export const RUN_PER_RUN = ['startedAt', 'finishedAt'] as const;
export const REQUEST_PER_RUN = ['time', 'seq', 'port'] as const;

export function comparable(doc: MatrixDocument): unknown {
  const run: Record<string, unknown> = { ...doc.run };
  for (const key of RUN_PER_RUN) delete run[key];
  const cells = doc.cells.map((cell) => ({
    ...cell,
    evidence: {
      ...cell.evidence,
      server: cell.evidence.server.map((request) => {
        const copy: Record<string, unknown> = { ...request };
        for (const key of REQUEST_PER_RUN) delete copy[key];
        return copy;
      }),
    },
  }));
  const text = JSON.stringify({ ...doc, run, cells })
    .replace(/\b((?:chromium|firefox|webkit|unit)[a-z0-9-]*)-[0-9a-f]{8}\b/g, '$1-<token>')
    .replace(/(localhost|127\.0\.0\.1|\[::1\])(:|%3A)\d{2,5}\b/gi, '$1$2<port>'); // also URL-encoded (acao=http%3A%2F%2Flocalhost%3A…)
  return JSON.parse(text);
}
