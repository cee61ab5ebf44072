// CORS preflights: which requests need one, what the OPTIONS request carries (ACRM/ACRH, no
// cookies), which answers let the actual request through (methods, headers, wildcards, status,
// redirects, malformed lists) and how long the answer is cached (Access-Control-Max-Age).
// Basis: reference notes scenarios 16–27, 45, 46, 49 and WPT fetch/api/cors/cors-preflight*.any.js.
//
// Fixture limit: node's HTTP parser answers methods it does not know (WPT's `NEW`, any lower-case
// method) with a bare 400 before any handler runs; the server logs those requests from their raw
// bytes (fixtures/request-log.ts, `rejected`), so a browser that sent one is seen. Allowed custom
// methods use PROPFIND (unknown to Fetch, known to node) so the actual request can succeed.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { FETCH, MAIN_FETCH, PREFLIGHT, SAFE_METHOD, UNSAFE_NAMES, NORMALIZE, WILDCARDS, NON_WILDCARD, WPT, READ, BLOCKED, passed, stopped, open, creds, fetchOf, twice, NO_PREFLIGHT, row } from './preflight-rows.ts';
import { scenarios as answers } from './preflight-answers.ts';
import { scenarios as cache } from './preflight-cache.ts';

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


export const scenarios: Scenario[] = [...methods, ...headers, ...wildcards, ...answers, ...cache];
