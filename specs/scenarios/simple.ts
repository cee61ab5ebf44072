// Simple (non-preflighted) cross-origin requests: which Access-Control-Allow-Origin values let
// page JavaScript read the response, and what it may see of the headers.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { ACEH, CORS_CHECK } from './citations.ts';
import { ONE } from './vocabulary.ts';
import type { MakeSpec } from '../../contract/page.ts';

const EXPIRES = 'Thu, 01 Jan 2037 00:00:00 GMT';
const LAST_MODIFIED = 'Mon, 01 Jan 2024 00:00:00 GMT';

/**
 * A GET whose only variable is the Access-Control-Allow-Origin value(s) (one array item per line).
 * `raw`: the fixture writes headers through the Fetch `Headers` class, which strips surrounding
 * whitespace from values, unless a header name repeats, in which case it writes the lines to the
 * socket verbatim (fixtures/reply.ts). A repeated harmless X-Raw header forces that path, so the
 * spaces and tabs really are on the wire.
 */
function acaoRow(id: `simple/${string}`, title: string, acao: string[], result: 'readable' | 'blocked', opts: { fix?: string; raw?: boolean } = {}): Scenario {
  const make: MakeSpec = { acao, ...(opts.raw && { header: ['X-Raw: 1', 'X-Raw: 2'] }) };
  return {
    id,
    family: 'simple',
    title,
    action: { kind: 'fetch', target: { origin: 'image', make } },
    spec: {
      observed: result === 'readable' ? { result, status: 200, body: 'make-body' } : { result, error: 'TypeError' },
      server: ONE,
      cite: `${CORS_CHECK}; https://fetch.spec.whatwg.org/#http-new-header-syntax; wpt cors/origin.htm`,
    },
    ...(opts.fix && { fix: opts.fix }),
  };
}

/** A cross-origin POST with a CORS-safelisted Content-Type: a simple request, never preflighted. */
function postRow(id: `simple/${string}`, contentType: string, body: string): Scenario {
  return {
    id,
    family: 'simple',
    title: `POST with Content-Type ${contentType.split(';')[0]} is a simple request: no preflight, readable`,
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } }, method: 'POST', headers: { 'Content-Type': contentType }, body },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: { ...ONE, methods: ['POST'] },
      cite: 'https://fetch.spec.whatwg.org/#cors-safelisted-request-header; wpt fetch/api/cors/cors-no-preflight.any.js',
    },
  };
}

