// Shared pieces of the preflight tables (preflight.ts, preflight-answers.ts, preflight-cache.ts):
// citations, what page JavaScript sees, what the server log shows, and the row builder.

import type { Action, Counterfactual, FetchAction, MakeSpec, Observation, Outcome, Scenario, ServerFacts, Setup } from '../../harness/scenarios/types.ts';

export const FETCH = 'https://fetch.spec.whatwg.org';
export const MAIN_FETCH = `${FETCH}/#concept-main-fetch`;
export const PREFLIGHT = `${FETCH}/#cors-preflight-fetch`;
export const CACHE = `${FETCH}/#cors-preflight-cache`;
export const CACHE_MATCH = `${FETCH}/#concept-cache-match`;
export const SAFE_METHOD = `${FETCH}/#cors-safelisted-method`;
export const SAFE_HEADER = `${FETCH}/#cors-safelisted-request-header`;
export const UNSAFE_NAMES = `${FETCH}/#cors-unsafe-request-header-names`;
export const NORMALIZE = `${FETCH}/#concept-method-normalize`;
export const WILDCARDS = `${FETCH}/#http-new-header-syntax`;
export const NON_WILDCARD = `${FETCH}/#cors-non-wildcard-request-header-name`;
export const EXTRACT = `${FETCH}/#extract-header-list-values`;
export const OK_STATUS = `${FETCH}/#ok-status`;
export const WPT = 'wpt fetch/api/cors/';

// What page JavaScript sees.
export const READ: Observation = { result: 'readable', status: 200, type: 'cors', body: 'make-body' };
export const BLOCKED: Observation = { result: 'blocked', error: 'TypeError' };

// What the server log shows.
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

export const image = (make: MakeSpec) => ({ origin: 'image' as const, make });
/** Uncredentialed target: ACAO `*` on the preflight and the actual response. */
export const open = (make: MakeSpec = {}) => image({ acao: ['*'], ...make });
/** Credentialed target: the page origin and ACAC true on both responses. */
export const creds = (make: MakeSpec = {}) => image({ acao: ['{viewer}'], acac: 'true', vary: 'Origin', ...make });

export const fetchOf = (target: FetchAction['target'], init: Omit<FetchAction, 'kind' | 'target'> = {}): FetchAction => ({ kind: 'fetch', target, ...init });

/** The same request twice in one page, optionally with steps (a wait) in between. */
export const twice = (target: FetchAction['target'], init: Omit<FetchAction, 'kind' | 'target'> = {}, between: Action[] = []): Action => ({
  kind: 'sequence',
  steps: [fetchOf(target, init), ...between, fetchOf(target, init)],
});

export interface Row {
  slug: string;
  title: string;
  action: Action;
  observed: Observation;
  server: Partial<ServerFacts>;
  cite: string;
  /** Further permitted outcomes (the first is `observed`/`server`/`cite`). */
  also?: Outcome[];
  counterfactuals?: Counterfactual[];
  fix?: string;
  setup?: Setup;
}
/** What a broken engine does with a preflighted request: skip the preflight, or ignore its answer. */
export const NO_PREFLIGHT: Counterfactual = { label: 'no preflight sent', server: { preflights: 0 } };
export const row = ({ slug, title, action, observed, server, cite, also, counterfactuals, fix, setup }: Row): Scenario => ({
  id: `preflight/${slug}`,
  family: 'preflight',
  title,
  ...(setup && { setup }),
  action,
  spec: also ? { outcomes: [{ observed, server, cite }, ...also] } : { observed, server, cite },
  counterfactuals: counterfactuals ?? defaultCounterfactuals(observed, server),
  ...(fix && { fix }),
});

/** The opposite result, and (where a preflight is asserted) a request sent without one. */
export function defaultCounterfactuals(observed: Observation, server: Partial<ServerFacts>): Counterfactual[] {
  const flipped = observed.result === 'blocked' ? 'readable' : observed.result === 'readable' ? 'blocked' : undefined;
  return [
    ...(flipped ? [{ label: `${flipped} instead of ${observed.result}`, observed: { result: flipped } } as Counterfactual] : []),
    ...(server.preflights ? [NO_PREFLIGHT] : []),
    ...(server.preflights === 0 ? [{ label: 'a needless preflight', server: { preflights: 1 } }] : []),
  ];
}

