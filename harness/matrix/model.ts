// The matrix document (matrix.json). Its shapes are declared once, with their JSON Schema, in
// contract/matrix.ts (matrix.schema.json beside this file is generated from it); a cell is
// stored exactly as its test built it (contract/cell.ts). This module adds the helpers.

import type { Cell } from '../../contract/cell.ts';
import type { Summary } from '../../contract/matrix.ts';

export const cellKey = (c: { scenario: string; engine: string }) => `${c.scenario}\u0000${c.engine}`;

export function summarize(cells: Cell[]): Summary {
  const summary: Summary = {};
  for (const cell of cells) {
    const counts = (summary[cell.engine] ??= { conforms: 0, 'known-deviation': 0, unexpected: 0, error: 0, alternative: 0, policy: 0 });
    counts[cell.verdict]++;
    if (cell.verdict !== 'conforms' || !cell.outcome) continue;
    if (cell.outcome.basis === 'policy') counts.policy++;
    else if (cell.outcome.index > 0) counts.alternative++;
  }
  return summary;
}

/** Stable order: family (catalogue order), then scenario id, then engine project. */
export function sortCells(cells: Cell[], familyOrder: readonly string[], engineOrder: readonly string[]): Cell[] {
  const rank = (list: readonly string[], x: string) => (list.includes(x) ? list.indexOf(x) : list.length);
  return [...cells].sort(
    (a, b) =>
      rank(familyOrder, a.family) - rank(familyOrder, b.family) ||
      a.scenario.localeCompare(b.scenario) ||
      rank(engineOrder, a.engine) - rank(engineOrder, b.engine),
  );
}

/** How many scenarios (rows, not cells) name WPT counterparts, say WPT has none, or carry no mapping (an older matrix). */
export function wptCoverage(cells: Pick<Cell, 'scenario' | 'spec'>[]): { scenarios: number; withWpt: number; none: number; unmapped: number } {
  const rows = new Map(cells.map((c) => [c.scenario, c.spec]));
  const specs = [...rows.values()];
  const withWpt = specs.filter((s) => s.wpt?.length).length;
  const none = specs.filter((s) => s.wpt && !s.wpt.length).length;
  return { scenarios: specs.length, withWpt, none, unmapped: specs.length - withWpt - none };
}

/** The coverage in one sentence, for the markdown and HTML summaries. */
export function wptCoverageLine(cells: Pick<Cell, 'scenario' | 'spec'>[]): string {
  const c = wptCoverage(cells);
  return `WPT: ${c.withWpt} of ${c.scenarios} scenarios have a web-platform-tests counterpart; ${c.none} test what WPT does not (none found, with what was searched)${c.unmapped ? `; ${c.unmapped} carry no mapping` : ''}.`;
}
