// Preflights: which request headers are safelisted and which force a preflight, and the preflight
// answer itself (status, redirect, malformed lists, credentials). Part of the preflight family.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { EXTRACT, FETCH, OK_STATUS, PREFLIGHT, SAFE_HEADER, WPT } from './citations.ts';
import { creds, fetchOf, row } from './preflight-rows.ts';
import { BLOCKED, direct, open, passed, READ, stopped } from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------
// Safelisted vs preflighted request headers (reference 21–23, 45; WPT cors-no-preflight.any.js,
// cors-preflight-not-cors-safelisted.any.js, cors/cors-safelisted-request-header.any.js)

const IIIF_ACCEPT = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
const LONG_ACCEPT = `image/webp,${'a'.repeat(118)}`; // 129 bytes, all safe characters

const safelisting: Scenario[] = [
  row({
    id: 'preflight/content-type-json',
    title: 'POST with Content-Type application/json is preflighted (ACRH `content-type`) and passes when allowed',
    action: fetchOf(open({ pf_acah: 'Content-Type' }), { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }),
    observed: READ,
    server: passed('POST', 'content-type'),
    cite: `${SAFE_HEADER} (only three MIME essences); ${WPT}cors-preflight-not-cors-safelisted.any.js`,
  }),
  row({
    id: 'preflight/content-type-json-not-allowed',
    title: 'POST with Content-Type application/json fails when the preflight does not allow content-type',
    action: fetchOf(open({ pf_acam: 'POST' }), { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }),
    observed: BLOCKED,
    server: stopped('POST', 'content-type'),
    cite: `${SAFE_HEADER}; ${PREFLIGHT}`,
    fix: 'Add Content-Type to Access-Control-Allow-Headers on the OPTIONS response.',
  }),
  row({
    id: 'preflight/content-type-text-plain-charset',
    title: 'POST with Content-Type text/plain;charset=utf-8 is not preflighted',
    action: fetchOf(open(), { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain;charset=utf-8' } }),
    observed: READ,
    server: direct('POST'),
    cite: `${SAFE_HEADER}; ${WPT}cors-no-preflight.any.js`,
  }),
  row({
    id: 'preflight/iiif-accept-profile',
    title: 'The IIIF profile Accept header (quotes and colon) is preflighted with ACRH `accept`',
    action: fetchOf(open({ pf_acah: 'Accept' }), { headers: { Accept: IIIF_ACCEPT } }),
    observed: READ,
    server: passed('GET', 'accept'),
    cite: `${SAFE_HEADER} (CORS-unsafe request-header byte 0x22, 0x3A); https://iiif.io/api/image/3.0/#51-image-information-request; reference scenario 22, 45`,
  }),
  row({
    id: 'preflight/iiif-accept-profile-no-options',
    title: 'The IIIF profile Accept header fails against a server that answers OPTIONS with a bare 405',
    action: fetchOf(open({ pf_status: 405, pf_acao: ['$none'] }), { headers: { Accept: IIIF_ACCEPT } }),
    observed: BLOCKED,
    server: stopped('GET', 'accept'),
    cite: `${PREFLIGHT}; ${SAFE_HEADER}; reference scenario 45`,
    fix: 'Answer OPTIONS on info.json with 204, Access-Control-Allow-Origin and Access-Control-Allow-Headers: Accept.',
  }),
  row({
    id: 'preflight/accept-long',
    title: 'An Accept value over 128 bytes is preflighted even with only safe characters',
    action: fetchOf(open({ pf_acah: 'accept' }), { headers: { Accept: LONG_ACCEPT } }),
    observed: READ,
    server: passed('GET', 'accept'),
    cite: `${SAFE_HEADER} (value length over 128); ${WPT}cors-preflight-not-cors-safelisted.any.js`,
  }),
  row({
    id: 'preflight/range-single',
    title: 'Range `bytes=0-99` is safelisted: no preflight',
    action: fetchOf(open(), { headers: { Range: 'bytes=0-99' } }),
    observed: READ,
    server: direct('GET'),
    cite: `${SAFE_HEADER} (simple range header value); wpt cors/cors-safelisted-request-header.any.js`,
  }),
  row({
    id: 'preflight/range-multi',
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
  ...(
    [
      ['preflight/status-200', 200],
      ['preflight/status-201', 201],
      ['preflight/status-202', 202],
      ['preflight/status-203', 203],
      ['preflight/status-204', 204],
      ['preflight/status-205', 205],
      ['preflight/status-206', 206],
    ] as const
  ).map(([id, code]) =>
    row({
      id,
      title: `A preflight answered ${code} passes (an ok status)`,
      action: fetchOf(open({ pf_status: code, pf_acam: 'PUT' }), { method: 'PUT' }),
      observed: READ,
      server: passed('PUT'),
      cite: `${PREFLIGHT} (response's status is an ok status); ${OK_STATUS} (200 to 299); ${WPT}cors-preflight-status.any.js`,
    }),
  ),
  ...(
    [
      ['preflight/status-301', 301],
      ['preflight/status-302', 302],
      ['preflight/status-303', 303],
      ['preflight/status-307', 307],
      ['preflight/status-308', 308],
      ['preflight/status-401', 401],
      ['preflight/status-403', 403],
      ['preflight/status-404', 404],
      ['preflight/status-405', 405],
      ['preflight/status-500', 500],
      ['preflight/status-501', 501],
      ['preflight/status-502', 502],
      ['preflight/status-503', 503],
      ['preflight/status-504', 504],
      ['preflight/status-505', 505],
    ] as const
  ).map(([id, code]) =>
    row({
      id,
      title: `A preflight answered ${code} fails even with all CORS headers present${code >= 300 && code < 400 ? ' (no Location)' : ''}`,
      action: fetchOf(open({ pf_status: code, pf_acam: 'PUT' }), { method: 'PUT' }),
      observed: BLOCKED,
      server: stopped('PUT'),
      cite: `${PREFLIGHT} (not an ok status → network error); ${OK_STATUS}; ${WPT}cors-preflight-status.any.js${code === 401 ? '; reference scenario 25 (auth-gated OPTIONS)' : ''}`,
      fix: STATUS_FIX,
    }),
  ),
  row({
    id: 'preflight/redirected',
    title: 'A preflight answered with a 307 redirect fails and the redirect is not followed',
    action: fetchOf(open({ pf_status: 307, pf_location: open({ pf_acam: 'PUT' }), pf_acam: 'PUT' }), { method: 'PUT' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT} (the preflight is fetched with HTTP-network-or-cache fetch, which follows no redirect; a 307 is not an ok status → network error); ${OK_STATUS}; ${WPT}cors-preflight-redirect.any.js; reference scenario 31`,
    fix: 'Answer OPTIONS at the requested URL itself; do not redirect preflights (e.g. trailing-slash or http→https redirects).',
  }),
  row({
    id: 'preflight/acah-malformed',
    title: 'ACAH containing `header name with space` is unparsable: the preflight fails',
    action: fetchOf(open({ pf_acah: 'x-test, header name with space' }), { headers: { 'X-Test': '1' } }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${EXTRACT}; ${PREFLIGHT} (headerNames failure); ${WPT}cors-preflight-response-validation.any.js`,
    fix: 'Access-Control-Allow-Headers must be a comma-separated list of header-name tokens.',
  }),
  row({
    id: 'preflight/acam-malformed',
    title: 'ACAM `Bad method name` is unparsable: the preflight fails even for GET',
    action: fetchOf(open({ pf_acah: 'x-test', pf_acam: 'Bad method name' }), { headers: { 'X-Test': '1' } }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${EXTRACT}; ${PREFLIGHT} (methods failure); ${WPT}cors-preflight-response-validation.any.js`,
    fix: 'Access-Control-Allow-Methods must be a comma-separated list of method tokens.',
  }),
  row({
    id: 'preflight/acam-empty-list-elements',
    title: 'ACAM `PUT,,` parses (empty list elements are ignored by the #rule): PUT passes',
    action: fetchOf(open({ pf_acam: 'PUT,,' }), { method: 'PUT' }),
    observed: READ,
    server: passed('PUT'),
    cite: `${EXTRACT} (ABNF #method); https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1.2 (recipients accept empty list elements)`,
  }),
  row({
    id: 'preflight/no-cookies',
    title: 'A credentialed PUT: the preflight carries no cookie, the actual request does',
    setup: { cookie: { origin: 'image' } },
    action: fetchOf(creds({ pf_acam: 'PUT' }), { method: 'PUT', credentials: 'include' }),
    observed: READ,
    server: { ...passed('PUT'), cookie: true, preflightCookie: false },
    cite: `${PREFLIGHT} (the preflight is a new request with the default credentials mode "same-origin": no cookies cross-origin); reference scenario 25`,
  }),
  row({
    id: 'preflight/credentials-preflight-without-acac',
    title: 'A credentialed PUT fails when only the actual response, not the preflight, has ACAC true',
    action: fetchOf(creds({ pf_acam: 'PUT', pf_acac: '$none' }), { method: 'PUT', credentials: 'include' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${PREFLIGHT} (CORS check on the preflight response); ${FETCH}/#cors-check`,
    fix: 'Send Access-Control-Allow-Credentials: true on the OPTIONS response too.',
  }),
];


export const scenarios: Scenario[] = [...safelisting, ...status];
