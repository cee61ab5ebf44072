// `--repeat N` lists exactly the cells whose outcome was not the same in every run.

import { expect, test } from '../support/browserless.ts';
import { describeUnstable, unstableCells } from '../../harness/matrix/repeat.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

// The scenario asserts the result and the preflight count (what --repeat compares; compare.ts).
const spec = { outcomes: [{ observed: { result: 'readable' }, server: { preflights: 0 }, cite: 'x' }] };
const cell = (scenario: string, engine: string, verdict: Cell['verdict'], result = 'readable') =>
  ({ scenario, engine, verdict, spec, observed: { result }, server: { preflights: 0 } }) as unknown as Cell;
const doc = (...cells: Cell[]) => ({ cells }) as MatrixDocument;

test('a cell that flips in one run of three is listed with its verdict per run; stable cells are not', () => {
  const runs = [
    doc(cell('simple/a', 'chromium', 'conforms'), cell('simple/b', 'firefox', 'conforms')),
    doc(cell('simple/a', 'chromium', 'unexpected', 'blocked'), cell('simple/b', 'firefox', 'conforms')),
    doc(cell('simple/a', 'chromium', 'conforms'), cell('simple/b', 'firefox', 'conforms')),
  ];
  const unstable = unstableCells(runs);
  expect(unstable.map((u) => [u.scenario, u.engine, u.runs.map((r) => r?.verdict)])).toEqual([['simple/a', 'chromium', ['conforms', 'unexpected', 'conforms']]]);
  expect(describeUnstable(unstable, 3)).toContain('simple/a @ chromium: conforms → unexpected → conforms (differs in verdict, observation)');
  expect(unstable[0]!.differences).toEqual(['run 2: verdict: conforms → unexpected', 'run 2: observed.result: "readable" → "blocked"']);
});

test('the same verdict with a different asserted observation still counts as a difference', () => {
  const runs = [doc(cell('canvas/x', 'webkit', 'conforms', 'loaded')), doc(cell('canvas/x', 'webkit', 'conforms', 'error'))];
  expect(unstableCells(runs).map((u) => u.differs)).toEqual([['observation']]);
});

test('a cell missing from one run is a difference', () => {
  const runs = [doc(cell('simple/a', 'chromium', 'conforms')), doc()];
  expect(unstableCells(runs)[0]!.runs).toEqual([{ verdict: 'conforms', observed: { result: 'readable' }, server: { preflights: 0 } }, null]);
});

test('identical runs have nothing to report', () => {
  const runs = [doc(cell('simple/a', 'chromium', 'conforms')), doc(cell('simple/a', 'chromium', 'conforms'))];
  expect(unstableCells(runs)).toEqual([]);
  expect(describeUnstable([], 2)).toBe('Repeat: every cell had the same outcome in all 2 runs.\n');
});
