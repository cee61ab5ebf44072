// `npm run matrix -- --repeat N`: the same catalogue N times in a row, and every cell whose outcome
// was not the same in all N runs. A CORS cell that flips between runs is a finding (a race in an
// engine's cache, a timing-dependent preflight), never something to retry away.

import { type DifferenceKind, MEANINGFUL, assertionsOf, compareOutcomes, describeDifference, kindsOf } from './compare.ts';
import { cellKey } from './model.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

export interface UnstableCell {
  scenario: string;
  engine: string;
  /** Per run, in order: the verdict and what was observed (null where the cell did not run). */
  runs: ({ verdict: Cell['verdict']; observed: Cell['observed']; server: Cell['server'] } | null)[];
  /** What differed (compare.ts): verdict, permitted outcome taken, asserted observation; `missing` when a run lacks the cell. */
  differs: (DifferenceKind | 'missing')[];
  /** Each run against the first, one line per difference (`run 2: server.preflights: 1 → 2`). */
  differences: string[];
}

const outcome = (c: Cell) => ({ verdict: c.verdict, observed: c.observed, server: c.server });

/**
 * Cells whose outcome differs between the runs, compared by meaning (compare.ts): the verdict, the
 * permitted outcome taken, or an asserted observation or server fact. Key order and what no
 * outcome asserts (error text where only the result is asserted) are no difference.
 */
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
    const present = Array.from(cells).filter((c): c is Cell => c !== undefined);
    const assertions = assertionsOf(present);
    const differences = present.slice(1).flatMap((c) => {
      const run = cells.indexOf(c) + 1;
      return compareOutcomes(present[0]!, c, assertions).filter((d) => MEANINGFUL.includes(d.kind)).map((d) => ({ run, d }));
    });
    const missing = present.length < cells.length;
    if (!differences.length && !missing) continue;
    unstable.push({
      scenario,
      engine,
      runs: Array.from(cells, (c) => (c ? outcome(c) : null)),
      differs: [...kindsOf(differences.map((x) => x.d), MEANINGFUL), ...(missing ? (['missing'] as const) : [])],
      differences: differences.map(({ run, d }) => `run ${run}: ${describeDifference(d)}`),
    });
  }
  return unstable;
}

/** A few lines for the terminal: one per unstable cell, its verdict in each run. */
export function describeUnstable(unstable: UnstableCell[], runs: number): string {
  if (unstable.length === 0) return `Repeat: every cell had the same outcome in all ${runs} runs.\n`;
  const lines = unstable.map((u) => `  ${u.scenario} @ ${u.engine}: ${u.runs.map((r) => r?.verdict ?? 'missing').join(' → ')} (differs in ${u.differs.join(', ')})`);
  return `Repeat: ${unstable.length} cell(s) differed between the ${runs} runs (details in repeat.json):\n${lines.join('\n')}\n`;
}
