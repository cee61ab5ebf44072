// One comparison of two cells' outcomes by meaning (harness/matrix/compare.ts), used by the interop
// view, baseline diffs, --repeat and history: key order is not a difference, nor is what the
// scenario does not assert (engine-specific error text where only the result is asserted); the
// verdict, the permitted outcome taken and the asserted observation are, each named as such.

import { expect, test } from '../support/browserless.ts';
import { compareCells } from '../../harness/matrix/baseline.ts';
import { cellHistory, interopRows } from '../../harness/matrix/history.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import { unstableCells } from '../../harness/matrix/repeat.ts';
import { sampleMatrix } from '../support/sample-matrix.ts';

const FACTS = { preflights: 1, requests: 1, methods: ['OPTIONS', 'PUT'], origins: ['viewer'], preflightOrigins: ['viewer'], cookie: false, controlCookie: false, schemes: ['http'], preflightCookie: false, acrm: 'PUT', acrh: null, acrms: ['PUT'], acrhs: [null], cookies: [false], statuses: [200], authorization: [false], rejected: 0 };

/** A cell of a scenario that permits "reused" (1 preflight) and "refetched" (2 preflights), asserting only the result. */
function cell(engine: string, observed: Cell['observed'], extra: Partial<Cell> = {}): Cell {
  return {
    scenario: 'preflight/cache-x',
    family: 'preflight',
    title: 'a cache row',
    engine,
    engineVersion: '1',
    spec: {
      outcomes: [
        { label: 'reused', observed: { steps: [{ result: 'readable' }, { result: 'readable' }] }, server: { preflights: 1 }, cite: 'https://fetch.spec.whatwg.org/#cors-preflight-cache' },
        { label: 'refetched', observed: { steps: [{ result: 'readable' }, { result: 'readable' }] }, server: { preflights: 2 }, cite: 'https://fetch.spec.whatwg.org/#cors-preflight-cache' },
      ],
    },
    outcome: { index: 0, label: 'reused', basis: 'normative', cite: 'https://fetch.spec.whatwg.org/#cors-preflight-cache' },
    observed,
    server: { ...FACTS },
    verdict: 'conforms',
    differences: [],
    evidence: { action: null, server: [] },
    ...extra,
  };
}

const docOf = (...cells: Cell[]) => ({ ...sampleMatrix(), cells }) as MatrixDocument;
const step = (s: object) => s as NonNullable<Cell['observed']>;

test('the same outcome recorded with its keys in another order is one outcome: no interop difference', () => {
  const a = cell('chromium', { steps: [step({ result: 'readable', status: 200 }), step({ result: 'readable', status: 200 })] });
  const b = cell('webkit', { steps: [step({ status: 200, result: 'readable' }), step({ status: 200, result: 'readable' })] });
  const row = interopRows(docOf(a, b)).find((r) => r.scenario === 'preflight/cache-x')!;
  expect(row.outcomes).toBe(1);
  expect(row.differs).toEqual([]);
});

test('engine-specific error text is not a difference where the scenario asserts only the result', () => {
  const blocked = (error: string) => ({ steps: [step({ result: 'readable' }), step({ result: 'blocked', error })] });
  const spec: Cell['spec'] = { outcomes: [{ observed: { steps: [{ result: 'readable' }, { result: 'blocked' }] }, server: { preflights: 1 }, cite: 'https://fetch.spec.whatwg.org/#cors-check' }] };
  const a = cell('chromium', blocked('TypeError: Failed to fetch'), { spec });
  const b = cell('firefox', blocked('TypeError: NetworkError when attempting to fetch resource.'), { spec });
  const c = cell('webkit', { steps: [step({ result: 'readable' }), step({ error: 'TypeError: Load failed', result: 'blocked' })] }, { spec });
  const row = interopRows(docOf(a, b, c))[0]!;
  expect(row.outcomes).toBe(1);
  expect(row.differs).toEqual([]);
  // …but where the scenario asserts the error, it is compared.
  const asserting: Cell['spec'] = { outcomes: [{ observed: { steps: [{ result: 'readable' }, { result: 'blocked', error: 'TypeError: Failed to fetch' }] }, server: { preflights: 1 }, cite: 'x' }] };
  const split = interopRows(docOf({ ...a, spec: asserting }, { ...b, spec: asserting }))[0]!;
  expect(split.differs).toEqual(['observation']);
  expect(split.notes.join('\n')).toContain('observed.steps[1].error');
});

