// Preflights: which methods need one and which Access-Control-Allow-Methods answers let them
// through. Part of the preflight family (preflight.ts).

import type { Scenario } from '../../harness/scenarios/types.ts';
import { FETCH, MAIN_FETCH, NORMALIZE, PREFLIGHT, SAFE_METHOD, WPT } from './citations.ts';
import { fetchOf, twice, row } from './preflight-rows.ts';
import { BLOCKED, NO_PREFLIGHT, open, passed, READ, stopped } from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------
// Methods (reference 16, 17; WPT cors-preflight.any.js, cors-preflight-star.any.js)

export const scenarios: Scenario[] = [
  ...(
    [
      ['preflight/method-put-allowed', 'preflight/method-put-not-listed', 'PUT'],
      ['preflight/method-delete-allowed', 'preflight/method-delete-not-listed', 'DELETE'],
      ['preflight/method-patch-allowed', 'preflight/method-patch-not-listed', 'PATCH'],
    ] as const
  ).flatMap(([allowed, notListed, method]) => [
    row({
      id: allowed,
      title: `${method} is preflighted and passes when Access-Control-Allow-Methods lists it`,
      action: fetchOf(open({ pf_acam: method }), { method }),
      observed: READ,
      server: passed(method),
      cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [${method}], server allows"`,
    }),
    row({
      id: notListed,
      title: `${method} fails when Access-Control-Allow-Methods does not list it (GET, POST only)`,
      action: fetchOf(open({ pf_acam: 'GET, POST' }), { method }),
      observed: BLOCKED,
      server: stopped(method),
      cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [${method}], server refuses"`,
      fix: `List ${method} in Access-Control-Allow-Methods on the OPTIONS response.`,
    }),
  ]),
  row({
    id: 'preflight/method-put-no-acam',
    title: 'PUT fails when the preflight answer has ACAO but no Access-Control-Allow-Methods at all',
    action: fetchOf(open(), { method: 'PUT' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT}; reference scenario 16`,
    fix: 'Answer OPTIONS with Access-Control-Allow-Methods listing the non-safelisted methods the resource supports.',
  }),
  row({
    id: 'preflight/method-custom-allowed',
    title: 'A custom method (PROPFIND) is sent as-is, preflighted, and passes when listed',
    action: fetchOf(open({ pf_acam: 'PROPFIND' }), { method: 'PROPFIND' }),
    observed: READ,
    server: passed('PROPFIND'),
    cite: `${PREFLIGHT}; ${NORMALIZE}; ${WPT}cors-preflight.any.js "CORS [NEW], server allows" (PROPFIND stands in for NEW, which the fixture server cannot parse)`,
  }),
  row({
    id: 'preflight/method-custom-new-not-listed',
    title: 'The custom method NEW fails when Access-Control-Allow-Methods lists only PUT',
    action: fetchOf(open({ pf_acam: 'PUT' }), { method: 'NEW' }),
    observed: BLOCKED,
    server: { ...stopped('NEW'), rejected: 0 },
    cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [NEW], server refuses"`,
    counterfactuals: [{ label: 'NEW sent despite the refusal (logged as rejected by the parser)', server: { requests: 1, methods: ['OPTIONS', 'NEW'], rejected: 1 } }, NO_PREFLIGHT],
  }),
  row({
    id: 'preflight/method-acam-lowercase-put',
    title: 'Access-Control-Allow-Methods `put` does not allow PUT: method names match case-sensitively',
    action: fetchOf(open({ pf_acam: 'put' }), { method: 'PUT' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT} (method "is not in methods"); ${WPT}cors-preflight-star.any.js ("put" allowed, PUT used)`,
    fix: 'Write methods in Access-Control-Allow-Methods in upper case, exactly as clients send them.',
  }),
  row({
    id: 'preflight/method-fetch-normalises-put',
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
    id: 'preflight/method-fetch-keeps-lowercase-patch',
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
    id: 'preflight/method-lowercase-patch-acam-upper',
    title: "fetch() with method 'patch' fails when ACAM lists only PATCH: methods match case-sensitively (tried twice, never cached)",
    action: twice(open({ pf_acam: 'PATCH', pf_max_age: 600 }), { method: 'patch' }),
    observed: { result: 'done', steps: [BLOCKED, BLOCKED] },
    server: { preflights: 2, requests: 0, methods: ['OPTIONS', 'OPTIONS'], rejected: 0, acrms: ['patch', 'patch'], acrhs: [null, null] },
    cite: `${NORMALIZE}; ${PREFLIGHT} (method not in methods → network error before any cache entry is created); ${WPT}cors-preflight.any.js "CORS [patcH], server refuses"`,
    counterfactuals: [{ label: 'patch sent anyway', server: { requests: 1, methods: ['OPTIONS', 'patch', 'OPTIONS'], rejected: 1 } }],
  }),
  row({
    id: 'preflight/method-safelisted-get-acam-lowercase',
    title: 'GET with a custom header passes with ACAM `get`: safelisted methods never need to be listed',
    action: fetchOf(open({ pf_acam: 'get', pf_acah: 'x-test' }), { headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${PREFLIGHT}; ${SAFE_METHOD}; ${WPT}cors-preflight-star.any.js ("get" allowed, GET used)`,
  }),
  row({
    id: 'preflight/method-safelisted-post-not-listed',
    title: 'POST with a custom header passes although ACAM lists only PUT: POST is safelisted',
    action: fetchOf(open({ pf_acam: 'PUT', pf_acah: 'x-test' }), { method: 'POST', body: 'x', headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('POST', 'x-test'),
    cite: `${PREFLIGHT}; ${SAFE_METHOD}`,
  }),
];
