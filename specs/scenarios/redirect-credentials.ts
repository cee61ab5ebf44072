// Redirects that carry credentials: cookies across a hop (the target must answer the tainted
// Origin: null with ACAO `null` and ACAC true), and the Authorization header, which Fetch drops
// the moment a redirect reaches another origin (what keeps an IIIF Auth token from leaking to
// wherever a server redirects).

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { CORS_CHECK, NON_WILDCARD, ORIGIN_NULL, PREFLIGHT, REDIRECT_FETCH } from './citations.ts';
import { ALLOW, on, rowBuilder, withDerived } from './vocabulary.ts';
import type { FetchAction, Target } from '../../contract/page.ts';

const include = (target: Target): FetchAction => ({ kind: 'fetch', target, credentials: 'include' });
const COOKIE_ON_IMAGE_HOST = { cookie: { origin: 'image' as const } };
const WPT_COOKIES_REDIRECT = 'wpt fetch/api/cors/cors-cookies-redirect.any.js';

const row = rowBuilder('redirect', withDerived);

const COOKIE_DROPPED: Counterfactual = { label: 'cookie not sent after the hop', server: { cookies: [true, false] } };
const ORIGIN_KEPT: Counterfactual = { label: 'real Origin kept after the cross-origin hop', server: { origins: ['viewer', 'viewer'] } };

const sameOriginHops = (
  [
    ['redirect/credentialed-301-same-origin-hop', 301],
    ['redirect/credentialed-302-same-origin-hop', 302],
    ['redirect/credentialed-303-same-origin-hop', 303],
    ['redirect/credentialed-307-same-origin-hop', 307],
    ['redirect/credentialed-308-same-origin-hop', 308],
  ] as const
).map(([id, code]) =>
  row(id, {
    title: `credentials 'include', ${code} image → image with the origin reflected and ACAC on both: readable, the cookie goes to both`,
    setup: COOKIE_ON_IMAGE_HOST,
    action: include(on('image', { ...ALLOW, status: code, location: on('image', ALLOW) })),
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, methods: ['GET', 'GET'], origins: ['viewer', 'viewer'], cookies: [true, true] },
      cite: `${REDIRECT_FETCH}; ${CORS_CHECK} (each hop); ${WPT_COOKIES_REDIRECT} ("Testing credentials after cross-origin redirection" family)`,
    },
    counterfactuals: [COOKIE_DROPPED],
  }),
);

