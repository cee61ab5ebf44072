// `npm run matrix -- --history <dir>`: every run's matrix.json is kept in <dir> under its start
// time, and the report says per cell since when (which run, which engine version) its verdict has
// been what it is now; plus an interop view, scenarios where the engines disagree first (as
// wpt.fyi's interop view), each with the spec citation and what differs. Both compare outcomes by
// meaning (compare.ts). Pure functions over matrix.json files.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DifferenceKind, MEANINGFUL, assertionsOf, compareOutcomes, kindsOf, showValue } from './compare.ts';
import { cellKey } from './model.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

/**
 * Per cell (cellKey): since which run its current outcome holds (verdict, permitted outcome taken and
 * asserted observation, compared by meaning), and the engine version there.
 */
export interface CellSince {
  /** startedAt of the first kept run of the current streak. */
  since: string;
  sinceVersion: string | null;
  /** The run before the streak, when the kept history has one (else the outcome never changed): its verdict and what differed. */
  before: { verdict: Cell['verdict']; differs: DifferenceKind[]; version: string | null; at: string } | null;
  /** How many kept runs hold this cell. */
  runs: number;
}
export type CellHistory = Record<string, CellSince>;

/** The file name a run is kept under: its start time, sortable, no colons. */
export const historyFileName = (doc: MatrixDocument) => `matrix-${doc.run.startedAt.replace(/:/g, '-')}.json`;

/** Copies a finished run's matrix.json into the history directory; returns the kept path. */
export function keepRun(historyDir: string, matrixPath: string): string {
  mkdirSync(historyDir, { recursive: true });
  const doc = JSON.parse(readFileSync(matrixPath, 'utf8')) as MatrixDocument;
  const target = join(historyDir, historyFileName(doc));
  copyFileSync(matrixPath, target);
  return target;
}

/** Every kept run, oldest first (by run.startedAt); files that are not matrices are named and skipped. */
export function readHistory(historyDir: string, warn: (message: string) => void = () => {}): MatrixDocument[] {
  if (!existsSync(historyDir)) return [];
  const docs: MatrixDocument[] = [];
  for (const name of readdirSync(historyDir).filter((n) => /^matrix-.*\.json$/.test(n))) {
    try {
      const doc = JSON.parse(readFileSync(join(historyDir, name), 'utf8')) as MatrixDocument;
      if (Array.isArray(doc.cells) && typeof doc.run?.startedAt === 'string') docs.push(doc);
      else warn(`${name} is not a matrix.json; left out of the history`);
    } catch (error) {
      warn(`${name} could not be read (${(error as Error).message}); left out of the history`);
    }
  }
  return docs.sort((a, b) => a.run.startedAt.localeCompare(b.run.startedAt));
}

/** For each cell of the newest run: walk back while its outcome stays the same. */
export function cellHistory(runs: MatrixDocument[]): CellHistory {
  const latest = runs.at(-1);
  if (!latest) return {};
  const indexed = runs.map((doc) => new Map(doc.cells.map((c) => [cellKey(c), c])));
  const history: CellHistory = {};
  for (const cell of latest.cells) {
    const key = cellKey(cell);
    let first = runs.length - 1;
    let before: CellSince['before'] = null;
    for (let i = runs.length - 2; i >= 0; i--) {
      const earlier = indexed[i]!.get(key);
      if (!earlier) continue;
      const differs = kindsOf(compareOutcomes(earlier, cell, assertionsOf([earlier, cell])), MEANINGFUL);
      if (differs.length) {
        before = { verdict: earlier.verdict, differs, version: earlier.engineVersion, at: runs[i]!.run.startedAt };
        break;
      }
      first = i;
    }
    const start = indexed[first]!.get(key)!;
    history[key] = { since: runs[first]!.run.startedAt, sinceVersion: start.engineVersion, before, runs: indexed.filter((m) => m.has(key)).length };
  }
  return history;
}

