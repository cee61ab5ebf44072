// --history, browserless, from synthetic matrix.json files: each run kept under its start time,
// per cell since which run (and engine version) the verdict holds, the interop view's order, and
// the HTML report showing both.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/browserless.ts';
import { cellHistory, interopRows, keepRun, readHistory } from '../../harness/matrix/history.ts';
import { renderHtml } from '../../harness/matrix/html.ts';
import { cellKey } from '../../harness/matrix/model.ts';
import { sampleMatrix } from '../support/sample-matrix.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import type { Verdict } from '../../contract/verdict.ts';

/** Night `n` of a synthetic history: the sample matrix with a start time, an engine version and chosen verdicts. */
function night(n: number, version: string, verdicts: Record<string, Verdict>): MatrixDocument {
  const doc = sampleMatrix();
  doc.run.startedAt = `2026-11-0${n}T02:00:00.000Z`;
  for (const cell of doc.cells) {
    if (cell.engine === 'chromium') cell.engineVersion = version;
    const verdict = verdicts[`${cell.scenario}@${cell.engine}`];
    if (verdict) cell.verdict = verdict;
  }
  return doc;
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cors-history-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

function keep(doc: MatrixDocument): string {
  const path = join(dir, 'matrix.json');
  writeFileSync(path, JSON.stringify(doc));
  return keepRun(join(dir, 'history'), path);
}

test('each run is kept under its start time, and read back oldest first; a stray file is named and left out', () => {
  keep(night(3, '3.0', {}));
  keep(night(1, '1.0', {}));
  writeFileSync(join(dir, 'history', 'matrix-broken.json'), '{');
  const warnings: string[] = [];
  const runs = readHistory(join(dir, 'history'), (m) => warnings.push(m));
  expect(readdirSync(join(dir, 'history')).sort()).toEqual(['matrix-2026-11-01T02-00-00.000Z.json', 'matrix-2026-11-03T02-00-00.000Z.json', 'matrix-broken.json']);
  expect(runs.map((d) => d.run.startedAt)).toEqual(['2026-11-01T02:00:00.000Z', '2026-11-03T02:00:00.000Z']);
  expect(warnings).toEqual([expect.stringMatching(/^matrix-broken\.json could not be read .*left out of the history$/)]);
  expect(readHistory(join(dir, 'nowhere'))).toEqual([]);
});

test('a cell says since which run and engine version its verdict holds, and what it was before', () => {
  // simple/no-acao in chromium: conforms on nights 1–2 (engine 1.0, 2.0), unexpected from night 3 (3.0) on.
  keep(night(1, '1.0', {}));
  keep(night(2, '2.0', {}));
  keep(night(3, '3.0', { 'simple/no-acao@chromium': 'unexpected' }));
  keep(night(4, '4.0', { 'simple/no-acao@chromium': 'unexpected' }));
  const history = cellHistory(readHistory(join(dir, 'history')));
  expect(history[cellKey({ scenario: 'simple/no-acao', engine: 'chromium' })]).toEqual({
    since: '2026-11-03T02:00:00.000Z',
    sinceVersion: '3.0',
    before: { verdict: 'conforms', differs: ['verdict'], version: '2.0', at: '2026-11-02T02:00:00.000Z' },
    runs: 4,
  });
  // Never changed: since the oldest kept run, nothing before.
  expect(history[cellKey({ scenario: 'preflight/put-allowed', engine: 'firefox' })]).toEqual({ since: '2026-11-01T02:00:00.000Z', sinceVersion: '1.0', before: null, runs: 4 });
  expect(Object.keys(history)).toHaveLength(6);
  expect(cellHistory([])).toEqual({});
});

test('a cell missing from some runs is followed across the gap; a cell new in the latest run starts there', () => {
  const gap = night(2, '2.0', {});
  gap.cells = gap.cells.filter((c) => !(c.scenario === 'simple/no-acao' && c.engine === 'chromium'));
  keep(night(1, '1.0', {}));
  keep(gap);
  keep(night(3, '3.0', {}));
  const history = cellHistory(readHistory(join(dir, 'history')));
  expect(history[cellKey({ scenario: 'simple/no-acao', engine: 'chromium' })]).toMatchObject({ since: '2026-11-01T02:00:00.000Z', before: null, runs: 2 });
});

test('the interop view lists scenarios where engines disagree first, each with the spec citation', () => {
  const doc = sampleMatrix();
  // Make preflight/put-allowed agree: both observing engines see 'blocked' and conform, taking the first outcome.
  const first = { index: 0, basis: 'normative', cite: 'https://fetch.spec.whatwg.org/#cors-check' };
  for (const c of doc.cells.filter((c) => c.scenario === 'preflight/put-allowed' && c.observed)) Object.assign(c, { verdict: 'conforms', outcome: first, observed: { result: 'blocked' } });
  const rows = interopRows(doc);
  expect(rows.map((r) => [r.scenario, r.outcomes])).toEqual([['simple/no-acao', 2], ['preflight/put-allowed', 1]]);
  expect(rows[0]).toMatchObject({ verdicts: { chromium: 'conforms', firefox: 'known-deviation', webkit: 'error' }, cite: 'https://fetch.spec.whatwg.org/#cors-check', differs: ['verdict', 'outcome', 'observation'] });
});

test('the HTML report embeds the history and the interop view', () => {
  keep(night(1, '1.0', {}));
  keep(night(2, '2.0', { 'simple/no-acao@chromium': 'unexpected' }));
  const runs = readHistory(join(dir, 'history'));
  const html = renderHtml(runs.at(-1)!, cellHistory(runs));
  const embedded = (id: string) => JSON.parse(html.match(new RegExp(`<script id="${id}" type="application/json">(.*?)</script>`))![1]!) as unknown;
  expect(embedded('history-data')).toMatchObject({ [cellKey({ scenario: 'simple/no-acao', engine: 'chromium' })]: { sinceVersion: '2.0', before: { verdict: 'conforms' } } });
  // Both sample scenarios split the engines, so both come first, by id.
  expect((embedded('interop-data') as { scenario: string; outcomes: number }[]).map((r) => [r.scenario, r.outcomes])).toEqual([['preflight/put-allowed', 2], ['simple/no-acao', 2]]);
  expect(html).toContain('id="interop"');
  expect(embedded('history-data')).not.toBeNull();
  expect(JSON.parse(renderHtml(runs[0]!).match(/<script id="history-data" type="application\/json">(.*?)<\/script>/)![1]!)).toBeNull();
});
