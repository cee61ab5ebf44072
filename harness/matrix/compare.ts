// The one comparison of two cells' outcomes, by meaning, used by the interop view, baseline diffs,
// --repeat and history. Key order never matters. What differs is named by kind:
// - verdict: conforms / known-deviation / unexpected / error;
// - outcome: which permitted outcome (or declared deviation or policy) the engine took;
// - observation: a field some permitted outcome or declared deviation of the scenario asserts, in
//   what the page observed or what the server received;
// - detail: anything else the cell recorded (engine-specific error text where only the result is
//   asserted, how many tiles a viewer asked for). Only baseline diffs list details.

import { isDeepStrictEqual } from 'node:util';
import type { Cell } from '../../contract/cell.ts';

export const DIFFERENCE_KINDS = ['verdict', 'outcome', 'observation', 'detail'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];
/** The kinds that change what a cell means (details aside). */
export const MEANINGFUL: readonly DifferenceKind[] = ['verdict', 'outcome', 'observation'];

export interface Difference {
  kind: DifferenceKind;
  /** e.g. `observed.steps[1].result`, `server.preflights`; `verdict` and `outcome` for those kinds. */
  path: string;
  before: unknown;
  after: unknown;
}

/** Which parts of an observation a scenario asserts: `true` compares the whole value. */
export type Mask = true | { [key: string]: Mask } | Mask[];

type Json = unknown;
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The union of two masks: a whole-value comparison absorbs any narrower one. */
function merge(a: Mask | undefined, b: Mask): Mask {
  if (a === undefined) return b;
  if (a === true || b === true) return true;
  if (Array.isArray(a) && Array.isArray(b)) return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] === undefined ? b[i]! : b[i] === undefined ? a[i]! : merge(a[i], b[i]!)));
  if (isObject(a) && isObject(b)) {
    const out: Record<string, Mask> = { ...(a as Record<string, Mask>) };
    for (const [k, v] of Object.entries(b as Record<string, Mask>)) out[k] = merge(out[k], v);
    return out;
  }
  return true;
}

/** The mask of one asserted value: objects key by key, arrays of objects (steps) element by element. */
function maskOf(expected: Json): Mask {
  if (isObject(expected)) return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, maskOf(v)]));
  if (Array.isArray(expected) && expected.some(isObject)) return expected.map(maskOf);
  return true;
}

export interface Assertions {
  observed: Mask;
  server: Mask;
}

/** What the cells' scenario asserts: every permitted outcome and every engine's declared deviation or policy. */
export function assertionsOf(cells: Pick<Cell, 'spec' | 'deviation'>[]): Assertions {
  let observed: Mask = {};
  let server: Mask = {};
  for (const cell of cells) {
    const asserted = [...(cell.spec?.outcomes ?? []), ...(cell.deviation ? [cell.deviation] : [])];
    for (const o of asserted) {
      observed = merge(observed, maskOf(o.observed ?? {}));
      server = merge(server, maskOf(o.server ?? {}));
    }
  }
  return { observed, server };
}

/** The asserted part of a value. */
export function project(value: Json, mask: Mask): Json {
  if (mask === true) return value;
  if (Array.isArray(mask)) return Array.isArray(value) ? value.map((v, i) => project(v, mask[i] ?? true)) : value;
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(mask).filter((k) => k in value).map((k) => [k, project(value[k], mask[k]!)]));
}

/** JSON with every object's keys sorted: equal strings for equal meaning. */
export function canonicalJson(value: Json): string {
  return JSON.stringify(value, (_, v: Json) => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v)) ?? 'undefined';
}

/**
 * Leaf differences between two values, with their paths. Objects compare key by key (a key on one
 * side only is a difference, except at the top of server facts with `lenientKeys`: a fact an older
 * harness never recorded is not a change); arrays of different length differ as a whole.
 */
function walk(a: Json, b: Json, path: string, lenientKeys = false): { path: string; before: Json; after: Json }[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.filter((k) => !lenientKeys || (k in a && k in b)).flatMap((k) => walk(a[k], b[k], `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.some((x) => isObject(x) || Array.isArray(x))) {
    return a.flatMap((x, i) => walk(x, b[i], `${path}[${i}]`));
  }
  return isDeepStrictEqual(a, b) ? [] : [{ path, before: a, after: b }];
}

/** Which outcome a cell took, as a comparable identity and a few words. */
export function takenOutcome(cell: Pick<Cell, 'outcome'>): { id: string; label: string } {
  const o = cell.outcome;
  if (!o) return { id: 'none', label: 'no permitted outcome' };
  if (o.index < 0) return { id: o.basis, label: o.label ?? (o.basis === 'policy' ? 'engine policy' : 'declared deviation') };
  return { id: `#${o.index}`, label: o.label ?? `outcome ${o.index + 1}` };
}

type Compared = Pick<Cell, 'verdict' | 'outcome' | 'observed' | 'server'>;

/**
 * Everything that differs between two cells of one scenario (two engines, or one engine in two
 * runs), by kind; `assertions` from assertionsOf over both (or all the scenario's) cells.
 */
export function compareOutcomes(a: Compared, b: Compared, assertions: Assertions): Difference[] {
  const out: Difference[] = [];
  if (a.verdict !== b.verdict) out.push({ kind: 'verdict', path: 'verdict', before: a.verdict, after: b.verdict });
  const [ta, tb] = [takenOutcome(a), takenOutcome(b)];
  if (ta.id !== tb.id) out.push({ kind: 'outcome', path: 'outcome', before: ta.label, after: tb.label });
  const meaning = [
    ...(a.observed === null || b.observed === null
      ? a.observed === b.observed ? [] : [{ path: 'observed', before: a.observed, after: b.observed }]
      : walk(project(a.observed, assertions.observed), project(b.observed, assertions.observed), 'observed')),
    ...walk(project(a.server, assertions.server), project(b.server, assertions.server), 'server', true),
  ];
  out.push(...meaning.map((d) => ({ kind: 'observation' as const, ...d })));
  const asserted = (path: string) => meaning.some((m) => path === m.path || path.startsWith(`${m.path}.`) || path.startsWith(`${m.path}[`));
  const details = [...walk(a.observed, b.observed, 'observed'), ...walk(a.server, b.server, 'server', true)].filter((d) => !asserted(d.path));
  out.push(...details.map((d) => ({ kind: 'detail' as const, ...d })));
  return out;
}

/** The kinds present, in DIFFERENCE_KINDS order. */
export const kindsOf = (differences: Difference[], only: readonly DifferenceKind[] = DIFFERENCE_KINDS): DifferenceKind[] =>
  only.filter((k) => differences.some((d) => d.kind === k));

/** One line per difference: `verdict: conforms → unexpected`, `observed.status: 200 → 0`. */
export const describeDifference = (d: Difference) => `${d.path}: ${showValue(d)(d.before)} → ${showValue(d)(d.after)}`;
/** Verdicts and outcome labels as words; observed values as canonical JSON. */
export const showValue = (d: Pick<Difference, 'kind'>) => (x: Json) =>
  d.kind === 'verdict' || d.kind === 'outcome' ? String(x) : x === undefined ? 'nothing' : canonicalJson(x);
