// Preflights: the CORS-preflight cache for a cross-*site* target, as viewers and image servers
// usually are (the page on localhost, the target on 127.0.0.1, imageCrossSite). Every row of
// preflight-cache.ts is same-site (another port of localhost); WPT's cors-preflight-cache runs
// showed Firefox ESR 153 preflighting every identical request to another site while reusing the
// entry for a same-site target. Two identical preflighted requests in one page, Max-Age 600 (under
// every engine's cap: WebKit 600 s, Chromium 7200 s, Firefox 86400 s), so a second OPTIONS means
// the entry was not used, not that it expired. Reusing and not reusing are both permitted.
// Part of the preflight family.

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import type { MakeSpec, Observation, Target } from '../../contract/page.ts';
import type { Outcome } from '../../contract/verdict.ts';
import type { ServerFacts } from '../../contract/server.ts';
import { CACHE_MATCH, HTTP_FETCH, PREFLIGHT, PREFLIGHT_CACHE as CACHE } from './citations.ts';
import { row, twice } from './preflight-rows.ts';
import { BLOCKED, READ } from './vocabulary.ts';

const MAX_AGE = 600;
const crossSite = (make: MakeSpec): Target => ({ origin: 'imageCrossSite', make: { pf_max_age: MAX_AGE, ...make } });
const doneSteps = (...steps: Observation[]): Observation => ({ result: 'done', steps });

/** What the server saw: one OPTIONS (the entry reused) or two, each from the viewer origin. */
const facts = (method: string, preflights: 1 | 2, extra: Partial<ServerFacts> = {}): Partial<ServerFacts> => ({
  preflights,
  requests: 2,
  methods: preflights === 1 ? ['OPTIONS', method, method] : ['OPTIONS', method, 'OPTIONS', method],
  preflightOrigins: preflights === 1 ? ['viewer'] : ['viewer', 'viewer'],
  origins: ['viewer', 'viewer'],
  ...extra,
});

/** Fetch: a successful preflight creates entries with its max-age, and a request with a matching entry is sent without one… */
const REUSED = `${HTTP_FETCH} (a CORS-preflight fetch only when there is no method cache entry match, or no header-name cache entry match, for the request); ${PREFLIGHT} (a successful preflight creates cache entries with its max-age); ${CACHE_MATCH}`;
/** …but "Cache entries may be removed before that moment arrives": reuse is never required. */
const NOT_REUSED = `${CACHE} ("Cache entries may be removed before that moment arrives")`;

function outcomes(method: string, extra1: Partial<ServerFacts> = {}, extra2: Partial<ServerFacts> = {}): { also: Outcome[]; server: Partial<ServerFacts> } {
  return {
    server: facts(method, 1, extra1),
    also: [{ label: 'not reused: preflighted again', observed: doneSteps(READ, READ), server: facts(method, 2, extra2), cite: NOT_REUSED }],
  };
}

const SENT_WITHOUT_PREFLIGHT = (method: string): Counterfactual => ({ label: 'requests sent without any preflight', server: { preflights: 0, methods: [method, method] } });
const SECOND_BLOCKED: Counterfactual = { label: 'second request blocked', observed: doneSteps(READ, BLOCKED) };

export const scenarios: Scenario[] = [
  row({
    id: 'preflight/cache-cross-site-method',
    title: `A cross-site target (127.0.0.1 from a localhost page): the second identical PUT may reuse the cached preflight (Max-Age ${MAX_AGE}), or be preflighted again`,
    action: twice(crossSite({ acao: ['*'], pf_acam: 'PUT' }), { method: 'PUT' }),
    observed: doneSteps(READ, READ),
    ...outcomes('PUT', { acrms: ['PUT'] }, { acrms: ['PUT', 'PUT'] }),
    cite: REUSED,
    counterfactuals: [SENT_WITHOUT_PREFLIGHT('PUT'), SECOND_BLOCKED],
  }),
  row({
    id: 'preflight/cache-cross-site-header',
    title: `A cross-site target: the second identical POST with X-Custom may reuse the cached preflight (Max-Age ${MAX_AGE}), or be preflighted again`,
    action: twice(crossSite({ acao: ['*'], pf_acah: 'x-custom' }), { method: 'POST', body: 'x', headers: { 'X-Custom': '1' } }),
    observed: doneSteps(READ, READ),
    ...outcomes('POST', { acrhs: ['x-custom'] }, { acrhs: ['x-custom', 'x-custom'] }),
    cite: REUSED,
    counterfactuals: [SENT_WITHOUT_PREFLIGHT('POST'), SECOND_BLOCKED],
  }),
  row({
    id: 'preflight/cache-cross-site-credentialed',
    title: `A cross-site target, credentials included (exact origin, ACAC true): the second identical PUT may reuse the cached preflight (Max-Age ${MAX_AGE}), or be preflighted again`,
    action: twice(crossSite({ acao: ['$origin'], acac: 'true', vary: 'Origin', pf_acam: 'PUT' }), { method: 'PUT', credentials: 'include' }),
    observed: doneSteps(READ, READ),
    ...outcomes('PUT', { acrms: ['PUT'] }, { acrms: ['PUT', 'PUT'] }),
    cite: `${REUSED} (an entry stored with credentials true matches a credentialed request)`,
    counterfactuals: [SENT_WITHOUT_PREFLIGHT('PUT'), SECOND_BLOCKED],
  }),
];
