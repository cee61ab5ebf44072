// What the scenario tables share besides their citations (citations.ts): the row builder that
// keeps every id written out in full at its row, the common targets and answers, and the shapes of
// server facts and observations that recur across families.

import { derivedCounterfactual } from '../../harness/scenarios/outcomes.ts';
import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import type { Family } from '../../contract/names.ts';
import type { MakeSpec, Observation, Target } from '../../contract/page.ts';
import type { ServerFacts } from '../../contract/server.ts';

export type RowFields = Omit<Scenario, 'id' | 'family'>;

/**
 * A family's row builder. Each row writes its id in full (`'canvas/webgl-clean'`, never built from a
 * slug), so a grep for an id from the matrix lands on its row; the type holds it to the family.
 * `counterfactuals`, when given, completes each row's own list (see withDerived).
 */
export function rowBuilder<F extends Family>(family: F, counterfactuals?: (row: RowFields) => Counterfactual[]) {
  return (id: `${F}/${string}`, row: RowFields): Scenario => ({ id, family, ...row, ...(counterfactuals && { counterfactuals: counterfactuals(row) }) });
}

/** The row's own counterfactuals plus the one derived from its spec (the flipped result). */
export const withDerived = (row: RowFields): Counterfactual[] => [
  ...(row.counterfactuals ?? []),
  ...[derivedCounterfactual(row.spec)].filter((c): c is Counterfactual => !!c),
];

// ── targets and answers ───────────────────────────────────────────────────────────────────────
export const on = (origin: Target['origin'], make: MakeSpec = {}): Target => ({ origin, make });
export const image = (make: MakeSpec) => ({ origin: 'image' as const, make });
/** Uncredentialed target: ACAO `*` (on the preflight too). */
export const open = (make: MakeSpec = {}) => image({ acao: ['*'], ...make });
/** A correct credentialed answer: the request's Origin reflected, ACAC true, Vary: Origin. */
export const ALLOW: MakeSpec = { acao: ['$origin'], acac: 'true', vary: 'Origin' };
/** A PNG body (canvas rows), with more /make parameters. */
export const png = (extra: MakeSpec = {}): MakeSpec => ({ body: 'png', ...extra });
/** A 64-pixel-wide IIIF tile of the landscape sample, served by a fixture profile. */
export const tile = (profile: string): Target => ({ origin: 'image', path: `/p/${profile}/iiif/3/landscape/full/64,/0/default.jpg` });

// ── what page JavaScript sees ─────────────────────────────────────────────────────────────────
export const READ: Observation = { result: 'readable', status: 200, type: 'cors', body: 'make-body' };
export const BLOCKED: Observation = { result: 'blocked', error: 'TypeError' };

// ── what the server log shows ─────────────────────────────────────────────────────────────────
/** One request from the viewer, no preflight. */
export const ONE = { requests: 1, preflights: 0, origins: ['viewer'] };
/** One image load without CORS (no Origin); loads never preflight, so `preflights` is not asserted. */
export const NO_CORS_ONE = { requests: 1, origins: ['absent'] };
/** One CORS image load from the viewer. */
export const CORS_ONE = { requests: 1, origins: ['viewer'] };

/** A preflight for `method` that let the actual request through. */
export const passed = (method: string, acrh: string | null = null): Partial<ServerFacts> => ({
  preflights: 1,
  requests: 1,
  methods: ['OPTIONS', method],
  origins: ['viewer'],
  preflightOrigins: ['viewer'],
  acrm: method,
  acrh,
});
/** A preflight for `method` that stopped the request: only the OPTIONS arrived. */
export const stopped = (method: string, acrh: string | null = null): Partial<ServerFacts> => ({
  preflights: 1,
  requests: 0,
  methods: ['OPTIONS'],
  preflightOrigins: ['viewer'],
  acrm: method,
  acrh,
});
/** No preflight: the request went straight out. */
export const direct = (method: string): Partial<ServerFacts> => ({ preflights: 0, requests: 1, methods: [method], origins: ['viewer'], acrm: null });

/** What a broken engine does with a preflighted request: skip the preflight. */
export const NO_PREFLIGHT: Counterfactual = { label: 'no preflight sent', server: { preflights: 0 } };
