// CORS preflights: which requests need one, what the OPTIONS request carries (ACRM/ACRH, no
// cookies), which answers let the actual request through (methods, headers, wildcards, status,
// redirects, malformed lists) and how long the answer is cached (Access-Control-Max-Age).
// Basis: reference notes scenarios 16–27, 45, 46, 49 and WPT fetch/api/cors/cors-preflight*.any.js.
//
// Fixture limit: node's HTTP parser answers methods it does not know (WPT's `NEW`, any lower-case
// method) with a bare 400 before any handler runs; the server logs those requests from their raw
// bytes (fixtures/request-log.ts, `rejected`), so a browser that sent one is seen. Allowed custom
// methods use PROPFIND (unknown to Fetch, known to node) so the actual request can succeed.

import type { Action, Counterfactual, FetchAction, MakeSpec, Observation, Outcome, Scenario, ServerFacts, Setup } from '../../harness/scenarios/types.ts';

const FETCH = 'https://fetch.spec.whatwg.org';
const MAIN_FETCH = `${FETCH}/#concept-main-fetch`;
const PREFLIGHT = `${FETCH}/#cors-preflight-fetch`;
const CACHE = `${FETCH}/#cors-preflight-cache`;
const CACHE_MATCH = `${FETCH}/#concept-cache-match`;
const SAFE_METHOD = `${FETCH}/#cors-safelisted-method`;
const SAFE_HEADER = `${FETCH}/#cors-safelisted-request-header`;
const UNSAFE_NAMES = `${FETCH}/#cors-unsafe-request-header-names`;
const NORMALIZE = `${FETCH}/#concept-method-normalize`;
const WILDCARDS = `${FETCH}/#http-new-header-syntax`;
const NON_WILDCARD = `${FETCH}/#cors-non-wildcard-request-header-name`;
const EXTRACT = `${FETCH}/#extract-header-list-values`;
const OK_STATUS = `${FETCH}/#ok-status`;
const WPT = 'wpt fetch/api/cors/';

// What page JavaScript sees.
const READ: Observation = { result: 'readable', status: 200, type: 'cors', body: 'make-body' };
const BLOCKED: Observation = { result: 'blocked', error: 'TypeError' };

// What the server log shows.
/** A preflight for `method` that let the actual request through. */
const passed = (method: string, acrh: string | null = null): Partial<ServerFacts> => ({
  preflights: 1,
  requests: 1,
  methods: ['OPTIONS', method],
  origins: ['viewer'],
  preflightOrigins: ['viewer'],
  acrm: method,
  acrh,
});
/** A preflight for `method` that stopped the request: only the OPTIONS arrived. */
const stopped = (method: string, acrh: string | null = null): Partial<ServerFacts> => ({
  preflights: 1,
  requests: 0,
  methods: ['OPTIONS'],
  preflightOrigins: ['viewer'],
  acrm: method,
  acrh,
});
/** No preflight: the request went straight out. */
const direct = (method: string): Partial<ServerFacts> => ({ preflights: 0, requests: 1, methods: [method], origins: ['viewer'], acrm: null });

const image = (make: MakeSpec) => ({ origin: 'image' as const, make });
/** Uncredentialed target: ACAO `*` on the preflight and the actual response. */
const open = (make: MakeSpec = {}) => image({ acao: ['*'], ...make });
/** Credentialed target: the page origin and ACAC true on both responses. */
const creds = (make: MakeSpec = {}) => image({ acao: ['{viewer}'], acac: 'true', vary: 'Origin', ...make });

const fetchOf = (target: FetchAction['target'], init: Omit<FetchAction, 'kind' | 'target'> = {}): FetchAction => ({ kind: 'fetch', target, ...init });

/** The same request twice in one page, optionally with steps (a wait) in between. */
const twice = (target: FetchAction['target'], init: Omit<FetchAction, 'kind' | 'target'> = {}, between: Action[] = []): Action => ({
  kind: 'sequence',
  steps: [fetchOf(target, init), ...between, fetchOf(target, init)],
});

