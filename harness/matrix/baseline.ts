// Compares a run with an earlier matrix.json: which cells changed verdict or behaviour, which
// appeared or disappeared, and which engine versions moved. Nightly jobs read this to notice
// browser behaviour changes.

import { readFileSync } from 'node:fs';
import { type DifferenceKind, assertionsOf, compareOutcomes, describeDifference, kindsOf } from './compare.ts';
import { cellKey } from './model.ts';
import { type EngineVersionChange, type MatrixChange, type MatrixDocument, SCHEMA_VERSION } from '../../contract/matrix.ts';
import type { Cell } from '../../contract/cell.ts';

export class BaselineError extends Error {
  override name = 'BaselineError';
}

const READABLE_VERSIONS: number[] = [1, SCHEMA_VERSION];

export function readBaseline(path: string): MatrixDocument {
  let doc: MatrixDocument;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as MatrixDocument;
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${path}: ${(error as Error).message}`);
  }
  // Version 1 differs only in evidence (headers and the observation stored twice): its verdicts,
  // observations and facts compare as they are.
  if (!READABLE_VERSIONS.includes(doc?.schemaVersion) || !Array.isArray(doc.cells)) {
    throw new BaselineError(`${path} is not a matrix.json of schema version ${READABLE_VERSIONS.join(' or ')}`);
  }
  return doc;
}

const state = (c: Cell) => ({ verdict: c.verdict, observed: c.observed, server: c.server });

/** The change kind a cell's differences make (the most significant first); `observed` is an asserted observation. */
const KIND: Record<DifferenceKind, MatrixChange['kind']> = { verdict: 'verdict', outcome: 'outcome', observation: 'observed', detail: 'detail' };

/**
 * Cells that changed, compared by meaning (compare.ts): verdict, permitted outcome taken, asserted
 * observation, or only a detail no outcome asserts; key order is no change, nor is a server fact
 * one side never recorded (a newer harness adds facts).
 */
export function compareCells(before: Cell[], after: Cell[]): MatrixChange[] {
  const old = new Map(before.map((c) => [cellKey(c), c]));
  const changes: MatrixChange[] = [];
  for (const cell of after) {
    const was = old.get(cellKey(cell));
    old.delete(cellKey(cell));
    const base = { scenario: cell.scenario, engine: cell.engine };
    if (!was) {
      changes.push({ ...base, kind: 'added', before: null, after: state(cell) });
      continue;
    }
    const differences = compareOutcomes(was, cell, assertionsOf([was, cell]));
    const [kind] = kindsOf(differences);
    if (kind) changes.push({ ...base, kind: KIND[kind], before: state(was), after: state(cell), differences: differences.map(describeDifference) });
  }
  for (const was of old.values()) changes.push({ scenario: was.scenario, engine: was.engine, kind: 'removed', before: state(was), after: null });
  return changes;
}

export function compareEngines(before: MatrixDocument, after: Pick<MatrixDocument['run'], 'engines'>): EngineVersionChange[] {
  const old = new Map(before.run.engines.map((e) => [e.project, e.version]));
  return after.engines
    .filter((e) => old.has(e.project) && old.get(e.project) !== e.version)
    .map((e) => ({ project: e.project, before: old.get(e.project) ?? null, after: e.version }));
}

/**
 * The changes that fail a run with --fail-on-change: a cell whose verdict changed, or that appeared
 * or disappeared. Another permitted outcome taken, an asserted observation that changed within the
 * same verdict, facts no permitted outcome asserts (how many tiles a viewer asked for, a port in a
 * body) and engine versions are listed, never failed on.
 */
const FAILING: readonly MatrixChange['kind'][] = ['verdict', 'added', 'removed'];
export function failingChanges(baseline: { changes: MatrixChange[] }): MatrixChange[] {
  return baseline.changes.filter((c) => FAILING.includes(c.kind));
}
