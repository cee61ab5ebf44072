// Simple requests beyond the basic ACAO rules: what a tile viewer meets in practice. A Range
// request answered 206 (Content-Range is readable only when exposed), Set-Cookie that no ACEH can
// expose, 304 revalidations (the stored response's CORS headers apply, a 304 can update them),
// one cached URL read from two origins (Vary: Origin), and requests from an opaque-origin
// document (a sandboxed iframe sends Origin: null).

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { ACEH, CORS_CHECK, FORBIDDEN_RESPONSE_HEADER, HTTP_CACHING, HTTP_FETCH, NETWORK_OR_CACHE_FETCH, ORIGIN_NULL, RANGE_REQUESTS, SAFE_HEADER, SAFE_RESPONSE_HEADER, SANDBOX_ORIGIN } from './citations.ts';
import { ONE, image, rowBuilder, withDerived } from './vocabulary.ts';
import type { Action, FetchAction, MakeSpec } from '../../contract/page.ts';

const row = rowBuilder('simple', withDerived);

const RANGE: FetchAction = { kind: 'fetch', headers: { Range: 'bytes=0-8' }, read: ['Content-Range', 'Content-Length'], target: image({}) };
const CONTENT_RANGE = 'Content-Range: bytes 0-8/9';

// 304: the first fetch stores a cacheable response with an ETag; the second (cache: 'no-cache')
// must revalidate, and the server answers 304 with only the nm_header lines. A third read
// (cache: 'force-cache') tells "not stored" (it reaches the server) from "stored, then fetched
// without a condition" (served from the cache), which no-cache forbids.
const stored = (extra: MakeSpec): MakeSpec => ({ acao: ['*'], etag: 'v1', cache: 'max-age=600', header: ['X-Custom: 1'], ...extra });
const revalidate = (make: MakeSpec, read: string[]): Action => ({
  kind: 'sequence',
  steps: [
    { kind: 'fetch', target: image(make), read },
    { kind: 'fetch', target: image(make), read, cache: 'no-cache' },
    { kind: 'fetch', target: image(make), read, cache: 'force-cache' },
  ],
});
/** Revalidated, then the third read served from the updated stored response. */
const REVALIDATED = { requests: 2, preflights: 0, statuses: [200, 304] };
/** A cache that did not keep the response sends normal requests, the third read too: full 200s conform. */
const NOT_STORED = { requests: 3, preflights: 0, statuses: [200, 200, 200] };
const CACHE_MODE = 'https://fetch.spec.whatwg.org/#concept-request-cache-mode ("no-cache": "Fetch creates a conditional request if there is a response in the HTTP cache, and a normal request otherwise"; "force-cache": uses any stored response); https://www.rfc-editor.org/rfc/rfc9111#section-1 ("caching is an entirely OPTIONAL feature of HTTP")';
/** What no-cache forbids: a stored response (the third read is served from it) fetched again without a condition. */
const UNCONDITIONAL: Counterfactual = { label: 'stored, yet refetched without If-None-Match', server: { requests: 2, statuses: [200, 200] } };
const step = (custom: string | null) => ({ result: 'readable' as const, status: 200, headers: { 'x-custom': custom } });

const fromSandbox = (make: MakeSpec, credentials?: FetchAction['credentials']): FetchAction => ({
  kind: 'fetch',
  frame: 'sandboxed',
  target: image(make),
  ...(credentials && { credentials }),
});
const NULL_ONE = { requests: 1, preflights: 0, origins: ['null'] };
const REAL_ORIGIN: Counterfactual = { label: 'the sandboxed document sends its creator\'s origin', server: { origins: ['viewer'] } };

/** The same cacheable URL, read by the viewer page and then by a frame on the `other` origin. */
const twoOrigins = (make: MakeSpec): Action => ({
  kind: 'sequence',
  steps: [
    { kind: 'fetch', target: image(make) },
    { kind: 'fetch', frame: 'other', target: image(make) },
  ],
});
const BOTH_READ = { result: 'done' as const, steps: [{ result: 'readable' as const, status: 200 }, { result: 'readable' as const, status: 200 }] };