interface Row {
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
const NO_PREFLIGHT: Counterfactual = { label: 'no preflight sent', server: { preflights: 0 } };
const row = ({ slug, title, action, observed, server, cite, also, counterfactuals, fix, setup }: Row): Scenario => ({
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
function defaultCounterfactuals(observed: Observation, server: Partial<ServerFacts>): Counterfactual[] {
  const flipped = observed.result === 'blocked' ? 'readable' : observed.result === 'readable' ? 'blocked' : undefined;
  return [
    ...(flipped ? [{ label: `${flipped} instead of ${observed.result}`, observed: { result: flipped } } as Counterfactual] : []),
    ...(server.preflights ? [NO_PREFLIGHT] : []),
    ...(server.preflights === 0 ? [{ label: 'a needless preflight', server: { preflights: 1 } }] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Methods (reference 16, 17; WPT cors-preflight.any.js, cors-preflight-star.any.js)

const methods: Scenario[] = [
  ...(['PUT', 'DELETE', 'PATCH'] as const).flatMap((method) => [
    row({
      slug: `method-${method.toLowerCase()}-allowed`,
      title: `${method} is preflighted and passes when Access-Control-Allow-Methods lists it`,
      action: fetchOf(open({ pf_acam: method }), { method }),
      observed: READ,
      server: passed(method),
      cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [${method}], server allows"`,
    }),
    row({
      slug: `method-${method.toLowerCase()}-not-listed`,
      title: `${method} fails when Access-Control-Allow-Methods does not list it (GET, POST only)`,
      action: fetchOf(open({ pf_acam: 'GET, POST' }), { method }),
      observed: BLOCKED,
      server: stopped(method),
      cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [${method}], server refuses"`,
      fix: `List ${method} in Access-Control-Allow-Methods on the OPTIONS response.`,
    }),
  ]),
  row({
    slug: 'method-put-no-acam',
    title: 'PUT fails when the preflight answer has ACAO but no Access-Control-Allow-Methods at all',
    action: fetchOf(open(), { method: 'PUT' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT}; reference scenario 16`,
    fix: 'Answer OPTIONS with Access-Control-Allow-Methods listing the non-safelisted methods the resource supports.',
  }),
  row({
    slug: 'method-custom-allowed',
    title: 'A custom method (PROPFIND) is sent as-is, preflighted, and passes when listed',
    action: fetchOf(open({ pf_acam: 'PROPFIND' }), { method: 'PROPFIND' }),
    observed: READ,
    server: passed('PROPFIND'),
    cite: `${PREFLIGHT}; ${NORMALIZE}; ${WPT}cors-preflight.any.js "CORS [NEW], server allows" (PROPFIND stands in for NEW, which the fixture server cannot parse)`,
  }),
  row({
    slug: 'method-custom-new-not-listed',
    title: 'The custom method NEW fails when Access-Control-Allow-Methods lists only PUT',
    action: fetchOf(open({ pf_acam: 'PUT' }), { method: 'NEW' }),
    observed: BLOCKED,
    server: { ...stopped('NEW'), rejected: 0 },
    cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [NEW], server refuses"`,
    counterfactuals: [{ label: 'NEW sent despite the refusal (logged as rejected by the parser)', server: { requests: 1, methods: ['OPTIONS', 'NEW'], rejected: 1 } }, NO_PREFLIGHT],
  }),
  row({
    slug: 'method-acam-lowercase-put',
    title: 'Access-Control-Allow-Methods `put` does not allow PUT: method names match case-sensitively',
    action: fetchOf(open({ pf_acam: 'put' }), { method: 'PUT' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT} (method "is not in methods"); ${WPT}cors-preflight-star.any.js ("put" allowed, PUT used)`,
    fix: 'Write methods in Access-Control-Allow-Methods in upper case, exactly as clients send them.',
  }),
  row({
    slug: 'method-fetch-normalises-put',
    title: "fetch() upper-cases method 'put' to PUT, so the preflight asks for PUT and ACAM PUT allows it",
    action: fetchOf(open({ pf_acam: 'PUT' }), { method: 'put' }),
    observed: READ,
    server: passed('PUT'),
    cite: `${NORMALIZE} (DELETE, GET, HEAD, OPTIONS, POST, PUT are normalised); ${PREFLIGHT}`,
  }),
  // ACAM `patch` allows the preflight (methods match byte for byte); the actual `patch` reaches the
  // server, whose parser refuses it (logged as rejected) with a bare 400 that fails the CORS check.
  // Main fetch then clears the preflight cache entries for the URL, so the second `patch` is
  // preflighted again: an engine that keeps the entry (one preflight) departs from normative text.
  row({
    slug: 'method-fetch-keeps-lowercase-patch',
    title: "fetch() does not normalise 'patch': the preflight asks for `patch`; after the failed actual request the cache entry is cleared (tried twice)",
    action: twice(open({ pf_acam: 'patch', pf_max_age: 600 }), { method: 'patch' }),
    observed: { result: 'done', steps: [BLOCKED, BLOCKED] },
    server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'patch', 'OPTIONS', 'patch'], rejected: 2, acrms: ['patch', 'patch'], acrhs: [null, null] },
    cite: `${NORMALIZE} (PATCH is not in the list); ${MAIN_FETCH} ("If corsWithPreflightResponse is a network error, then clear cache entries using request"); ${FETCH}/#concept-cache-clear`,
    counterfactuals: [
      { label: 'cache entry kept after the failed request', server: { preflights: 1, methods: ['OPTIONS', 'patch', 'patch'], acrms: ['patch'], acrhs: [null] } },
      { label: 'method normalised to PATCH', server: { methods: ['OPTIONS', 'PATCH', 'OPTIONS', 'PATCH'], rejected: 0, acrms: ['PATCH', 'PATCH'] } },
    ],
  }),
  row({
    slug: 'method-lowercase-patch-acam-upper',
    title: "fetch() with method 'patch' fails when ACAM lists only PATCH: methods match case-sensitively (tried twice, never cached)",
    action: twice(open({ pf_acam: 'PATCH', pf_max_age: 600 }), { method: 'patch' }),
    observed: { result: 'done', steps: [BLOCKED, BLOCKED] },
    server: { preflights: 2, requests: 0, methods: ['OPTIONS', 'OPTIONS'], rejected: 0, acrms: ['patch', 'patch'], acrhs: [null, null] },
    cite: `${NORMALIZE}; ${PREFLIGHT} (method not in methods → network error before any cache entry is created); ${WPT}cors-preflight.any.js "CORS [patcH], server refuses"`,
    counterfactuals: [{ label: 'patch sent anyway', server: { requests: 1, methods: ['OPTIONS', 'patch', 'OPTIONS'], rejected: 1 } }],
  }),
  row({
    slug: 'method-safelisted-get-acam-lowercase',
    title: 'GET with a custom header passes with ACAM `get`: safelisted methods never need to be listed',
    action: fetchOf(open({ pf_acam: 'get', pf_acah: 'x-test' }), { headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${PREFLIGHT}; ${SAFE_METHOD}; ${WPT}cors-preflight-star.any.js ("get" allowed, GET used)`,
  }),
  row({
    slug: 'method-safelisted-post-not-listed',
    title: 'POST with a custom header passes although ACAM lists only PUT: POST is safelisted',
    action: fetchOf(open({ pf_acam: 'PUT', pf_acah: 'x-test' }), { method: 'POST', body: 'x', headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('POST', 'x-test'),
    cite: `${PREFLIGHT}; ${SAFE_METHOD}`,
  }),
];

// ---------------------------------------------------------------------------------------------
// Request headers and Access-Control-Request-Headers (reference 18, 27; WPT cors-preflight.any.js)

/** WPT cors-preflight.any.js "several headers": mixed case, unsorted, plus safelisted ones. */
const SEVERAL = {
  'x-test-header1': 'v',
  'x-test-header2': 'v',
  'X-test-header3': 'v',
  'x-test-header-b': 'v',
  'x-test-header-D': 'v',
  'x-test-header-C': 'v',
  'x-test-header-a': 'v',
  'Content-Type': 'allowedOrRefused',
  Accept: '*',
  'Accept-Language': 'bzh',
  'Content-Language': 'eu',
};
const SEVERAL_ACRH = 'content-type,x-test-header-a,x-test-header-b,x-test-header-c,x-test-header-d,x-test-header1,x-test-header2,x-test-header3';

const headers: Scenario[] = [
  row({
    slug: 'header-allowed',
    title: 'A custom request header is preflighted (ACRH `x-test`) and passes when ACAH lists it',
    action: fetchOf(open({ pf_acah: 'X-Test' }), { headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [GET] [x-test-header: allowed], server allows"`,
  }),
  row({
    slug: 'header-not-listed',
    title: 'A custom request header fails when ACAH lists a different header',
    action: fetchOf(open({ pf_acah: 'X-Other' }), { headers: { 'X-Test': '1' } }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [GET] [x-test-header: refused], server refuses"`,
    fix: 'List every request header the client sends in Access-Control-Allow-Headers (or reflect Access-Control-Request-Headers).',
  }),
  row({
    slug: 'header-case-insensitive',
    title: 'Header names match case-insensitively: ACAH `X-TEST` allows `x-test`',
    action: fetchOf(open({ pf_acah: 'X-TEST' }), { headers: { 'x-test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${PREFLIGHT} (byte-case-insensitive match); ${WPT}cors-preflight-star.any.js`,
  }),
  row({
    slug: 'acrh-sorted-lowercased',
    title: 'ACRH is lower-cased, sorted and comma-joined, leaving out safelisted headers (WPT "several headers")',
    action: fetchOf(open({ pf_acah: SEVERAL_ACRH }), { headers: SEVERAL }),
    observed: READ,
    server: passed('GET', SEVERAL_ACRH),
    cite: `${UNSAFE_NAMES}; ${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [GET] [several headers], server allows"`,
  }),
  row({
    slug: 'acrh-absent-with-safelisted-headers-only',
    title: 'PUT with only safelisted headers sends no Access-Control-Request-Headers',
    action: fetchOf(open({ pf_acam: 'PUT' }), { method: 'PUT', headers: { Accept: '*', 'Accept-Language': 'bzh', 'Content-Language': 'eu' } }),
    observed: READ,
    server: passed('PUT', null),
    cite: `${PREFLIGHT} (ACRH only when headers is not empty); ${WPT}cors-preflight.any.js "CORS [PUT] [only safe headers], server allows"`,
  }),
];

// ---------------------------------------------------------------------------------------------
// Wildcards and credentials (reference 19, 20, 46; WPT cors-preflight-star.any.js)

const AUTHORIZATION = { Authorization: 'Bearer token-123' };

const wildcards: Scenario[] = [
  row({
    slug: 'acam-star',
    title: 'ACAM `*` allows PATCH on an uncredentialed request',
    action: fetchOf(open({ pf_acam: '*' }), { method: 'PATCH' }),
    observed: READ,
    server: passed('PATCH'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js`,
  }),
  row({
    slug: 'acam-star-credentials',
    title: 'With credentials, ACAM `*` is a literal method name and does not allow PUT',
    action: fetchOf(creds({ pf_acam: '*' }), { method: 'PUT', credentials: 'include' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js (credentials, "*" allowed, PUT used)`,
    fix: 'For credentialed requests list the methods explicitly; `*` only works without credentials.',
  }),
  row({
    slug: 'acam-listed-credentials',
    title: 'With credentials, ACAM `PUT` allows PUT (and ACAH `*` is irrelevant without custom headers)',
    action: fetchOf(creds({ pf_acam: 'PUT', pf_acah: '*' }), { method: 'PUT', credentials: 'include' }),
    observed: READ,
    server: passed('PUT'),
    cite: `${PREFLIGHT}; ${WPT}cors-preflight-star.any.js (credentials, "PUT" allowed, PUT used)`,
  }),
  row({
    slug: 'acah-star',
    title: 'ACAH `*` allows a custom header on an uncredentialed request',
    action: fetchOf(open({ pf_acah: '*' }), { headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js`,
  }),
  row({
    slug: 'acah-star-credentials',
    title: 'With credentials, ACAH `*` is a literal header name and does not allow X-Test',
    action: fetchOf(creds({ pf_acah: '*' }), { headers: { 'X-Test': '1' }, credentials: 'include' }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js (credentials, "*" allowed, X-Test used)`,
    fix: 'For credentialed requests list the headers explicitly (or reflect Access-Control-Request-Headers).',
  }),
  row({
    slug: 'acah-star-credentials-literal',
    title: 'With credentials, ACAH `*` does allow a header literally named `*`',
    action: fetchOf(creds({ pf_acah: '*' }), { headers: { '*': '1' }, credentials: 'include' }),
    observed: READ,
    server: passed('GET', '*'),
    cite: `${WILDCARDS}; ${WPT}cors-preflight-star.any.js "Exact character match works even for "*" with credentials"`,
  }),
  row({
    slug: 'acah-star-and-name-credentials',
    title: 'With credentials, ACAH `*, x-test` allows X-Test through the explicit name',
    action: fetchOf(creds({ pf_acah: '*, x-test' }), { headers: { 'X-Test': '1' }, credentials: 'include' }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${WILDCARDS}; ${PREFLIGHT}`,
  }),
  row({
    slug: 'authorization-acah-star',
    title: 'Authorization is not covered by ACAH `*` (IIIF Auth 2 probe with a Bearer token)',
    action: fetchOf(open({ pf_acah: '*' }), { headers: AUTHORIZATION }),
    observed: BLOCKED,
    server: stopped('GET', 'authorization'),
    cite: `${NON_WILDCARD}; ${PREFLIGHT} (CORS non-wildcard request-header name); reference scenarios 20, 46; https://github.com/whatwg/fetch/issues/1919`,
    fix: 'List Authorization explicitly: Access-Control-Allow-Headers: Authorization (a `*` alone will break when browsers enforce the spec).',
  }),
  row({
    slug: 'authorization-listed',
    title: 'Authorization passes when ACAH names it explicitly',
    action: fetchOf(open({ pf_acah: 'Authorization' }), { headers: AUTHORIZATION }),
    observed: READ,
    server: passed('GET', 'authorization'),
    cite: `${NON_WILDCARD}; ${PREFLIGHT}`,
  }),
  row({
    slug: 'authorization-star-and-name',
    title: 'ACAH `*, Authorization` allows Authorization and any other header',
    action: fetchOf(open({ pf_acah: '*, Authorization' }), { headers: { ...AUTHORIZATION, 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'authorization,x-test'),
    cite: `${NON_WILDCARD}; ${WILDCARDS}; https://github.com/whatwg/fetch/issues/251`,
  }),
];

// ---------------------------------------------------------------------------------------------
// Safelisted vs preflighted request headers (reference 21–23, 45; WPT cors-no-preflight.any.js,
// cors-preflight-not-cors-safelisted.any.js, cors/cors-safelisted-request-header.any.js)

const IIIF_ACCEPT = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
const LONG_ACCEPT = `image/webp,${'a'.repeat(118)}`; // 129 bytes, all safe characters

const safelisting: Scenario[] = [
  row({
    slug: 'content-type-json',
    title: 'POST with Content-Type application/json is preflighted (ACRH `content-type`) and passes when allowed',
    action: fetchOf(open({ pf_acah: 'Content-Type' }), { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }),
    observed: READ,
    server: passed('POST', 'content-type'),
    cite: `${SAFE_HEADER} (only three MIME essences); ${WPT}cors-preflight-not-cors-safelisted.any.js`,
  }),
  row({
    slug: 'content-type-json-not-allowed',
    title: 'POST with Content-Type application/json fails when the preflight does not allow content-type',
    action: fetchOf(open({ pf_acam: 'POST' }), { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }),
    observed: BLOCKED,
    server: stopped('POST', 'content-type'),
    cite: `${SAFE_HEADER}; ${PREFLIGHT}`,
    fix: 'Add Content-Type to Access-Control-Allow-Headers on the OPTIONS response.',
  }),
  row({
    slug: 'content-type-text-plain-charset',
    title: 'POST with Content-Type text/plain;charset=utf-8 is not preflighted',
    action: fetchOf(open(), { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain;charset=utf-8' } }),
    observed: READ,
    server: direct('POST'),
    cite: `${SAFE_HEADER}; ${WPT}cors-no-preflight.any.js`,
  }),
  row({
    slug: 'iiif-accept-profile',
    title: 'The IIIF profile Accept header (quotes and colon) is preflighted with ACRH `accept`',
    action: fetchOf(open({ pf_acah: 'Accept' }), { headers: { Accept: IIIF_ACCEPT } }),
    observed: READ,
    server: passed('GET', 'accept'),
    cite: `${SAFE_HEADER} (CORS-unsafe request-header byte 0x22, 0x3A); https://iiif.io/api/image/3.0/#51-image-information-request; reference scenario 22, 45`,
  }),
  row({
    slug: 'iiif-accept-profile-no-options',
    title: 'The IIIF profile Accept header fails against a server that answers OPTIONS with a bare 405',
    action: fetchOf(open({ pf_status: 405, pf_acao: ['$none'] }), { headers: { Accept: IIIF_ACCEPT } }),
    observed: BLOCKED,
    server: stopped('GET', 'accept'),
    cite: `${PREFLIGHT}; ${SAFE_HEADER}; reference scenario 45`,
    fix: 'Answer OPTIONS on info.json with 204, Access-Control-Allow-Origin and Access-Control-Allow-Headers: Accept.',
  }),
  row({
    slug: 'accept-long',
    title: 'An Accept value over 128 bytes is preflighted even with only safe characters',
    action: fetchOf(open({ pf_acah: 'accept' }), { headers: { Accept: LONG_ACCEPT } }),
    observed: READ,
    server: passed('GET', 'accept'),
    cite: `${SAFE_HEADER} (value length over 128); ${WPT}cors-preflight-not-cors-safelisted.any.js`,
  }),
  row({
    slug: 'range-single',
    title: 'Range `bytes=0-99` is safelisted: no preflight',
    action: fetchOf(open(), { headers: { Range: 'bytes=0-99' } }),
    observed: READ,
    server: direct('GET'),
    cite: `${SAFE_HEADER} (simple range header value); wpt cors/cors-safelisted-request-header.any.js`,
  }),
  row({
    slug: 'range-multi',
    title: 'A multi-range `bytes=0-99,200-` is not safelisted: preflight with ACRH `range`',
    action: fetchOf(open({ pf_acah: 'Range' }), { headers: { Range: 'bytes=0-99,200-' } }),
    observed: READ,
    server: passed('GET', 'range'),
    cite: `${SAFE_HEADER}; ${FETCH}/#simple-range-header-value; reference scenario 23`,
  }),
];

// ---------------------------------------------------------------------------------------------
// The preflight answer itself: status, redirects, malformed lists, credentials (reference 24–26,
// 31; WPT cors-preflight-status.any.js, cors-preflight-redirect.any.js,
// cors-preflight-response-validation.any.js)

const STATUS_FIX = 'Answer OPTIONS with 200 or 204 (before any authentication or routing that could reject it).';
const status: Scenario[] = [
  // 200–206 are ok statuses (any 2xx is); the 3xx, 4xx and 5xx answers are not. A 3xx is not
  // followed: the preflight goes through HTTP-network-or-cache fetch, which does no redirects, so
  // the 3xx is simply a non-ok status.
  ...[200, 201, 202, 203, 204, 205, 206].map((code) =>
    row({
      slug: `status-${code}`,
      title: `A preflight answered ${code} passes (an ok status)`,
      action: fetchOf(open({ pf_status: code, pf_acam: 'PUT' }), { method: 'PUT' }),
      observed: READ,
      server: passed('PUT'),
      cite: `${PREFLIGHT} (response's status is an ok status); ${OK_STATUS} (200 to 299); ${WPT}cors-preflight-status.any.js`,
    }),
  ),
  ...[301, 302, 303, 307, 308, 401, 403, 404, 405, 500, 501, 502, 503, 504, 505].map((code) =>
    row({
      slug: `status-${code}`,
      title: `A preflight answered ${code} fails even with all CORS headers present${code >= 300 && code < 400 ? ' (no Location)' : ''}`,
      action: fetchOf(open({ pf_status: code, pf_acam: 'PUT' }), { method: 'PUT' }),
      observed: BLOCKED,
      server: stopped('PUT'),
      cite: `${PREFLIGHT} (not an ok status → network error); ${OK_STATUS}; ${WPT}cors-preflight-status.any.js${code === 401 ? '; reference scenario 25 (auth-gated OPTIONS)' : ''}`,
      fix: STATUS_FIX,
    }),
  ),
  row({
    slug: 'redirected',
    title: 'A preflight answered with a 307 redirect fails and the redirect is not followed',
    action: fetchOf(open({ pf_status: 307, pf_location: open({ pf_acam: 'PUT' }), pf_acam: 'PUT' }), { method: 'PUT' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT} (the preflight is fetched with HTTP-network-or-cache fetch, which follows no redirect; a 307 is not an ok status → network error); ${OK_STATUS}; ${WPT}cors-preflight-redirect.any.js; reference scenario 31`,
    fix: 'Answer OPTIONS at the requested URL itself; do not redirect preflights (e.g. trailing-slash or http→https redirects).',
  }),
  row({
    slug: 'acah-malformed',
    title: 'ACAH containing `header name with space` is unparsable: the preflight fails',
    action: fetchOf(open({ pf_acah: 'x-test, header name with space' }), { headers: { 'X-Test': '1' } }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${EXTRACT}; ${PREFLIGHT} (headerNames failure); ${WPT}cors-preflight-response-validation.any.js`,
    fix: 'Access-Control-Allow-Headers must be a comma-separated list of header-name tokens.',
  }),
  row({
    slug: 'acam-malformed',
    title: 'ACAM `Bad method name` is unparsable: the preflight fails even for GET',
    action: fetchOf(open({ pf_acah: 'x-test', pf_acam: 'Bad method name' }), { headers: { 'X-Test': '1' } }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${EXTRACT}; ${PREFLIGHT} (methods failure); ${WPT}cors-preflight-response-validation.any.js`,
    fix: 'Access-Control-Allow-Methods must be a comma-separated list of method tokens.',
  }),
  row({
    slug: 'acam-empty-list-elements',
    title: 'ACAM `PUT,,` parses (empty list elements are ignored by the #rule): PUT passes',
    action: fetchOf(open({ pf_acam: 'PUT,,' }), { method: 'PUT' }),
    observed: READ,
    server: passed('PUT'),
    cite: `${EXTRACT} (ABNF #method); https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1.2 (recipients accept empty list elements)`,
  }),
  row({
    slug: 'no-cookies',
    title: 'A credentialed PUT: the preflight carries no cookie, the actual request does',
    setup: { cookie: { origin: 'image' } },
    action: fetchOf(creds({ pf_acam: 'PUT' }), { method: 'PUT', credentials: 'include' }),
    observed: READ,
    server: { ...passed('PUT'), cookie: true, preflightCookie: false },
    cite: `${PREFLIGHT} (the preflight is a new request with the default credentials mode "same-origin": no cookies cross-origin); reference scenario 25`,
  }),
  row({
    slug: 'credentials-preflight-without-acac',
    title: 'A credentialed PUT fails when only the actual response, not the preflight, has ACAC true',
    action: fetchOf(creds({ pf_acam: 'PUT', pf_acac: '$none' }), { method: 'PUT', credentials: 'include' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT} (CORS check on the preflight response); ${FETCH}/#cors-check`,
    fix: 'Send Access-Control-Allow-Credentials: true on the OPTIONS response too.',
  }),
];

// ---------------------------------------------------------------------------------------------
// Preflight cache (reference 49; WPT cors-preflight-cache.any.js, cors/preflight-cache.htm).
// Two identical preflighted requests to the same URL in one page; the scenario token makes the
// URL, and so the cache key, unique to this test, so no other isolation is needed.
// The engines' Max-Age caps (Chromium 7200 s, Firefox 86400 s, WebKit 600 s) are not measured
// here: that needs the browser's clock moved forward between the two requests (libfaketime), which
// works for Chromium and WebKit but for Firefox only with a preload shim and its sandboxes off.
// Values up to 86400 are checked for immediate reuse; expiry is checked with Max-Age 1 and a wait.

const putTwice = (maxAge: number | undefined, between: Action[] = []) =>
  twice(open({ pf_acam: 'PUT', ...(maxAge !== undefined && { pf_max_age: maxAge }) }), { method: 'PUT' }, between);
const doneSteps = (...steps: Observation[]): Observation => ({ result: 'done', steps });
const cacheFacts = (preflights: number): Partial<ServerFacts> => ({
  preflights,
  requests: 2,
  methods: preflights === 2 ? ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'] : ['OPTIONS', 'PUT', 'PUT'],
});
/** Fetch: "Cache entries may be removed before that moment arrives": reuse is never required. */
const MAY_DROP = `${CACHE} ("Cache entries may be removed before that moment arrives")`;
const notReused = (extra = ''): Outcome => ({ label: 'not reused', observed: doneSteps(READ, READ), server: cacheFacts(2), cite: `${MAY_DROP}${extra}` });
const REUSED_WHEN_2: Counterfactual = { label: 'cached answer reused', server: cacheFacts(1) };
const NOT_PREFLIGHTED: Counterfactual = { label: 'second request sent without any preflight', server: { preflights: 0, methods: ['PUT', 'PUT'] } };
const SECOND_BLOCKED: Counterfactual = { label: 'second request blocked', observed: doneSteps(READ, BLOCKED) };

const cache: Scenario[] = [
  row({
    slug: 'cache-max-age-0',
    title: 'Access-Control-Max-Age 0: the second identical PUT is preflighted again',
    action: putTwice(0),
    observed: doneSteps(READ, READ),
    server: cacheFacts(2),
    cite: `${CACHE} (entries "must be removed after the seconds specified in their max-age field have passed"); ${PREFLIGHT} (max-age); wpt cors/preflight-cache.htm "age = 0, should not be cached"`,
    counterfactuals: [REUSED_WHEN_2, NOT_PREFLIGHTED],
  }),
  row({
    slug: 'cache-max-age-negative',
    title: 'Access-Control-Max-Age -1 is not delta-seconds, so the 5 s default applies (one preflight); not caching also conforms',
    action: putTwice(-1),
    observed: doneSteps(READ, READ),
    server: cacheFacts(1),
    cite: `${PREFLIGHT} ("If max-age is failure or null, then set max-age to 5"); ${FETCH}/#http-access-control-max-age (delta-seconds)`,
    also: [{ ...notReused('; wpt cors/preflight-cache.htm "age = -1, should not be cached" expects this'), label: 'not cached' }],
    counterfactuals: [NOT_PREFLIGHTED, SECOND_BLOCKED],
  }),
  row({
    slug: 'cache-max-age-absent',
    title: 'Without Access-Control-Max-Age the answer may be cached for 5 s: one preflight for two PUTs (or two: reuse is not required)',
    action: putTwice(undefined),
    observed: doneSteps(READ, READ),
    server: cacheFacts(1),
    cite: `${PREFLIGHT} (default max-age 5); ${CACHE}`,
    also: [notReused()],
    counterfactuals: [NOT_PREFLIGHTED, SECOND_BLOCKED],
  }),
  ...[5, 600, 7200, 86400].map((maxAge) =>
    row({
      slug: `cache-max-age-${maxAge}`,
      title: `Access-Control-Max-Age ${maxAge}: the second identical PUT may reuse the cached preflight (reuse is not required)`,
      action: putTwice(maxAge),
      observed: doneSteps(READ, READ),
      server: cacheFacts(1),
      cite: `${CACHE}; ${WPT}cors-preflight-cache.any.js`,
      also: [notReused(maxAge > 600 ? ' (and engines cap max-age: WebKit 600 s, Chromium 7200 s)' : '')],
      counterfactuals: [NOT_PREFLIGHTED, SECOND_BLOCKED],
    }),
  ),
  row({
    slug: 'cache-max-age-1-expires',
    title: 'Access-Control-Max-Age 1: after 1.5 s the cached answer has expired and PUT is preflighted again',
    action: putTwice(1, [{ kind: 'wait', ms: 1500 }]),
    observed: doneSteps(READ, { result: 'done' }, READ),
    server: cacheFacts(2),
    cite: `${CACHE} ("must be removed after the seconds specified in their max-age field have passed"); wpt cors/preflight-cache.htm "preflight first request, second from cache, wait, third should preflight again"`,
    counterfactuals: [{ label: 'expired answer reused', server: cacheFacts(1) }],
  }),
  row({
    slug: 'cache-other-method-listed',
    title: 'A cached answer listing PUT, DELETE may also cover a later DELETE: one preflight (or two)',
    action: { kind: 'sequence', steps: [fetchOf(open({ pf_acam: 'PUT, DELETE', pf_max_age: 600 }), { method: 'PUT' }), fetchOf(open({ pf_acam: 'PUT, DELETE', pf_max_age: 600 }), { method: 'DELETE' })] },
    observed: doneSteps(READ, READ),
    server: { preflights: 1, requests: 2, methods: ['OPTIONS', 'PUT', 'DELETE'], acrms: ['PUT'] },
    cite: `${PREFLIGHT} (a cache entry per method in methods); ${CACHE}`,
    also: [{ label: 'not reused', observed: doneSteps(READ, READ), server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'DELETE'], acrms: ['PUT', 'DELETE'] }, cite: MAY_DROP }],
    counterfactuals: [{ label: 'DELETE sent without a preflight or a cached entry', server: { preflights: 1, methods: ['OPTIONS', 'PUT', 'DELETE'], acrms: ['DELETE'] } }, SECOND_BLOCKED],
  }),
  row({
    slug: 'cache-new-header-not-covered',
    title: 'A header the cached answer did not allow needs a new preflight (which refuses it)',
    action: {
      kind: 'sequence',
      steps: [
        fetchOf(open({ pf_acah: 'x-a', pf_max_age: 600 }), { headers: { 'X-A': '1' } }),
        fetchOf(open({ pf_acah: 'x-a', pf_max_age: 600 }), { headers: { 'X-B': '1' } }),
      ],
    },
    observed: doneSteps(READ, BLOCKED),
    server: { preflights: 2, requests: 1, methods: ['OPTIONS', 'GET', 'OPTIONS'], acrh: 'x-a', acrhs: ['x-a', 'x-b'] },
    cite: `${FETCH}/#concept-main-fetch (header-name cache match); ${CACHE}`,
    counterfactuals: [{ label: 'X-B sent on the strength of the x-a entry', observed: doneSteps(READ, READ), server: { preflights: 1, requests: 2, methods: ['OPTIONS', 'GET', 'GET'], acrhs: ['x-a'] } }],
  }),
  row({
    slug: 'cache-credentialed-after-uncredentialed',
    title: 'A credentialed PUT does not reuse the preflight cached for an uncredentialed PUT: two preflights',
    action: {
      kind: 'sequence',
      steps: [
        fetchOf(creds({ pf_acam: 'PUT', pf_max_age: 600 }), { method: 'PUT' }),
        fetchOf(creds({ pf_acam: 'PUT', pf_max_age: 600 }), { method: 'PUT', credentials: 'include' }),
      ],
    },
    observed: doneSteps(READ, READ),
    server: cacheFacts(2),
    cite: `${CACHE_MATCH} (an entry with credentials false matches only requests whose credentials mode is not "include"); reference scenario 49`,
    counterfactuals: [REUSED_WHEN_2],
  }),
  row({
    slug: 'cache-uncredentialed-after-credentialed',
    title: 'An uncredentialed PUT may reuse the preflight cached for a credentialed PUT (one preflight), or not (two)',
    action: {
      kind: 'sequence',
      steps: [
        fetchOf(creds({ pf_acam: 'PUT', pf_max_age: 600 }), { method: 'PUT', credentials: 'include' }),
        fetchOf(creds({ pf_acam: 'PUT', pf_max_age: 600 }), { method: 'PUT' }),
      ],
    },
    observed: doneSteps(READ, READ),
    server: cacheFacts(1),
    cite: `${CACHE_MATCH} ("credentials is true, or request's credentials mode is not include": an entry stored with credentials matches any request)`,
    also: [notReused()],
    counterfactuals: [NOT_PREFLIGHTED, SECOND_BLOCKED],
  }),
];

export const scenarios: Scenario[] = [...methods, ...headers, ...wildcards, ...safelisting, ...status, ...cache];