/** One row of the interop view: a scenario, how many distinct outcomes the engines gave, what differs, its citation. */
export interface InteropRow {
  scenario: string;
  family: string;
  title: string;
  /** Distinct outcomes (verdict, permitted outcome taken, asserted observation) across the engines that observed the scenario. */
  outcomes: number;
  /** What differs between those engines; empty when they agree. */
  differs: DifferenceKind[];
  /** One line per difference, engines grouped by value: `outcome taken: reused (chromium, webkit) · refetched (firefox)`. */
  notes: string[];
  verdicts: Record<string, Cell['verdict']>;
  cite: string;
}

/** How many values a note lists before it says "…and N more". */
const NOTES_SHOWN = 6;

/**
 * Scenarios where the engines that observed them differ in verdict, permitted outcome taken or
 * asserted observation (compared by meaning: key order and unasserted error text are no
 * difference) first, then the rest, by id. Cells not observed (`error`) are left out.
 */
export function interopRows(doc: MatrixDocument): InteropRow[] {
  const byScenario = new Map<string, Cell[]>();
  for (const cell of doc.cells) byScenario.set(cell.scenario, [...(byScenario.get(cell.scenario) ?? []), cell]);
  const rows: InteropRow[] = [];
  for (const [scenario, cells] of byScenario) {
    const first = cells[0]!;
    const observed = cells.filter((c) => c.observed !== null);
    const assertions = assertionsOf(cells);
    const [base, ...others] = observed;
    const pairs = others.map((c) => ({ engine: c.engine, differences: compareOutcomes(base!, c, assertions).filter((d) => d.kind !== 'detail') }));
    const differs = kindsOf(pairs.flatMap((p) => p.differences), MEANINGFUL);
    // A scenario's distinct outcomes: engines that differ from the first one are grouped by what they differ in.
    const distinct = new Set(['', ...pairs.map((p) => p.differences.map((d) => `${d.path}=${showValue(d)(d.after)}`).join('|'))]);
    rows.push({
      scenario,
      family: first.family,
      title: first.title,
      outcomes: observed.length ? distinct.size : 0,
      differs,
      notes: base ? notesFor(base, pairs) : [],
      verdicts: Object.fromEntries(cells.map((c) => [c.engine, c.verdict])),
      cite: first.spec.outcomes[0]?.cite ?? '',
    });
  }
  return rows.sort((a, b) => Number(b.outcomes > 1) - Number(a.outcomes > 1) || a.scenario.localeCompare(b.scenario));
}

/** Per differing path, the engines grouped by their value (the first engine's value where another does not differ). */
function notesFor(base: Cell, pairs: { engine: string; differences: ReturnType<typeof compareOutcomes> }[]): string[] {
  const paths = [...new Map(pairs.flatMap((p) => p.differences.map((d) => [d.path, d] as const))).values()];
  return paths.map((first) => {
    const show = showValue(first);
    const valueOf = (engine: string) => {
      const d = pairs.find((p) => p.engine === engine)?.differences.find((x) => x.path === first.path);
      return show(d ? d.after : first.before);
    };
    const groups = new Map<string, string[]>();
    for (const engine of [base.engine, ...pairs.map((p) => p.engine)]) groups.set(valueOf(engine), [...(groups.get(valueOf(engine)) ?? []), engine]);
    const name = first.kind === 'outcome' ? 'outcome taken' : first.path;
    const listed = [...groups].slice(0, NOTES_SHOWN).map(([value, engines]) => `${value} (${engines.join(', ')})`);
    return `${name}: ${listed.join(' · ')}${groups.size > NOTES_SHOWN ? ` · …and ${groups.size - NOTES_SHOWN} more` : ''}`;
  });
}

/** One line: how many scenarios the engines differ on, and in what. */
export function interopSummary(rows: InteropRow[]): string {
  const split = rows.filter((r) => r.outcomes > 1);
  const by = (k: DifferenceKind) => split.filter((r) => r.differs.includes(k)).length;
  return `Interop: ${split.length} of ${rows.length} scenarios where engines differ: in verdict ${by('verdict')}, in the permitted outcome taken ${by('outcome')}, in what was observed ${by('observation')}`;
}