test('the view says what differs: the verdict, the permitted outcome taken, or the observation', () => {
  const readable = { steps: [step({ result: 'readable' }), step({ result: 'readable' })] };
  const refetched = cell('firefox', readable, { outcome: { index: 1, label: 'refetched', basis: 'normative', cite: 'c' }, server: { ...FACTS, preflights: 2 } });
  const row = interopRows(docOf(cell('chromium', readable), refetched, cell('webkit', readable)))[0]!;
  expect(row.outcomes).toBe(2);
  expect(row.differs).toEqual(['outcome', 'observation']);
  expect(row.notes).toContain('outcome taken: reused (chromium, webkit) · refetched (firefox)');
  expect(row.notes).toContain('server.preflights: 1 (chromium, webkit) · 2 (firefox)');

  const deviating = cell('webkit', { steps: [step({ result: 'readable' }), step({ result: 'blocked' })] }, { verdict: 'known-deviation', outcome: { index: -1, label: 'declared deviation', basis: 'deviation', cite: 'bug' }, deviation: { observed: { steps: [{ result: 'readable' }, { result: 'blocked' }] }, cite: 'bug' } });
  const dev = interopRows(docOf(cell('chromium', readable), deviating))[0]!;
  expect(dev.differs).toEqual(['verdict', 'outcome', 'observation']);
  expect(dev.notes[0]).toBe('verdict: conforms (chromium) · known-deviation (webkit)');
  expect(dev.notes).toContain('observed.steps[1].result: "readable" (chromium) · "blocked" (webkit)');
});

test('a cell not observed (error) is left out of the comparison', () => {
  const readable = { steps: [step({ result: 'readable' }), step({ result: 'readable' })] };
  const row = interopRows(docOf(cell('chromium', readable), cell('webkit', null, { verdict: 'error', server: null, error: 'browser closed' })))[0]!;
  expect(row.outcomes).toBe(1);
  expect(row.verdicts).toEqual({ chromium: 'conforms', webkit: 'error' });
});

test('baseline, --repeat and history use the same comparison: key order and unasserted error text are no change', () => {
  const before = cell('webkit', { steps: [step({ result: 'readable' }), step({ result: 'blocked', error: 'TypeError' })] });
  const reordered = cell('webkit', { steps: [step({ result: 'readable' }), step({ error: 'AbortError', result: 'blocked' })] });
  // Baseline: an unasserted detail is listed as such (never failed on), not as an observation change.
  expect(compareCells([before], [reordered]).map((c) => [c.kind, c.differences])).toEqual([['detail', ['observed.steps[1].error: "TypeError" → "AbortError"']]]);
  const keysOnly = cell('webkit', { steps: [step({ result: 'readable' }), step({ error: 'TypeError', result: 'blocked' })] });
  expect(compareCells([before], [keysOnly])).toEqual([]);
  // --repeat: neither key order nor unasserted text makes a cell unstable.
  expect(unstableCells([docOf(before), docOf(reordered), docOf(keysOnly)])).toEqual([]);
  // …the permitted outcome taken does, with what differed.
  const refetched = cell('webkit', before.observed, { outcome: { index: 1, label: 'refetched', basis: 'normative', cite: 'c' }, server: { ...FACTS, preflights: 2 } });
  const unstable = unstableCells([docOf(before), docOf(refetched)]);
  expect(unstable.map((u) => u.differs)).toEqual([['outcome', 'observation']]);
  expect(compareCells([before], [refetched]).map((c) => c.kind)).toEqual(['outcome']);
  // History: a streak holds across key order and error text, and breaks where the outcome taken changed.
  const at = (n: number, c: Cell) => ({ ...docOf(c), run: { ...sampleMatrix().run, startedAt: `2026-11-0${n}T00:00:00.000Z` } });
  const key = 'preflight/cache-x\u0000webkit';
  expect(cellHistory([at(1, before), at(2, reordered), at(3, keysOnly)])[key]).toMatchObject({ since: '2026-11-01T00:00:00.000Z', before: null });
  expect(cellHistory([at(1, before), at(2, refetched)])[key]).toMatchObject({ since: '2026-11-02T00:00:00.000Z', before: { verdict: 'conforms', differs: ['outcome', 'observation'] } });
});

test('a server fact one side never recorded (an older harness) is not a change', () => {
  const { acrhs: _, ...older } = FACTS;
  const was = cell('chromium', { result: 'readable' }, { server: older as Cell['server'] });
  expect(compareCells([was], [cell('chromium', { result: 'readable' })])).toEqual([]);
});
