// The matrix document (matrix.json), schema version 1; documented by matrix.schema.json beside
// this file. One cell per scenario × engine project, each with its evidence.

import type { LoggedRequest } from '../../fixtures/request-log.ts';
import type { EngineInfo } from '../engines/types.ts';
import type { ResolvedAction } from '../scenarios/targets.ts';
import type { CellRecord } from '../scenarios/cell.ts';
import type { Observation, ServerFacts, Verdict } from '../scenarios/types.ts';

export const SCHEMA_VERSION = 1;
export const VERDICTS: readonly Verdict[] = ['conforms', 'known-deviation', 'unexpected', 'error'];

export interface MatrixEngine {
  project: string;
  engine: string;
  browser: string | null;
  version: string | null;
  source: EngineInfo['source'] | null;
  protocol: EngineInfo['protocol'] | null;
  headless: boolean | null;
  /** Which profile and cookie policy "Chromium" etc. meant (absent until the engine ran). */
  profile?: EngineInfo['profile'];
  cookiePolicy?: string;
  /** Why this engine produced no observations, when it did not. */
  error?: string;
}

/**
 * A cell as the matrix stores it: the test's CellRecord, with the engine named by its project
 * (details once, in run.engines) and the request log under evidence.server.
 */
export interface MatrixCell extends Omit<CellRecord, 'engine' | 'evidence'> {
  engine: string;
  engineVersion: string | null;
  evidence: { action: ResolvedAction | null; page: Observation | null; server: LoggedRequest[]; screenshot?: string };
}

export interface MatrixChange {
  scenario: string;
  engine: string;
  kind: 'verdict' | 'observed' | 'added' | 'removed';
  before: { verdict: Verdict; observed: Observation | null; server: ServerFacts | null } | null;
  after: { verdict: Verdict; observed: Observation | null; server: ServerFacts | null } | null;
}

export interface EngineVersionChange {
  project: string;
  before: string | null;
  after: string | null;
}

export interface MatrixRun {
  startedAt: string;
  finishedAt: string | null;
  /** `running` while being written; `complete` when every cell was observed; else why not. */
  status: 'running' | 'complete' | 'failed' | 'interrupted' | 'timedout';
  os: { platform: string; release: string; arch: string };
  node: string;
  harness: { version: string; commit: string | null };
  playwright: string;
  shard: { current: number; total: number } | null;
  engines: MatrixEngine[];
  /** Exact versions of the viewer libraries the viewer family runs (fixtures/viewers). */
  viewers?: Record<string, string>;
  baseline: { path: string; startedAt: string; changes: MatrixChange[]; engineVersions: EngineVersionChange[] } | null;
}

/**
 * Per engine: cells per verdict, and of the `conforms` cells how many took a permitted alternative
 * (not the first outcome the standard describes) or an engine policy. `known-deviation` counts
 * departures from normative text only.
 */
export type Summary = Record<string, Record<Verdict, number> & { alternative: number; policy: number }>;

export interface MatrixDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  run: MatrixRun;
  summary: Summary;
  cells: MatrixCell[];
}

export const cellKey = (c: { scenario: string; engine: string }) => `${c.scenario}\u0000${c.engine}`;

export function summarize(cells: MatrixCell[]): Summary {
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
export function sortCells(cells: MatrixCell[], familyOrder: readonly string[], engineOrder: readonly string[]): MatrixCell[] {
  const rank = (list: readonly string[], x: string) => (list.includes(x) ? list.indexOf(x) : list.length);
  return [...cells].sort(
    (a, b) =>
      rank(familyOrder, a.family) - rank(familyOrder, b.family) ||
      a.scenario.localeCompare(b.scenario) ||
      rank(engineOrder, a.engine) - rank(engineOrder, b.engine),
  );
}