export const scenarios: Scenario[] = [
  {
    id: 'simple/no-acao',
    family: 'simple',
    title: 'GET without Access-Control-Allow-Origin is a network error',
    action: { kind: 'fetch', target: { origin: 'image', make: {} } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: ONE, cite: `${CORS_CHECK}; wpt fetch/api/cors/cors-basic.any.js` },
    fix: 'Send Access-Control-Allow-Origin on every response (nginx: add_header ... always).',
  },
  {
    id: 'simple/acao-star',
    family: 'simple',
    title: 'GET with ACAO * is readable',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } } },
    spec: { observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' }, server: ONE, cite: CORS_CHECK },
  },
  {
    id: 'simple/acao-exact-origin',
    family: 'simple',
    title: 'GET with ACAO equal to the page origin is readable',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['{viewer}'], vary: 'Origin' } } },
    spec: { observed: { result: 'readable', status: 200 }, server: ONE, cite: CORS_CHECK },
  },
  {
    id: 'simple/acao-trailing-slash',
    family: 'simple',
    title: 'ACAO with a trailing slash does not match the origin',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['{viewer}/'] } } },
    spec: { observed: { result: 'blocked' }, server: ONE, cite: `${CORS_CHECK}; wpt cors/origin.htm` },
  },
  {
    id: 'simple/no-cors-opaque',
    family: 'simple',
    title: "mode 'no-cors' without ACAO gives an opaque response (status 0)",
    action: { kind: 'fetch', target: { origin: 'image', make: {} }, mode: 'no-cors' },
    // A no-cors GET is not a CORS request: the Origin header is not sent at all.
    spec: {
      observed: { result: 'opaque', type: 'opaque', status: 0 },
      server: { requests: 1, origins: ['absent'] },
      cite: 'https://fetch.spec.whatwg.org/#concept-filtered-response-opaque; https://fetch.spec.whatwg.org/#append-a-request-origin-header',
    },
  },
  {
    id: 'simple/xhr-no-acao',
    family: 'simple',
    title: 'XHR without ACAO fires error with status 0',
    action: { kind: 'xhr', target: { origin: 'image', make: {} } },
    spec: { observed: { result: 'blocked', status: 0 }, server: ONE, cite: 'https://xhr.spec.whatwg.org/#request-error-steps' },
  },
  {
    id: 'simple/unexposed-header-hidden',
    family: 'simple',
    title: 'A custom response header is hidden unless exposed; Content-Type is safelisted',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'], header: ['X-Custom: 1'] } }, read: ['X-Custom', 'Content-Type'] },
    spec: { observed: { result: 'readable', headers: { 'x-custom': null, 'content-type': 'text/plain; charset=utf-8' } }, server: ONE, cite: 'https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name' },
  },

  // --- ACAO value parsing (wpt cors/origin.htm corpus): only `*` or the byte-exact serialized origin passes ---
  acaoRow('simple/acao-uppercase', 'ACAO equal to the origin but upper-cased does not match (byte comparison)', ['{viewer:upper}'], 'blocked'),
  acaoRow('simple/acao-own-origin', "ACAO naming the server's own origin (wrong port) does not match the page", ['{image}'], 'blocked'),
  acaoRow('simple/acao-page-url', "ACAO with the page's full URL instead of its origin does not match", ['{viewer}/blank'], 'blocked'),
  acaoRow('simple/acao-list-two-origins', 'ACAO listing two origins in one line ("a, b") is not a match', ['{viewer}, {other}'], 'blocked', {
    fix: 'Send exactly one origin: look the request Origin up in an allow-list and echo it (with Vary: Origin).',
  }),
  acaoRow('simple/acao-duplicate-lines', 'Two ACAO header lines (the page origin and another) fail: they combine into "a, b"', ['{viewer}', '{other}'], 'blocked', {
    fix: 'Make sure only one layer (app, proxy, CDN) adds Access-Control-Allow-Origin.',
  }),
  acaoRow('simple/acao-duplicate-identical', 'Two identical ACAO lines with the page origin still fail ("a, a" is not the origin)', ['{viewer}', '{viewer}'], 'blocked', {
    fix: 'Make sure only one layer (app, proxy, CDN) adds Access-Control-Allow-Origin; duplicates fail even when equal.',
  }),
  acaoRow('simple/acao-duplicate-star', 'Two ACAO: * lines fail ("*, *" is neither * nor the origin)', ['*', '*'], 'blocked', {
    fix: 'Make sure only one layer (app, proxy, CDN) adds Access-Control-Allow-Origin.',
  }),
  acaoRow('simple/acao-null', 'ACAO: null does not match a real (non-opaque) origin', ['null'], 'blocked', {
    fix: 'Never send ACAO: null; reflect an allow-listed origin or send *.',
  }),
  acaoRow('simple/acao-star-with-origin', 'ACAO "*, <origin>": * combined with anything is not a wildcard', ['*, {viewer}'], 'blocked'),
  acaoRow('simple/acao-quoted-star', 'ACAO "\\"*\\"" (quoted) is not the wildcard', ['"*"'], 'blocked'),
  acaoRow('simple/acao-empty', 'An empty ACAO value fails', [''], 'blocked'),
  acaoRow('simple/acao-whitespace-origin', 'Spaces and tabs around the origin in ACAO are not part of the value: passes', [' \t{viewer}\t '], 'readable', { raw: true }),
  acaoRow('simple/acao-whitespace-star', 'Spaces around * in ACAO are not part of the value: passes', ['  *\t'], 'readable', { raw: true }),
  {
    id: 'simple/cross-site-star',
    family: 'simple',
    title: 'Cross-site (127.0.0.1 vs localhost) GET with ACAO * is readable',
    action: { kind: 'fetch', target: { origin: 'imageCrossSite', make: { acao: ['*'] } } },
    spec: { observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' }, server: ONE, cite: `${CORS_CHECK}; wpt fetch/api/cors/cors-basic.any.js (remote host)` },
  },
  {
    id: 'simple/no-cors-star-still-opaque',
    family: 'simple',
    title: "mode 'no-cors' gives an opaque response even when the server sends ACAO *",
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } }, mode: 'no-cors' },
    spec: {
      observed: { result: 'opaque', type: 'opaque', status: 0 },
      server: { requests: 1, preflights: 0, origins: ['absent'] },
      cite: 'https://fetch.spec.whatwg.org/#concept-main-fetch (no-cors → opaque filtered response); wpt fetch/api/basic/mode-no-cors.js',
    },
  },
  {
    id: 'simple/mode-same-origin-cross-origin',
    family: 'simple',
    title: "mode 'same-origin' to a cross-origin URL fails before any request is sent",
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } }, mode: 'same-origin' },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 0, preflights: 0 },
      cite: 'https://fetch.spec.whatwg.org/#concept-main-fetch (request mode "same-origin" → network error); wpt fetch/api/basic/mode-same-origin.any.js',
    },
  },

  // --- status codes ---
  {
    id: 'simple/status-404-readable',
    family: 'simple',
    title: 'A 404 with ACAO * is readable, and JS sees status 404',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'], status: 404 } } },
    spec: { observed: { result: 'readable', status: 404, body: 'make-body' }, server: ONE, cite: `${CORS_CHECK}; wpt cors/status.htm` },
  },
  {
    id: 'simple/status-500-no-acao',
    family: 'simple',
    title: 'A 500 without ACAO is a network error: JS cannot even see the status',
    action: { kind: 'fetch', target: { origin: 'image', make: { status: 500 } } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: ONE, cite: `${CORS_CHECK}; wpt cors/status.htm` },
    fix: 'Add CORS headers to error responses too (nginx: add_header ... always), so clients can read 4xx/5xx.',
  },

  // --- safelisted methods and request headers: no preflight ---
  {
    id: 'simple/head-no-preflight',
    family: 'simple',
    title: 'HEAD with ACAO * is a simple request: no preflight, readable',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } }, method: 'HEAD' },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: { ...ONE, methods: ['HEAD'] },
      cite: 'https://fetch.spec.whatwg.org/#cors-safelisted-method; wpt fetch/api/cors/cors-no-preflight.any.js',
    },
  },
  postRow('simple/post-text-plain', 'text/plain;charset=UTF-8', 'a=1'),
  postRow('simple/post-form-urlencoded', 'application/x-www-form-urlencoded', 'a=1&b=2'),
  postRow('simple/post-multipart', 'multipart/form-data; boundary=cors', '--cors\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--cors--\r\n'),

  // --- response headers JS may read ---
  {
    id: 'simple/safelisted-response-headers',
    family: 'simple',
    title: 'The 7 CORS-safelisted response headers are readable without ACEH; Date and custom headers are not',
    action: {
      kind: 'fetch',
      target: {
        origin: 'image',
        make: {
          acao: ['*'],
          header: ['Content-Language: en', `Expires: ${EXPIRES}`, `Last-Modified: ${LAST_MODIFIED}`, 'Pragma: no-cache', 'X-Custom: 1'],
        },
      },
      read: ['Cache-Control', 'Content-Language', 'Content-Length', 'Content-Type', 'Expires', 'Last-Modified', 'Pragma', 'Date', 'X-Custom'],
    },
    spec: {
      observed: {
        result: 'readable',
        headers: {
          'cache-control': 'no-store',
          'content-language': 'en',
          'content-length': '9',
          'content-type': 'text/plain; charset=utf-8',
          expires: EXPIRES,
          'last-modified': LAST_MODIFIED,
          pragma: 'no-cache',
          date: null,
          'x-custom': null,
        },
      },
      server: ONE,
      cite: 'https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name; wpt fetch/api/cors/cors-filtering.js, cors/response-headers.htm',
    },
  },
  {
    id: 'simple/aceh-listed',
    family: 'simple',
    title: 'Access-Control-Expose-Headers naming X-Custom exposes it and nothing else',
    action: {
      kind: 'fetch',
      target: { origin: 'image', make: { acao: ['*'], aceh: 'X-Custom', header: ['X-Custom: 1', 'X-Other: 2'] } },
      read: ['X-Custom', 'X-Other'],
    },
    spec: { observed: { result: 'readable', headers: { 'x-custom': '1', 'x-other': null } }, server: ONE, cite: `${ACEH}; wpt cors/response-headers.htm` },
  },
  {
    id: 'simple/aceh-star',
    family: 'simple',
    title: 'ACEH * (no credentials) exposes every header except Set-Cookie',
    action: {
      kind: 'fetch',
      target: { origin: 'image', make: { acao: ['*'], aceh: '*', header: ['X-Custom: 1', '*: whoa'], set_cookie: ['s_{token}=1; Path=/'] } },
      read: ['X-Custom', 'Set-Cookie', '*'],
    },
    spec: {
      observed: { result: 'readable', headers: { 'x-custom': '1', 'set-cookie': null, '*': 'whoa' } },
      server: ONE,
      cite: `${ACEH}; https://fetch.spec.whatwg.org/#forbidden-response-header-name; wpt fetch/api/cors/cors-expose-star.js`,
    },
  },
  {
    id: 'simple/aceh-star-in-list',
    family: 'simple',
    title: 'ACEH "X-Other, *": * still works as one item of a list',
    action: {
      kind: 'fetch',
      target: { origin: 'image', make: { acao: ['*'], aceh: 'X-Other, *', header: ['X-Custom: 1', 'X-Other: 2'] } },
      read: ['X-Custom', 'X-Other'],
    },
    spec: { observed: { result: 'readable', headers: { 'x-custom': '1', 'x-other': '2' } }, server: ONE, cite: `${ACEH}; wpt fetch/api/cors/cors-expose-star.js ("* can be one of several values")` },
  },

  // --- the same rules through XMLHttpRequest ---
  {
    id: 'simple/xhr-acao-star',
    family: 'simple',
    title: 'XHR GET with ACAO * is readable',
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['*'] } } },
    spec: { observed: { result: 'readable', status: 200, body: 'make-body' }, server: ONE, cite: `${CORS_CHECK}; wpt cors/basic.htm` },
  },
  {
    id: 'simple/xhr-acao-exact-origin',
    family: 'simple',
    title: 'XHR GET with ACAO equal to the page origin is readable',
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['{viewer}'], vary: 'Origin' } } },
    spec: { observed: { result: 'readable', status: 200 }, server: ONE, cite: `${CORS_CHECK}; wpt cors/origin.htm` },
  },
  {
    id: 'simple/xhr-acao-duplicate-lines',
    family: 'simple',
    title: 'XHR: two ACAO lines fire the error event with status 0',
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['*', '{viewer}'] } } },
    spec: { observed: { result: 'blocked', status: 0 }, server: ONE, cite: `${CORS_CHECK}; wpt cors/origin.htm (doubleOrigin)` },
  },
  {
    id: 'simple/xhr-acao-null',
    family: 'simple',
    title: 'XHR: ACAO null fires the error event with status 0',
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['null'] } } },
    spec: { observed: { result: 'blocked', status: 0 }, server: ONE, cite: `${CORS_CHECK}; wpt cors/origin.htm` },
  },
  {
    id: 'simple/xhr-exposed-headers',
    family: 'simple',
    title: 'XHR getResponseHeader sees ACEH-listed and safelisted headers only',
    action: {
      kind: 'xhr',
      target: { origin: 'image', make: { acao: ['*'], aceh: 'X-Custom', header: ['X-Custom: 1', 'X-Other: 2'] } },
      read: ['X-Custom', 'X-Other', 'Content-Type'],
    },
    spec: {
      observed: { result: 'readable', headers: { 'x-custom': '1', 'x-other': null, 'content-type': 'text/plain; charset=utf-8' } },
      server: ONE,
      cite: 'https://xhr.spec.whatwg.org/#the-getresponseheader()-method; wpt cors/response-headers.htm',
    },
  },
  {
    id: 'simple/xhr-status-404',
    family: 'simple',
    title: 'XHR: a 404 with ACAO * loads and shows status 404',
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['*'], status: 404 } } },
    spec: { observed: { result: 'readable', status: 404 }, server: ONE, cite: `${CORS_CHECK}; wpt cors/status.htm` },
  },
  {
    id: 'simple/xhr-post-text-plain',
    family: 'simple',
    title: 'XHR POST with Content-Type text/plain: no preflight, readable',
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['*'] } }, method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'a=1' },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: { ...ONE, methods: ['POST'] },
      cite: 'https://fetch.spec.whatwg.org/#cors-safelisted-request-header; wpt cors/simple-requests.htm',
    },
  },
];
