// `npm run matrix -- --history <dir>`: every run's matrix.json is kept in <dir> under its start
// time, and the report says per cell since when (which run, which engine version) its verdict has
// been what it is now; plus an interop view, scenarios where the engines disagree first (as
// wpt.fyi's interop view), each with the spec citation. Pure functions over matrix.json files.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cellKey } from './model.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

/** Per cell (cellKey): since which run its current verdict holds, and the engine version there. */
export interface CellSince {
  /** startedAt of the first kept run of the current streak. */
  since: string;
  sinceVersion: string | null;
  /** The verdict before the streak, when the kept history has one (else the verdict never changed). */
  before: { verdict: Cell['verdict']; version: string | null; at: string } | null;
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

/** For each cell of the newest run: walk back while the verdict stays the same. */
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
      if (earlier.verdict !== cell.verdict) {
        before = { verdict: earlier.verdict, version: earlier.engineVersion, at: runs[i]!.run.startedAt };
        break;
      }
      first = i;
    }
    const start = indexed[first]!.get(key)!;
    history[key] = { since: runs[first]!.run.startedAt, sinceVersion: start.engineVersion, before, runs: indexed.filter((m) => m.has(key)).length };
  }
  return history;
}

/** One row of the interop view: a scenario, how many distinct outcomes the engines gave, its citation. */
export interface InteropRow {
  scenario: string;
  family: string;
  title: string;
  /** Distinct (verdict, observed) outcomes across the engine projects that observed the scenario. */
  outcomes: number;
  verdicts: Record<string, Cell['verdict']>;
  cite: string;
}

/** Scenarios where engines disagree (in what the page observed, or in verdict) first, then the rest, by id. */
export function interopRows(doc: MatrixDocument): InteropRow[] {
  const rows = new Map<string, InteropRow & { seen: Set<string> }>();
  for (const cell of doc.cells) {
    const row =
      rows.get(cell.scenario) ??
      { scenario: cell.scenario, family: cell.family, title: cell.title, outcomes: 0, verdicts: {}, cite: cell.spec.outcomes[0]?.cite ?? '', seen: new Set<string>() };
    rows.set(cell.scenario, row);
    row.verdicts[cell.engine] = cell.verdict;
    if (cell.observed !== null) row.seen.add(JSON.stringify([cell.verdict, cell.observed]));
  }
  return [...rows.values()]
    .map(({ seen, ...row }) => ({ ...row, outcomes: seen.size }))
    .sort((a, b) => Number(b.outcomes > 1) - Number(a.outcomes > 1) || a.scenario.localeCompare(b.scenario));
}