export const scenarios: Scenario[] = [
  // ── 206 partial content (a Range tile request) ─────────────────────────────────────────────
  row('simple/range-206-content-range-hidden', {
    title: 'Range bytes=0-8 (safelisted, no preflight) answered 206: readable, but Content-Range is hidden without ACEH',
    action: { ...RANGE, target: image({ acao: ['*'], status: 206, header: [CONTENT_RANGE] }) },
    spec: {
      observed: { result: 'readable', status: 206, headers: { 'content-range': null, 'content-length': '9' } },
      server: ONE,
      cite: `${SAFE_HEADER} (simple range header value); ${SAFE_RESPONSE_HEADER} (Content-Range is not safelisted); ${RANGE_REQUESTS}`,
    },
    counterfactuals: [{ label: 'Content-Range readable without ACEH', observed: { headers: { 'content-range': 'bytes 0-8/9', 'content-length': '9' } } }],
    fix: 'Expose Content-Range (Access-Control-Expose-Headers: Content-Range) so range-reading viewers can see which bytes they got.',
  }),
  row('simple/range-206-content-range-exposed', {
    title: 'Range bytes=0-8 answered 206 with ACEH Content-Range: the header is readable',
    action: { ...RANGE, target: image({ acao: ['*'], status: 206, aceh: 'Content-Range', header: [CONTENT_RANGE] }) },
    spec: {
      observed: { result: 'readable', status: 206, headers: { 'content-range': 'bytes 0-8/9', 'content-length': '9' } },
      server: ONE,
      cite: `${ACEH}; ${SAFE_HEADER}; ${RANGE_REQUESTS}`,
    },
    counterfactuals: [{ label: 'exposed header still hidden', observed: { headers: { 'content-range': null, 'content-length': '9' } } }],
  }),

  // ── Set-Cookie is never exposed ───────────────────────────────────────────────────────────
  row('simple/aceh-set-cookie-still-hidden', {
    title: 'ACEH listing Set-Cookie (and X-Custom): X-Custom is exposed, Set-Cookie stays hidden',
    action: {
      kind: 'fetch',
      target: image({ acao: ['*'], aceh: 'Set-Cookie, X-Custom', header: ['X-Custom: 1'], set_cookie: ['s_{token}=1; Path=/'] }),
      read: ['Set-Cookie', 'X-Custom'],
    },
    spec: {
      observed: { result: 'readable', status: 200, headers: { 'set-cookie': null, 'x-custom': '1' } },
      server: ONE,
      cite: `${FORBIDDEN_RESPONSE_HEADER} (Set-Cookie is filtered from every response JS sees); ${ACEH}`,
    },
    counterfactuals: [{ label: 'Set-Cookie exposed by ACEH', observed: { headers: { 'set-cookie': 's_token=1; Path=/', 'x-custom': '1' } } }],
  }),

  // ── 304 revalidation ──────────────────────────────────────────────────────────────────────
  row('simple/revalidated-304-keeps-cors', {
    title: "A revalidation answered 304 without any CORS header: the stored response's ACAO applies, readable with status 200",
    action: revalidate(stored({}), ['X-Custom']),
    spec: {
      outcomes: [
        {
          label: 'revalidated',
          observed: { result: 'done', steps: [step(null), step(null), step(null)] },
          server: REVALIDATED,
          cite: `${HTTP_FETCH} (the CORS check is not applied to 304 responses; ${NETWORK_OR_CACHE_FETCH} updates the stored response and uses it); ${HTTP_CACHING}#section-4.3.4; wpt cors/304.htm`,
        },
        { label: 'not stored: full responses', observed: { result: 'done', steps: [step(null), step(null), step(null)] }, server: NOT_STORED, cite: CACHE_MODE },
      ],
    },
    counterfactuals: [{ label: 'the 304 itself CORS-checked', observed: { steps: [step(null), { result: 'blocked' }, step(null)] } }, UNCONDITIONAL],
  }),
  row('simple/revalidated-304-widens-aceh', {
    title: 'A 304 that adds Access-Control-Expose-Headers: X-Custom updates the stored response: X-Custom becomes readable',
    action: revalidate(stored({ nm_header: ['Access-Control-Expose-Headers: X-Custom'] }), ['X-Custom']),
    spec: {
      outcomes: [
        {
          label: 'revalidated',
          observed: { result: 'done', steps: [step(null), step('1'), step('1')] },
          server: REVALIDATED,
          cite: `${HTTP_CACHING}#section-4.3.4 (the 304's header fields replace the stored ones); ${NETWORK_OR_CACHE_FETCH}; wpt cors/304.htm ("A 304 response can expand Access-Control-Expose-Headers")`,
        },
        { label: 'not stored: full responses', observed: { result: 'done', steps: [step(null), step(null), step(null)] }, server: NOT_STORED, cite: CACHE_MODE },
      ],
    },
    counterfactuals: [{ label: "the 304's ACEH ignored", observed: { steps: [step(null), step(null), step(null)] } }, UNCONDITIONAL],
  }),
  row('simple/revalidated-304-narrows-aceh', {
    title: 'Stored with ACEH X-Custom; a 304 carrying Access-Control-Expose-Headers: X-Other narrows it: X-Custom hidden again',
    action: revalidate(stored({ aceh: 'X-Custom', nm_header: ['Access-Control-Expose-Headers: X-Other'] }), ['X-Custom']),
    spec: {
      outcomes: [
        {
          label: 'revalidated',
          observed: { result: 'done', steps: [step('1'), step(null), step(null)] },
          server: REVALIDATED,
          cite: `${HTTP_CACHING}#section-4.3.4; wpt cors/304.htm ("A 304 response can contract Access-Control-Expose-Headers")`,
        },
        { label: 'not stored: full responses', observed: { result: 'done', steps: [step('1'), step('1'), step('1')] }, server: NOT_STORED, cite: CACHE_MODE },
      ],
    },
    counterfactuals: [{ label: "the 304's ACEH ignored", observed: { steps: [step('1'), step('1'), step('1')] } }, UNCONDITIONAL],
  }),

  // ── one URL, two origins (Vary: Origin) ───────────────────────────────────────────────────
  row('simple/vary-origin-two-origins', {
    title: 'The origin reflected with Vary: Origin, cacheable; read by the viewer, then by an `other`-origin frame: both readable, two requests',
    action: twoOrigins({ acao: ['$origin'], vary: 'Origin', cache: 'max-age=600' }),
    spec: {
      observed: BOTH_READ,
      server: { requests: 2, preflights: 0, origins: ['viewer', 'other'] },
      cite: `${HTTP_CACHING}#section-4.1 (a stored response with Vary: Origin is not used for another Origin); https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches`,
    },
    counterfactuals: [{ label: "the viewer's cached answer served to the other origin", observed: { steps: [{ result: 'readable', status: 200 }, { result: 'blocked' }] }, server: { requests: 1, origins: ['viewer'] } }],
  }),
  row('simple/vary-origin-missing-two-origins', {
    title: 'The origin reflected without Vary, cacheable: the other-origin frame may get the cached ACAO for the viewer (blocked) or a refetch (readable)',
    action: twoOrigins({ acao: ['$origin'], cache: 'max-age=600' }),
    spec: {
      outcomes: [
        {
          label: 'served from cache: blocked',
          observed: { result: 'done', steps: [{ result: 'readable', status: 200 }, { result: 'blocked' }] },
          server: { requests: 1, preflights: 0, origins: ['viewer'] },
          cite: `${NETWORK_OR_CACHE_FETCH} (the stored response is selected "as per the "Constructing Responses from Caches" chapter of HTTP Caching"); ${HTTP_CACHING}#section-4.1 (without Vary nothing stops its reuse); https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches (a server that varies ACAO must send Vary: Origin)`,
        },
        {
          label: 'refetched: readable',
          observed: BOTH_READ,
          server: { requests: 2, preflights: 0, origins: ['viewer', 'other'] },
          cite: `${HTTP_CACHING}#section-4 (a cache is never required to use a stored response)`,
        },
      ],
    },
    counterfactuals: [{ label: "cached answer for the viewer accepted by the other origin", observed: BOTH_READ, server: { requests: 1, origins: ['viewer'] } }],
    fix: 'Send Vary: Origin whenever Access-Control-Allow-Origin depends on the request, or send * for public content.',
  }),

  // ── an opaque-origin document: Origin: null ───────────────────────────────────────────────
  row('simple/sandboxed-frame-acao-star', {
    title: 'fetch() from a sandboxed iframe (opaque origin) sends Origin: null; ACAO * passes',
    action: fromSandbox({ acao: ['*'] }),
    spec: { observed: { result: 'readable', status: 200, body: 'make-body' }, server: NULL_ONE, cite: `${SANDBOX_ORIGIN}; ${ORIGIN_NULL} (an opaque origin serializes to "null"); ${CORS_CHECK}` },
    counterfactuals: [REAL_ORIGIN],
  }),
  row('simple/sandboxed-frame-acao-viewer', {
    title: "fetch() from a sandboxed iframe: ACAO naming the embedding page's origin fails",
    action: fromSandbox({ acao: ['{viewer}'] }),
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: NULL_ONE, cite: `${SANDBOX_ORIGIN}; ${ORIGIN_NULL}; ${CORS_CHECK}` },
    counterfactuals: [REAL_ORIGIN],
  }),
  row('simple/sandboxed-frame-acao-null', {
    title: 'fetch() from a sandboxed iframe: ACAO `null` matches the opaque origin (why "null" must never be allow-listed)',
    action: fromSandbox({ acao: ['null'] }),
    spec: { observed: { result: 'readable', status: 200, body: 'make-body' }, server: NULL_ONE, cite: `${SANDBOX_ORIGIN}; ${CORS_CHECK}; wpt cors/origin.htm` },
    counterfactuals: [REAL_ORIGIN],
    fix: 'Never answer ACAO: null; every sandboxed document, data: URL and cross-origin redirect sends Origin: null.',
  }),
  row('simple/sandboxed-frame-credentialed-acao-null', {
    title: "credentials 'include' from a sandboxed iframe: ACAO `null` + ACAC true is readable",
    action: fromSandbox({ acao: ['null'], acac: 'true' }, 'include'),
    spec: { observed: { result: 'readable', status: 200, body: 'make-body' }, server: NULL_ONE, cite: `${SANDBOX_ORIGIN}; ${CORS_CHECK} ("null" matches, ACAC true)` },
    counterfactuals: [REAL_ORIGIN],
    fix: 'A server that allows Origin: null with credentials hands the user\'s data to any sandboxed page.',
  }),
];
