// `npm run matrix -- --repeat N`: the same catalogue N times in a row, and every cell whose outcome
// was not the same in all N runs. A CORS cell that flips between runs is a finding (a race in an
// engine's cache, a timing-dependent preflight), never something to retry away.

import { isDeepStrictEqual } from 'node:util';
import { cellKey } from './model.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

export interface UnstableCell {
  scenario: string;
  engine: string;
  /** Per run, in order: the verdict and what was observed (null where the cell did not run). */
  runs: ({ verdict: Cell['verdict']; observed: Cell['observed']; server: Cell['server'] } | null)[];
}

const outcome = (c: Cell) => ({ verdict: c.verdict, observed: c.observed, server: c.server });

/** Cells whose verdict, observation or server facts differ between any two of the runs. */
export function unstableCells(runs: MatrixDocument[]): UnstableCell[] {
  const byKey = new Map<string, { scenario: string; engine: string; runs: (Cell | undefined)[] }>();
  runs.forEach((doc, i) => {
    for (const cell of doc.cells) {
      const entry = byKey.get(cellKey(cell)) ?? { scenario: cell.scenario, engine: cell.engine, runs: new Array<Cell | undefined>(runs.length) };
      entry.runs[i] = cell;
      byKey.set(cellKey(cell), entry);
    }
  });
  const unstable: UnstableCell[] = [];
  for (const { scenario, engine, runs: cells } of byKey.values()) {
    const shown = Array.from(cells, (c) => (c ? outcome(c) : null));
    if (shown.some((o) => !isDeepStrictEqual(o, shown[0]))) unstable.push({ scenario, engine, runs: shown });
  }
  return unstable;
}

/** A few lines for the terminal: one per unstable cell, its verdict in each run. */
export function describeUnstable(unstable: UnstableCell[], runs: number): string {
  if (unstable.length === 0) return `Repeat: every cell had the same outcome in all ${runs} runs.\n`;
  const lines = unstable.map((u) => `  ${u.scenario} @ ${u.engine}: ${u.runs.map((r) => r?.verdict ?? 'missing').join(' → ')}`);
  return `Repeat: ${unstable.length} cell(s) differed between the ${runs} runs (details in repeat.json):\n${lines.join('\n')}\n`;
}