export const scenarios: Scenario[] = [
  ...sameOriginHops,
  row('redirect/credentialed-cross-origin-hop-acao-null', {
    title: "credentials 'include', image → other: the target answers ACAO `null` + ACAC true to Origin: null and the response is readable, cookie sent to both",
    setup: COOKIE_ON_IMAGE_HOST,
    action: include(on('image', { ...ALLOW, status: 302, location: on('other', { acao: ['null'], acac: 'true' }) })),
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'null'], cookies: [true, true] },
      cite: `${ORIGIN_NULL} (tainted origin → "null"); ${CORS_CHECK} ("null" matches, ACAC true); cookies are per host, so the other port's host gets the cookie too; ${WPT_COOKIES_REDIRECT}`,
    },
    counterfactuals: [ORIGIN_KEPT, COOKIE_DROPPED],
    fix: 'Allowing Origin: null with credentials lets any sandboxed document read the user\'s data: link to the final URL instead of redirecting across origins.',
  }),
  row('redirect/credentialed-cross-origin-hop-acao-viewer', {
    title: "credentials 'include', image → other answering the viewer's origin + ACAC: blocked (the request said Origin: null)",
    setup: COOKIE_ON_IMAGE_HOST,
    action: include(on('image', { ...ALLOW, status: 302, location: on('other', { acao: ['{viewer}'], acac: 'true' }) })),
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'null'], cookies: [true, true] },
      cite: `${ORIGIN_NULL}; ${CORS_CHECK}; wpt cors/redirect-origin.htm`,
    },
    counterfactuals: [ORIGIN_KEPT],
    fix: 'Credentialed content behind a cross-origin redirect cannot be allowed safely: link to the final URL.',
  }),
  row('redirect/credentialed-cross-origin-hop-acao-star', {
    title: "credentials 'include', image → other answering ACAO * + ACAC true: blocked (* never allows credentials)",
    setup: COOKIE_ON_IMAGE_HOST,
    action: include(on('image', { ...ALLOW, status: 302, location: on('other', { acao: ['*'], acac: 'true' }) })),
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'null'], cookies: [true, true] },
      cite: `${CORS_CHECK} (credentials mode "include" and ACAO "*" → failure); ${ORIGIN_NULL}`,
    },
    counterfactuals: [ORIGIN_KEPT, COOKIE_DROPPED],
  }),
  row('redirect/credentialed-cross-origin-hop-reflect', {
    title: "credentials 'include', image → other reflecting Origin (so ACAO: null) + ACAC true: readable (a reflecting server trusts every sandbox)",
    setup: COOKIE_ON_IMAGE_HOST,
    action: include(on('image', { ...ALLOW, status: 307, location: on('other', ALLOW) })),
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'null'], cookies: [true, true] },
      cite: `${ORIGIN_NULL}; ${CORS_CHECK}; ${WPT_COOKIES_REDIRECT}`,
    },
    counterfactuals: [ORIGIN_KEPT, COOKIE_DROPPED],
    fix: 'Reflect the Origin only from an allow-list that never contains "null".',
  }),

  // ── Authorization across redirects (IIIF Auth 2.0 tokens) ─────────────────────────────────
  ...(
    [
      ['redirect/authorization-dropped-cross-origin-302', 302],
      ['redirect/authorization-dropped-cross-origin-307', 307],
    ] as const
  ).map(([id, code]) =>
    row(id, {
      title: `Authorization: Bearer on a preflighted GET, ${code} image → other: the token is not sent to the other origin (and no preflight is needed there)`,
      action: {
        kind: 'fetch',
        headers: { Authorization: 'Bearer token-123' },
        target: on('image', { acao: ['*'], pf_acah: 'Authorization', status: code, location: on('other', { acao: ['*'], pf_acah: 'Authorization' }) }),
      },
      spec: {
        observed: { result: 'readable', status: 200, redirected: true },
        server: { preflights: 1, requests: 2, methods: ['OPTIONS', 'GET', 'GET'], authorization: [true, false], origins: ['viewer', 'null'], acrhs: ['authorization'] },
        cite: `${REDIRECT_FETCH} ("the moment another origin is seen after the initial request, the Authorization header is removed"); ${NON_WILDCARD}; https://github.com/whatwg/fetch/issues/944 (fixed by whatwg/fetch commit 9004f4e); tests https://github.com/web-platform-tests/wpt/pull/37145`,
      },
      counterfactuals: [
        { label: 'token leaked to the other origin', server: { authorization: [true, true], preflights: 2, methods: ['OPTIONS', 'GET', 'OPTIONS', 'GET'], acrhs: ['authorization', 'authorization'] } },
        { label: 'token leaked without a second preflight', server: { authorization: [true, true] } },
      ],
    }),
  ),
  row('redirect/authorization-kept-same-origin-302', {
    title: 'Authorization: Bearer, 302 image → image (same origin): the token is kept, and the new URL is preflighted again',
    action: {
      kind: 'fetch',
      headers: { Authorization: 'Bearer token-123' },
      target: on('image', { acao: ['*'], pf_acah: 'Authorization', status: 302, location: on('image', { acao: ['*'], pf_acah: 'Authorization' }) }),
    },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'GET', 'OPTIONS', 'GET'], authorization: [true, true], origins: ['viewer', 'viewer'], acrhs: ['authorization', 'authorization'] },
      cite: `${REDIRECT_FETCH} (Authorization removed only when the origin changes); ${PREFLIGHT} (the new URL has no cache entry); https://github.com/web-platform-tests/wpt/pull/37145`,
    },
    counterfactuals: [{ label: 'token dropped on a same-origin hop', server: { authorization: [true, false], preflights: 1, methods: ['OPTIONS', 'GET', 'GET'], acrhs: ['authorization'] } }],
  }),
];
