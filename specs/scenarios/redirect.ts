// Redirects and CORS: which hops need Access-Control-Allow-Origin, what Origin each hop receives
// (the real origin, or `null` once a redirect crossed origins), redirects around preflights, the
// redirect limit, method rewriting, redirect modes, and the IIIF base-URI 303 to info.json.

import { derivedCounterfactual } from '../../harness/scenarios/outcomes.ts';
import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { CORS_CHECK, FETCH, HTTP_FETCH, ORIGIN_HEADER, ORIGIN_NULL, REDIRECT_FETCH } from './citations.ts';
import { on, rowBuilder } from './vocabulary.ts';
import type { MakeSpec } from '../../contract/page.ts';

const WPT_CORS_REDIRECT = 'wpt fetch/api/cors/cors-redirect.any.js';
const WPT_REDIRECT_ORIGIN = 'wpt cors/redirect-origin.htm';

const star: MakeSpec = { acao: ['*'] };

/** A redirect row: its own counterfactuals, else the redirect ones. */
const row = rowBuilder('redirect', (r) => r.counterfactuals ?? redirectCounterfactuals(r.spec));

/** A broken engine: the result flipped, or the real Origin kept after a cross-origin hop. */
function redirectCounterfactuals(spec: Scenario['spec']): Counterfactual[] {
  const first = 'outcomes' in spec ? spec.outcomes[0]! : spec;
  const derived = derivedCounterfactual(spec);
  const origins = first.server.origins;
  return [
    ...(origins?.includes('null') ? [{ label: 'Origin not tainted to null after the cross-origin hop', server: { origins: origins.map((o) => (o === 'null' ? 'viewer' : o)) } }] : []),
    ...(derived ? [derived] : []),
  ];
}

