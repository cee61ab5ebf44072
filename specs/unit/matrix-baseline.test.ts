// What a nightly job fails on: a verdict that changed, a cell that appeared or disappeared. A fact no
// permitted outcome asserts (how many tiles a viewer asked for) moves between runs and is only listed,
// as a `detail` (harness/matrix/compare.ts; specs/unit/matrix-compare.test.ts has the rest).

import { expect, test } from '../support/browserless.ts';
import { compareCells, failingChanges } from '../../harness/matrix/baseline.ts';
import type { Cell } from '../../contract/cell.ts';

const cell = (scenario: string, verdict: Cell['verdict'], requests: number) =>
  ({ scenario, engine: 'chromium', verdict, observed: { result: 'loaded' }, server: { requests } }) as unknown as Cell;

test('only verdict changes, additions and removals fail; unasserted facts are listed', () => {
  const before = [cell('viewer/a', 'conforms', 18), cell('simple/b', 'conforms', 1), cell('simple/gone', 'conforms', 1)];
  const after = [cell('viewer/a', 'conforms', 20), cell('simple/b', 'unexpected', 1), cell('simple/new', 'conforms', 1)];
  const changes = compareCells(before, after);
  expect(changes.map((c) => `${c.kind} ${c.scenario}`).sort()).toEqual(['added simple/new', 'detail viewer/a', 'removed simple/gone', 'verdict simple/b']);
  expect(failingChanges({ changes }).map((c) => c.scenario).sort()).toEqual(['simple/b', 'simple/gone', 'simple/new']);
});
