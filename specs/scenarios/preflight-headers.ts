// Preflights: request headers and Access-Control-Request-Headers, and the wildcards of the answer
// with and without credentials. Part of the preflight family (preflight.ts).

import type { Scenario } from '../../harness/scenarios/types.ts';
import { NON_WILDCARD, PREFLIGHT, UNSAFE_NAMES, WILDCARDS, WPT } from './citations.ts';
import { creds, fetchOf, row } from './preflight-rows.ts';
import { BLOCKED, open, passed, READ, stopped } from './vocabulary.ts';

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
    id: 'preflight/header-allowed',
    title: 'A custom request header is preflighted (ACRH `x-test`) and passes when ACAH lists it',
    action: fetchOf(open({ pf_acah: 'X-Test' }), { headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [GET] [x-test-header: allowed], server allows"`,
  }),
  row({
    id: 'preflight/header-not-listed',
    title: 'A custom request header fails when ACAH lists a different header',
    action: fetchOf(open({ pf_acah: 'X-Other' }), { headers: { 'X-Test': '1' } }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [GET] [x-test-header: refused], server refuses"`,
    fix: 'List every request header the client sends in Access-Control-Allow-Headers (or reflect Access-Control-Request-Headers).',
  }),
  row({
    id: 'preflight/header-case-insensitive',
    title: 'Header names match case-insensitively: ACAH `X-TEST` allows `x-test`',
    action: fetchOf(open({ pf_acah: 'X-TEST' }), { headers: { 'x-test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${PREFLIGHT} (byte-case-insensitive match); ${WPT}cors-preflight-star.any.js`,
  }),
  row({
    id: 'preflight/acrh-sorted-lowercased',
    title: 'ACRH is lower-cased, sorted and comma-joined, leaving out safelisted headers (WPT "several headers")',
    action: fetchOf(open({ pf_acah: SEVERAL_ACRH }), { headers: SEVERAL }),
    observed: READ,
    server: passed('GET', SEVERAL_ACRH),
    cite: `${UNSAFE_NAMES}; ${PREFLIGHT}; ${WPT}cors-preflight.any.js "CORS [GET] [several headers], server allows"`,
  }),
  row({
    id: 'preflight/acrh-absent-with-safelisted-headers-only',
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
    id: 'preflight/acam-star',
    title: 'ACAM `*` allows PATCH on an uncredentialed request',
    action: fetchOf(open({ pf_acam: '*' }), { method: 'PATCH' }),
    observed: READ,
    server: passed('PATCH'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js`,
  }),
  row({
    id: 'preflight/acam-star-credentials',
    title: 'With credentials, ACAM `*` is a literal method name and does not allow PUT',
    action: fetchOf(creds({ pf_acam: '*' }), { method: 'PUT', credentials: 'include' }),
    observed: BLOCKED,
    server: stopped('PUT'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js (credentials, "*" allowed, PUT used)`,
    fix: 'For credentialed requests list the methods explicitly; `*` only works without credentials.',
  }),
  row({
    id: 'preflight/acam-listed-credentials',
    title: 'With credentials, ACAM `PUT` allows PUT (and ACAH `*` is irrelevant without custom headers)',
    action: fetchOf(creds({ pf_acam: 'PUT', pf_acah: '*' }), { method: 'PUT', credentials: 'include' }),
    observed: READ,
    server: passed('PUT'),
    cite: `${PREFLIGHT}; ${WPT}cors-preflight-star.any.js (credentials, "PUT" allowed, PUT used)`,
  }),
  row({
    id: 'preflight/acah-star',
    title: 'ACAH `*` allows a custom header on an uncredentialed request',
    action: fetchOf(open({ pf_acah: '*' }), { headers: { 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js`,
  }),
  row({
    id: 'preflight/acah-star-credentials',
    title: 'With credentials, ACAH `*` is a literal header name and does not allow X-Test',
    action: fetchOf(creds({ pf_acah: '*' }), { headers: { 'X-Test': '1' }, credentials: 'include' }),
    observed: BLOCKED,
    server: stopped('GET', 'x-test'),
    cite: `${WILDCARDS}; ${PREFLIGHT}; ${WPT}cors-preflight-star.any.js (credentials, "*" allowed, X-Test used)`,
    fix: 'For credentialed requests list the headers explicitly (or reflect Access-Control-Request-Headers).',
  }),
  row({
    id: 'preflight/acah-star-credentials-literal',
    title: 'With credentials, ACAH `*` does allow a header literally named `*`',
    action: fetchOf(creds({ pf_acah: '*' }), { headers: { '*': '1' }, credentials: 'include' }),
    observed: READ,
    server: passed('GET', '*'),
    cite: `${WILDCARDS}; ${WPT}cors-preflight-star.any.js "Exact character match works even for "*" with credentials"`,
  }),
  row({
    id: 'preflight/acah-star-and-name-credentials',
    title: 'With credentials, ACAH `*, x-test` allows X-Test through the explicit name',
    action: fetchOf(creds({ pf_acah: '*, x-test' }), { headers: { 'X-Test': '1' }, credentials: 'include' }),
    observed: READ,
    server: passed('GET', 'x-test'),
    cite: `${WILDCARDS}; ${PREFLIGHT}`,
  }),
  row({
    id: 'preflight/authorization-acah-star',
    title: 'Authorization is not covered by ACAH `*` (IIIF Auth 2 probe with a Bearer token)',
    action: fetchOf(open({ pf_acah: '*' }), { headers: AUTHORIZATION }),
    observed: BLOCKED,
    server: stopped('GET', 'authorization'),
    cite: `${NON_WILDCARD}; ${PREFLIGHT} (CORS non-wildcard request-header name); reference scenarios 20, 46; https://github.com/whatwg/fetch/issues/1919`,
    fix: 'List Authorization explicitly: Access-Control-Allow-Headers: Authorization (a `*` alone will break when browsers enforce the spec).',
  }),
  row({
    id: 'preflight/authorization-listed',
    title: 'Authorization passes when ACAH names it explicitly',
    action: fetchOf(open({ pf_acah: 'Authorization' }), { headers: AUTHORIZATION }),
    observed: READ,
    server: passed('GET', 'authorization'),
    cite: `${NON_WILDCARD}; ${PREFLIGHT}`,
  }),
  row({
    id: 'preflight/authorization-star-and-name',
    title: 'ACAH `*, Authorization` allows Authorization and any other header',
    action: fetchOf(open({ pf_acah: '*, Authorization' }), { headers: { ...AUTHORIZATION, 'X-Test': '1' } }),
    observed: READ,
    server: passed('GET', 'authorization,x-test'),
    cite: `${NON_WILDCARD}; ${WILDCARDS}; https://github.com/whatwg/fetch/issues/251`,
  }),
];

export const scenarios: Scenario[] = [...headers, ...wildcards];