const sameToCross = (
  [
    ['redirect/same-to-cross-301', 301],
    ['redirect/same-to-cross-302', 302],
    ['redirect/same-to-cross-303', 303],
    ['redirect/same-to-cross-307', 307],
    ['redirect/same-to-cross-308', 308],
  ] as const
).map(([id, code]) =>
  row(id, {
    title: `${code} from the viewer's own origin to the image origin: Origin is sent (not null) at the target`,
    // The first request is same-origin (response tainting "basic"), so a GET carries no Origin; the
    // redirect leaves the viewer origin from a URL same-origin with the request's origin, so the
    // request is not redirect-tainted and the image origin sees the real Origin.
    action: { kind: 'fetch', target: on('viewer', { status: code, location: on('image', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, type: 'cors', redirected: true, body: 'make-body' },
      server: { requests: 2, preflights: 0, methods: ['GET', 'GET'], origins: ['absent', 'viewer'] },
      cite: `${REDIRECT_FETCH}; ${ORIGIN_HEADER}; ${ORIGIN_NULL}; ${WPT_CORS_REDIRECT} ("Redirect ${code}: same origin to cors")`,
    },
  }),
);

const crossToSameCross = (
  [
    ['redirect/cross-to-same-cross-301', 301],
    ['redirect/cross-to-same-cross-302', 302],
    ['redirect/cross-to-same-cross-303', 303],
    ['redirect/cross-to-same-cross-307', 307],
    ['redirect/cross-to-same-cross-308', 308],
  ] as const
).map(([id, code]) =>
  row(id, {
    title: `${code} from the image origin to the image origin, ACAO * on both: readable, Origin stays the viewer's`,
    action: { kind: 'fetch', target: on('image', { ...star, status: code, location: on('image', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, type: 'cors', redirected: true, body: 'make-body' },
      server: { requests: 2, preflights: 0, methods: ['GET', 'GET'], origins: ['viewer', 'viewer'] },
      cite: `${REDIRECT_FETCH}; ${ORIGIN_NULL}; ${WPT_CORS_REDIRECT} ("Redirect ${code}: cors to same cors")`,
    },
  }),
);

const NULL_FIX =
  'Content reachable through a cross-origin redirect must answer Origin: null: send ACAO * (public content), or better, link to the final URL so no cross-origin redirect happens.';

export const scenarios: Scenario[] = [
  ...sameToCross,
  ...crossToSameCross,

  // ── cross → another cross origin: Origin becomes `null` ───────────────────────────────────
  row('redirect/cross-to-other-star', {
    title: 'image → other origin: the request at `other` carries Origin: null; ACAO * passes',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: on('other', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, type: 'cors', redirected: true },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'null'] },
      cite: `${ORIGIN_NULL}; ${WPT_CORS_REDIRECT} ("Redirect 302: cors to another cors"); ${WPT_REDIRECT_ORIGIN}`,
    },
  }),
  row('redirect/cross-to-other-acao-null', {
    title: 'image → other origin: ACAO `null` at the target matches the null Origin',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: on('other', { acao: ['null'] }) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, origins: ['viewer', 'null'] },
      cite: `${CORS_CHECK}; ${ORIGIN_NULL}; ${WPT_REDIRECT_ORIGIN}`,
    },
    fix: 'Never allow-list "null" for credentialed content: any sandboxed document sends it too. For public content use *.',
  }),
  row('redirect/cross-to-other-reflect', {
    title: 'image → other origin: a server reflecting Origin answers ACAO: null and passes',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: on('other', { acao: ['$origin'], vary: 'Origin' }) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, origins: ['viewer', 'null'] },
      cite: `${CORS_CHECK}; ${ORIGIN_NULL}; ${WPT_REDIRECT_ORIGIN}`,
    },
  }),
  row('redirect/cross-to-other-specific-origin', {
    title: 'image → other origin: ACAO naming the viewer origin fails (the request says Origin: null)',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: on('other', { acao: ['{viewer}'] }) }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 2, origins: ['viewer', 'null'] },
      cite: `${CORS_CHECK}; ${ORIGIN_NULL}; ${WPT_REDIRECT_ORIGIN} (specific origin after a cross-origin hop fails)`,
    },
    fix: NULL_FIX,
  }),
  row('redirect/cross-to-viewer-null', {
    title: 'image → back to the viewer origin: Origin: null there, so even the page\'s own origin needs ACAO *',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: on('viewer', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, origins: ['viewer', 'null'] },
      cite: `${ORIGIN_NULL}; ${WPT_CORS_REDIRECT} ("Redirect 302: cors to same origin")`,
    },
  }),
  row('redirect/cross-to-viewer-no-acao', {
    title: 'image → back to the viewer origin without ACAO: blocked (response tainting stays "cors")',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: on('viewer') }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 2, origins: ['viewer', 'null'] },
      cite: `${HTTP_FETCH} (CORS check with response tainting "cors"); ${ORIGIN_NULL}; ${WPT_CORS_REDIRECT}`,
    },
    fix: NULL_FIX,
  }),

  // ── a hop without ACAO ─────────────────────────────────────────────────────────────────────
  row('redirect/hop-without-acao', {
    title: 'image → image where the 302 itself lacks ACAO: network error, the target is never requested',
    action: { kind: 'fetch', target: on('image', { status: 302, location: on('image', star) }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${HTTP_FETCH} (the CORS check applies to the redirect response before it is followed); ${WPT_REDIRECT_ORIGIN}`,
    },
    fix: 'Send CORS headers on redirect responses too (nginx: add_header … always; Apache: Header always set).',
  }),
  row('redirect/same-to-cross-target-no-acao', {
    title: 'viewer → image where the target lacks ACAO: blocked at the target',
    action: { kind: 'fetch', target: on('viewer', { status: 302, location: on('image') }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 2, origins: ['absent', 'viewer'] },
      cite: `${CORS_CHECK}; ${WPT_CORS_REDIRECT}`,
    },
    fix: 'Send Access-Control-Allow-Origin on the redirect target.',
  }),

  // ── redirects and preflights ──────────────────────────────────────────────────────────────
  row('redirect/after-preflight-same-origin', {
    title: 'PUT preflighted OK, then 307 image → image: followed, with a new preflight at the target',
    // Since whatwg/fetch issue #204 was resolved, a redirect after a successful preflight is
    // followed; WPT's old "Redirection N after preflight failed" subtests are outdated (wpt PR #62651).
    action: {
      kind: 'fetch',
      method: 'PUT',
      target: on('image', { ...star, pf_acam: 'PUT', status: 307, location: on('image', { ...star, pf_acam: 'PUT' }) }),
    },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'], origins: ['viewer', 'viewer'], preflightOrigins: ['viewer', 'viewer'], acrms: ['PUT', 'PUT'] },
      cite: `${REDIRECT_FETCH} (ends by running main fetch again, which preflights the new URL); https://github.com/whatwg/fetch/issues/204 (the issue that made these redirects followed); wpt fetch/api/cors/cors-redirect-preflight.any.js; https://github.com/web-platform-tests/wpt/pull/62651`,
    },
  }),
  row('redirect/after-preflight-other-origin', {
    title: 'PUT preflighted OK, then 307 image → other: followed, the new preflight at `other` carries Origin: null',
    action: {
      kind: 'fetch',
      method: 'PUT',
      target: on('image', { ...star, pf_acam: 'PUT', status: 307, location: on('other', { ...star, pf_acam: 'PUT' }) }),
    },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'], origins: ['viewer', 'null'], preflightOrigins: ['viewer', 'null'], acrms: ['PUT', 'PUT'] },
      cite: `${REDIRECT_FETCH}; ${ORIGIN_NULL} (the preflight copies the tainted origin); https://github.com/whatwg/fetch/issues/204 (issue); wpt fetch/api/cors/cors-redirect-preflight.any.js`,
    },
    counterfactuals: [
      { label: 'second preflight keeps the real Origin', server: { preflightOrigins: ['viewer', 'viewer'] } },
      { label: 'no preflight at the new origin', server: { preflights: 1, methods: ['OPTIONS', 'PUT', 'PUT'] } },
    ],
  }),
  row('redirect/after-preflight-target-refuses', {
    title: 'PUT preflighted OK, then 307 to a target whose preflight does not allow PUT: blocked before the second PUT',
    action: {
      kind: 'fetch',
      method: 'PUT',
      target: on('image', { ...star, pf_acam: 'PUT', status: 307, location: on('image', star) }),
    },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { preflights: 2, requests: 1, methods: ['OPTIONS', 'PUT', 'OPTIONS'] },
      cite: `${FETCH}/#cors-preflight-fetch; wpt fetch/api/cors/cors-redirect-preflight.any.js`,
    },
    fix: 'Answer preflights identically on every URL a redirect can lead to.',
  }),
  row('redirect/preflight-redirected', {
    title: 'A preflight answered with a 302 is a network error (the redirect is not followed)',
    action: { kind: 'fetch', method: 'PUT', target: on('image', { ...star, pf_acam: 'PUT', pf_location: on('image', { ...star, pf_acam: 'PUT' }) }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { preflights: 1, requests: 0, methods: ['OPTIONS'] },
      cite: `${FETCH}/#cors-preflight-fetch (a 3xx is not an ok status; the preflight's HTTP-network-or-cache fetch follows no redirect); wpt fetch/api/cors/cors-preflight-redirect.any.js`,
    },
    fix: 'Answer OPTIONS in place with a 2xx; do not redirect it (e.g. http→https or trailing-slash rules).',
  }),

  // ── URL and count limits ──────────────────────────────────────────────────────────────────
  row('redirect/userinfo-cross-origin', {
    title: 'Location with user:pass@ to a cross-origin URL: network error, not followed',
    action: { kind: 'fetch', target: on('image', { ...star, status: 302, location: { origin: 'image', make: star, userinfo: 'user:pass' } }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${REDIRECT_FETCH} (mode "cors", locationURL includes credentials, origin not same origin); wpt fetch/api/cors/cors-redirect-credentials.any.js`,
    },
  }),
  row('redirect/userinfo-same-origin', {
    title: 'Location with user:pass@ on the page\'s own origin: allowed by the CORS rule (request origin is same origin)',
    action: { kind: 'fetch', target: on('viewer', { status: 302, location: { origin: 'viewer', make: {}, userinfo: 'user:pass' } }) },
    // The response's URL is the request's current URL, userinfo included (an engine that strips the
    // userinfo shows none). No Authorization is sent: URL credentials are only used for an
    // authentication fetch, after a 401.
    spec: {
      observed: { result: 'readable', status: 200, redirected: true, urlUserinfo: true },
      server: { requests: 2, preflights: 0, methods: ['GET', 'GET'], authorization: [false, false] },
      cite: `${REDIRECT_FETCH} (the credentials check only applies when the request's origin is not same origin with locationURL); ${FETCH}/#dom-response-url (the current URL, credentials included); ${FETCH}/#concept-http-network-or-cache-fetch (URL credentials only for an authentication fetch); wpt fetch/api/cors/cors-redirect-credentials.any.js`,
    },
  }),
  row('redirect/hops-20-ok', {
    title: '20 redirects (ACAO on every hop) are followed',
    action: { kind: 'fetch', target: on('image', { ...star, hops: 20 }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 21, preflights: 0 },
      cite: `${REDIRECT_FETCH} ("If request's redirect count is 20, return a network error"); wpt fetch/api/redirect/redirect-count.any.js`,
    },
  }),
  row('redirect/hops-21-fails', {
    title: '21 redirects: network error at the 21st, the 22nd request is never sent',
    action: { kind: 'fetch', target: on('image', { ...star, hops: 21 }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 21, preflights: 0 },
      cite: `${REDIRECT_FETCH}; wpt fetch/api/redirect/redirect-count.any.js`,
    },
    fix: 'Collapse redirect chains; link to the final URL.',
  }),

  // ── method rewriting ──────────────────────────────────────────────────────────────────────
  row('redirect/post-303-becomes-get', {
    title: 'POST answered 303: the target is requested with GET (body dropped)',
    action: { kind: 'fetch', method: 'POST', body: 'x', target: on('image', { ...star, status: 303, location: on('image', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, methods: ['POST', 'GET'], origins: ['viewer', 'viewer'] },
      cite: `${REDIRECT_FETCH} (303 and method not GET/HEAD → GET, body null); wpt fetch/api/redirect/redirect-method.any.js`,
    },
  }),
  row('redirect/post-301-becomes-get', {
    title: 'POST answered 301: the target is requested with GET (legacy rewrite the spec keeps)',
    action: { kind: 'fetch', method: 'POST', body: 'x', target: on('image', { ...star, status: 301, location: on('image', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, methods: ['POST', 'GET'] },
      cite: `${REDIRECT_FETCH} (301/302 and method POST → GET); wpt fetch/api/redirect/redirect-method.any.js`,
    },
  }),
  row('redirect/post-307-stays-post', {
    title: 'POST answered 307: the target receives POST again',
    action: { kind: 'fetch', method: 'POST', body: 'x', target: on('image', { ...star, status: 307, location: on('image', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, methods: ['POST', 'POST'], origins: ['viewer', 'viewer'] },
      cite: `${REDIRECT_FETCH}; wpt fetch/api/redirect/redirect-method.any.js`,
    },
  }),
  row('redirect/post-308-stays-post', {
    title: 'POST answered 308: the target receives POST again',
    action: { kind: 'fetch', method: 'POST', body: 'x', target: on('image', { ...star, status: 308, location: on('image', star) }) },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, methods: ['POST', 'POST'] },
      cite: `${REDIRECT_FETCH}; wpt fetch/api/redirect/redirect-method.any.js`,
    },
  }),

  // ── redirect modes ────────────────────────────────────────────────────────────────────────
  row('redirect/mode-error', {
    title: "redirect: 'error' turns a (CORS-valid) redirect into a network error",
    action: { kind: 'fetch', redirect: 'error', target: on('image', { ...star, status: 302, location: on('image', star) }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${FETCH}/#concept-http-fetch (redirect mode "error"); wpt fetch/api/redirect/redirect-mode.any.js`,
    },
  }),
  row('redirect/mode-manual', {
    title: "redirect: 'manual' gives an opaque-redirect response (status 0) when the 3xx passes the CORS check",
    action: { kind: 'fetch', redirect: 'manual', target: on('image', { ...star, status: 302, location: on('image', star) }) },
    spec: {
      observed: { result: 'opaque', type: 'opaqueredirect', status: 0 },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${FETCH}/#concept-filtered-response-opaque-redirect; wpt fetch/api/redirect/redirect-mode.any.js`,
    },
  }),
  row('redirect/mode-manual-no-acao', {
    title: "redirect: 'manual' on a 3xx without ACAO: network error (the CORS check precedes the redirect handling)",
    action: { kind: 'fetch', redirect: 'manual', target: on('image', { status: 302, location: on('image', star) }) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${HTTP_FETCH} (CORS check on the actual response, then redirect mode); wpt fetch/api/redirect/redirect-mode.any.js`,
    },
    fix: 'Send CORS headers on redirect responses too.',
  }),

  // ── IIIF base URI: {id} → 303 → {id}/info.json ────────────────────────────────────────────
  row('redirect/iiif-base-uri-303', {
    title: 'IIIF base URI 303 → info.json with ACAO * on the 303 (profile `correct`): readable',
    action: { kind: 'fetch', target: { origin: 'image', path: '/p/correct/iiif/3/landscape' } },
    spec: {
      observed: { result: 'readable', status: 200, type: 'cors', redirected: true },
      server: { requests: 2, preflights: 0, methods: ['GET', 'GET'], origins: ['viewer', 'viewer'] },
      cite: `${REDIRECT_FETCH}; ${HTTP_FETCH}; https://iiif.io/api/image/3.0/#2-uri-syntax (base URI SHOULD 303 to info.json); https://iiif.io/api/image/3.0/#71-cors`,
    },
  }),
  row('redirect/iiif-base-uri-303-no-acao', {
    title: 'IIIF base URI 303 without ACAO (profile `base-redirect-no-acao`): info.json never requested, fetch fails',
    action: { kind: 'fetch', target: { origin: 'image', path: '/p/base-redirect-no-acao/iiif/3/landscape' } },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${HTTP_FETCH} (CORS check on the 303); https://iiif.io/api/image/3.0/#71-cors; https://iiif.io/api/image/3.0/#2-uri-syntax`,
    },
    fix: 'Add CORS headers to the base-URI redirect too (loris-imageserver/loris#210): Header always set / add_header … always.',
  }),
  row('redirect/iiif-info-hop-no-acao', {
    title: 'info.json behind a same-origin canonicalising 302 without ACAO (profile `redirect-hop-no-acao`): fails',
    action: { kind: 'fetch', target: { origin: 'image', path: '/p/redirect-hop-no-acao/iiif/3/landscape/info.json' } },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${HTTP_FETCH}; ${WPT_REDIRECT_ORIGIN} (a hop without ACAO fails)`,
    },
    fix: 'Send CORS headers on every redirect response.',
  }),
  row('redirect/iiif-info-host-move-no-acao', {
    title: 'info.json 301 to another origin without ACAO on the 301 (profile `https-redirect-style-hop`): fails',
    action: { kind: 'fetch', target: { origin: 'image', path: '/p/https-redirect-style-hop/iiif/3/landscape/info.json' } },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${HTTP_FETCH}; ${WPT_REDIRECT_ORIGIN}`,
    },
    fix: 'Put CORS headers on the redirect, or better, reference the final URL directly in manifests.',
  }),
];
