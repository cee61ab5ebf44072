// The preflight tables' row builder (preflight-methods.ts, preflight-headers.ts, preflight-answers.ts,
// preflight-cache.ts) and the requests they make; citations are in citations.ts, the facts and
// targets all families share in vocabulary.ts.

import type { Counterfactual, Scenario, Setup } from '../../harness/scenarios/types.ts';
import { NO_PREFLIGHT, image } from './vocabulary.ts';
import type { Action, FetchAction, MakeSpec, Observation } from '../../contract/page.ts';
import type { Outcome } from '../../contract/verdict.ts';
import type { ServerFacts } from '../../contract/server.ts';

/** Credentialed target: the page origin and ACAC true on both responses. */
export const creds = (make: MakeSpec = {}) => image({ acao: ['{viewer}'], acac: 'true', vary: 'Origin', ...make });

export const fetchOf = (target: FetchAction['target'], init: Omit<FetchAction, 'kind' | 'target'> = {}): FetchAction => ({ kind: 'fetch', target, ...init });

/** The same request twice in one page, optionally with steps (a wait) in between. */
export const twice = (target: FetchAction['target'], init: Omit<FetchAction, 'kind' | 'target'> = {}, between: Action[] = []): Action => ({
  kind: 'sequence',
  steps: [fetchOf(target, init), ...between, fetchOf(target, init)],
});

export interface Row {
  /** Written in full at each row: 'preflight/<slug>'. */
  id: `preflight/${string}`;
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
export const row = ({ id, title, action, observed, server, cite, also, counterfactuals, fix, setup }: Row): Scenario => ({
  id,
  family: 'preflight',
  title,
  ...(setup && { setup }),
  action,
  spec: also ? { outcomes: [{ observed, server, cite }, ...also] } : { observed, server, cite },
  counterfactuals: counterfactuals ?? defaultCounterfactuals(observed, server),
  ...(fix && { fix }),
});

/** The opposite result, and (where a preflight is asserted) a request sent without one. */
function defaultCounterfactuals(observed: Observation, server: Partial<ServerFacts>): Counterfactual[] {
  const flipped = observed.result === 'blocked' ? 'readable' : observed.result === 'readable' ? 'blocked' : undefined;
  return [
    ...(flipped ? [{ label: `${flipped} instead of ${observed.result}`, observed: { result: flipped } } as Counterfactual] : []),
    ...(server.preflights ? [NO_PREFLIGHT] : []),
    ...(server.preflights === 0 ? [{ label: 'a needless preflight', server: { preflights: 1 } }] : []),
  ];
}

