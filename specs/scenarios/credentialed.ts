// Credentialed cross-origin requests: when cookies are sent, when a credentialed response may be
// read (exact origin + `Access-Control-Allow-Credentials: true`, never `*`), what `*` means in
// Access-Control-Expose-Headers with credentials, and when Set-Cookie on a CORS response is stored.
//
// Cookies: the `cookie` server fact says whether a request carried this scenario's cookie
// `c_<token>`, set either first-party by the harness (`setup.cookie`) or by an earlier step's
// Set-Cookie. `image` (localhost:PI) is same-site with the page (localhost:PV); `imageCrossSite`
// (127.0.0.1:PI) is cross-site. Cookies are per host, not per port.
// Cookie rows run with `isolation: 'cookies'` (a cookie jar of their own: every cookie is cleared
// first) and, where "not sent" could also mean "no third-party cookie is sent at all", with a
// control cookie `k_<token>` (SameSite=None; Secure) next to the subject: `controlCookie` says
// whether any third-party cookie got through (over https; over http a Secure cookie is never
// stored). Whether third-party cookies are sent is engine policy, which the cookie drafts leave to
// the user agent; engines that block or partition them are declared in specs/deviations.ts as
// policy, naming only the cookie facts it explains. Each cookie row also runs over https, where
// Secure cookies are what sites really use (the cross-site rows, in credentialed-cross-site.ts, write
// their @https row out, since the Secure rule makes their outcomes differ by scheme).

import type { Scenario } from '../../harness/scenarios/types.ts';
import { ACEH, CANVAS_SECURITY as CANVAS_CLEAN, COOKIE_NO_PORT, COOKIE_RETRIEVAL, CORS_CHECK, CORS_SETTINGS, CREDENTIALS_MODE as CREDENTIALS, NETWORK_FETCH } from './citations.ts';
import { ALLOW, ONE } from './vocabulary.ts';
import type { OriginName, FetchAction, MakeSpec } from '../../contract/page.ts';

const XHR_CREDENTIALS = 'https://xhr.spec.whatwg.org/#the-withcredentials-attribute';

export const one = (cookie: boolean) => ({ ...ONE, cookie });
export const cookieOn = (origin: OriginName, attributes?: string, mayBeRejected?: boolean, control?: string) => ({
  cookie: { origin, ...(attributes && { attributes }), ...(mayBeRejected && { mayBeRejected }), ...(control !== undefined && { control }) },
});
/** The control cookie of cross-site rows: the most permissive third-party cookie there is. */
export const THIRD_PARTY_CONTROL = 'SameSite=None; Secure';
/** The Set-Cookie a response uses to plant this scenario's cookie (same name the `cookie` fact looks for). */
const PLANT = 'c_{token}=1; Path=/; Max-Age=300';

export const include = (make: MakeSpec, origin: OriginName = 'image', read?: string[]): FetchAction => ({
  kind: 'fetch',
  target: { origin, make },
  credentials: 'include',
  ...(read && { read }),
});

/** credentials: 'include' with ACAO = page origin and a non-`true` ACAC value: the CORS check fails. */
function acacRow(id: `credentialed/acac-${string}`, acac: string): Scenario {
  return {
    id,
    family: 'credentialed',
    title: `ACAC ${JSON.stringify(acac)} is not "true" (byte-exact): a credentialed fetch fails`,
    setup: cookieOn('image'),
    action: include({ acao: ['$origin'], acac, vary: 'Origin' }),
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: one(true),
      cite: `${CORS_CHECK} (ACAC must be byte-equal to "true"); wpt cors/credentials-flag.htm`,
    },
    fix: 'Send exactly `Access-Control-Allow-Credentials: true` (lower case, unquoted).',
  };
}

export const scenarios: Scenario[] = [
  // --- which responses a credentialed request may read ---
  {
    id: 'credentialed/include-acao-star',
    family: 'credentialed',
    title: "credentials 'include' with ACAO * fails, although the cookie was sent",
    setup: cookieOn('image'),
    action: include({ acao: ['*'], acac: 'true' }),
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: one(true),
      cite: `${CORS_CHECK} (with credentials, * is not a match); wpt fetch/api/cors/cors-cookies.any.js`,
    },
    fix: 'For credentialed requests, echo the allow-listed request Origin instead of *, with ACAC: true and Vary: Origin.',
  },
  {
    id: 'credentialed/include-exact-no-acac',
    family: 'credentialed',
    title: "credentials 'include' with the exact origin but no ACAC fails",
    setup: cookieOn('image'),
    action: include({ acao: ['{viewer}'], vary: 'Origin' }),
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: one(true), cite: `${CORS_CHECK}; wpt cors/credentials-flag.htm` },
    fix: 'Add `Access-Control-Allow-Credentials: true` to responses meant for credentialed requests.',
  },
  {
    id: 'credentialed/include-exact-acac-true',
    family: 'credentialed',
    title: "credentials 'include' with the exact origin and ACAC true is readable and carries the cookie",
    setup: cookieOn('image'),
    action: include({ acao: ['{viewer}'], acac: 'true', vary: 'Origin' }),
    spec: { observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' }, server: one(true), cite: `${CORS_CHECK}; ${CREDENTIALS}` },
  },
  acacRow('credentialed/acac-title-case', 'True'),
  acacRow('credentialed/acac-upper-case', 'TRUE'),
  acacRow('credentialed/acac-quoted', '"true"'),
  acacRow('credentialed/acac-one', '1'),
  {
    id: 'credentialed/reflect-any-origin',
    family: 'credentialed',
    title: 'Reflecting any Origin with ACAC true works for every site (insecure but working)',
    setup: cookieOn('image'),
    action: include({ acao: ['$origin'], acac: 'true' }),
    spec: { observed: { result: 'readable', status: 200 }, server: one(true), cite: `${CORS_CHECK}; https://fetch.spec.whatwg.org/#cors-protocol-and-credentials` },
    fix: 'Reflect the Origin only when it is on an allow-list, and add Vary: Origin: reflecting any origin with ACAC true lets every site read the user\'s authenticated responses.',
  },
  {
    id: 'credentialed/acao-null-with-credentials',
    family: 'credentialed',
    title: 'ACAO null with ACAC true does not match a real origin',
    setup: cookieOn('image'),
    action: include({ acao: ['null'], acac: 'true' }),
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: one(true), cite: `${CORS_CHECK}; wpt cors/origin.htm` },
    fix: 'Never allow the origin "null" (sandboxed frames, data: URLs and redirects all send it).',
  },
  {
    id: 'credentialed/acac-without-credentials',
    family: 'credentialed',
    title: "ACAO * with ACAC true is fine for a request without credentials (ACAC is ignored)",
    setup: cookieOn('image'),
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'], acac: 'true' } }, credentials: 'omit' },
    spec: { observed: { result: 'readable', status: 200 }, server: one(false), cite: `${CORS_CHECK} (ACAC is only checked when credentials mode is "include")` },
  },
  {
    id: 'credentialed/simple-get-ignores-acam-acah',
    family: 'credentialed',
    title: 'A credentialed simple GET needs no ACAM/ACAH: wildcard ACAM/ACAH on the response change nothing',
    setup: cookieOn('image'),
    action: include({ ...ALLOW, acam: '*', acah: '*' }),
    spec: {
      observed: { result: 'readable', status: 200 },
      server: one(true),
      cite: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch (ACAM/ACAH are read from preflight responses only); wpt fetch/api/cors/cors-no-preflight.any.js',
    },
  },

  // --- Access-Control-Expose-Headers with credentials ---
  {
    id: 'credentialed/aceh-star-literal',
    family: 'credentialed',
    title: 'With credentials, ACEH * exposes only a header literally named "*"',
    action: include({ ...ALLOW, aceh: '*', header: ['X-Custom: 1', '*: whoa'] }, 'image', ['X-Custom', '*', 'Content-Type']),
    spec: {
      observed: { result: 'readable', headers: { 'x-custom': null, '*': 'whoa', 'content-type': 'text/plain; charset=utf-8' } },
      server: { requests: 1, preflights: 0, origins: ['viewer'] },
      cite: `${ACEH}; wpt fetch/api/cors/cors-expose-star.js ("* for credentialed fetches only matches literally")`,
    },
    fix: 'List the header names in Access-Control-Expose-Headers; * is not a wildcard for credentialed requests.',
  },
  {
    id: 'credentialed/aceh-listed',
    family: 'credentialed',
    title: 'With credentials, ACEH listing X-Custom exposes it',
    action: include({ ...ALLOW, aceh: 'X-Custom', header: ['X-Custom: 1'] }, 'image', ['X-Custom']),
    spec: { observed: { result: 'readable', headers: { 'x-custom': '1' } }, server: { requests: 1, preflights: 0, origins: ['viewer'] }, cite: ACEH },
  },

  // --- which requests carry the cookie ---
  {
    id: 'credentialed/cookie-same-site-cross-port',
    family: 'credentialed',
    isolation: 'cookies',
    title: 'A cookie set first-party on localhost:PI is sent cross-port (same-site) with credentials include',
    setup: cookieOn('image'),
    action: include(ALLOW),
    spec: { observed: { result: 'readable', status: 200 }, server: one(true), cite: `${CREDENTIALS}; ${COOKIE_RETRIEVAL}; wpt fetch/api/cors/cors-cookies.any.js` },
  },
  {
    id: 'credentialed/cookie-not-port-scoped',
    family: 'credentialed',
    isolation: 'cookies',
    title: "Cookies are per host, not per port: image's cookie also goes to the other port",
    setup: cookieOn('image'),
    action: include(ALLOW, 'other'),
    spec: {
      observed: { result: 'readable', status: 200 },
      server: one(true),
      cite: `${COOKIE_RETRIEVAL} (host match only); ${COOKIE_NO_PORT}`,
    },
  },
  {
    id: 'credentialed/omit-no-cookie',
    family: 'credentialed',
    isolation: 'cookies',
    title: "credentials 'omit' sends no cookie even to a same-site host",
    setup: cookieOn('image'),
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } }, credentials: 'omit' },
    spec: { observed: { result: 'readable', status: 200 }, server: one(false), cite: `${CREDENTIALS}; wpt fetch/api/cors/cors-cookies.any.js ("Omit mode: no cookie sent")` },
  },
  {
    id: 'credentialed/same-origin-mode-no-cookie',
    family: 'credentialed',
    isolation: 'cookies',
    title: "credentials 'same-origin' (the default) sends no cookie cross-origin",
    setup: cookieOn('image'),
    action: { kind: 'fetch', target: { origin: 'image', make: ALLOW }, credentials: 'same-origin' },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: one(false),
      cite: `${CREDENTIALS}; wpt fetch/api/cors/cors-cookies.any.js ("Same-origin mode: cookies are discarded in cors request")`,
    },
  },

  // --- Set-Cookie on CORS responses (a two-step sequence: plant, then check) ---
  {
    id: 'credentialed/set-cookie-ignored-without-credentials',
    family: 'credentialed',
    title: "Set-Cookie on a response to credentials 'omit' (ACAO *) is ignored: the next credentialed request has no cookie",
    action: {
      kind: 'sequence',
      steps: [
        { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'], set_cookie: [PLANT] } }, credentials: 'omit' },
        include(ALLOW),
      ],
    },
    spec: {
      observed: { result: 'done', steps: [{ result: 'readable' }, { result: 'readable' }] },
      server: { requests: 2, preflights: 0, cookie: false },
      cite: `${NETWORK_FETCH} (Set-Cookie is stored only if includeCredentials); wpt cors/credentials-flag.htm ("Don't obey Set-Cookie when withCredentials=false")`,
    },
  },
  {
    id: 'credentialed/set-cookie-stored-with-credentials',
    family: 'credentialed',
    title: "Set-Cookie on a readable credentialed response is stored: the next credentialed request carries it",
    action: { kind: 'sequence', steps: [include({ ...ALLOW, set_cookie: [PLANT] }), include(ALLOW)] },
    spec: {
      observed: { result: 'done', steps: [{ result: 'readable' }, { result: 'readable' }] },
      server: { requests: 2, preflights: 0, cookie: true },
      cite: `${NETWORK_FETCH}; wpt cors/credentials-flag.htm`,
    },
  },
  {
    id: 'credentialed/set-cookie-stored-even-if-cors-fails',
    family: 'credentialed',
    title: "Set-Cookie on a credentialed response that fails CORS (ACAO *) is still stored: cookies are processed before the CORS check",
    action: { kind: 'sequence', steps: [include({ acao: ['*'], set_cookie: [PLANT] }), include(ALLOW)] },
    spec: {
      observed: { result: 'done', steps: [{ result: 'blocked' }, { result: 'readable' }] },
      server: { requests: 2, preflights: 0, cookie: true },
      cite: `${NETWORK_FETCH} (cookies are stored in HTTP-network fetch; the CORS check runs later, in HTTP fetch: https://fetch.spec.whatwg.org/#concept-http-fetch)`,
    },
  },

  // --- <img crossorigin> ---
  {
    id: 'credentialed/img-use-credentials-star',
    family: 'credentialed',
    title: '<img crossorigin=use-credentials> with ACAO * fails to load (error event)',
    setup: cookieOn('image'),
    action: { kind: 'image', target: { origin: 'image', make: { acao: ['*'], body: 'png' } }, crossOrigin: 'use-credentials' },
    spec: { observed: { result: 'error' }, server: one(true), cite: `${CORS_SETTINGS}; ${CORS_CHECK}` },
    fix: 'For use-credentials images, echo the allow-listed Origin with ACAC: true and Vary: Origin (or use crossorigin=anonymous with *).',
  },
  {
    id: 'credentialed/img-use-credentials-no-acac',
    family: 'credentialed',
    title: '<img crossorigin=use-credentials> with the exact origin but no ACAC fails to load',
    setup: cookieOn('image'),
    action: { kind: 'image', target: { origin: 'image', make: { acao: ['$origin'], vary: 'Origin', body: 'png' } }, crossOrigin: 'use-credentials' },
    spec: { observed: { result: 'error' }, server: one(true), cite: `${CORS_SETTINGS}; ${CORS_CHECK}` },
  },
  {
    id: 'credentialed/img-use-credentials-exact-acac',
    family: 'credentialed',
    title: '<img crossorigin=use-credentials> with the exact origin and ACAC true loads with the cookie; the canvas stays clean',
    setup: cookieOn('image'),
    action: { kind: 'image', target: { origin: 'image', make: { ...ALLOW, body: 'png' } }, crossOrigin: 'use-credentials', use: ['2d'] },
    spec: { observed: { result: 'loaded', canvas: { '2d': 'clean' } }, server: one(true), cite: `${CORS_SETTINGS}; ${CANVAS_CLEAN}` },
  },
  {
    id: 'credentialed/img-anonymous-no-cookie',
    family: 'credentialed',
    title: '<img crossorigin=anonymous> sends no cookie cross-origin; with ACAO * it loads clean',
    setup: cookieOn('image'),
    action: { kind: 'image', target: { origin: 'image', make: { acao: ['*'], body: 'png' } }, crossOrigin: 'anonymous', use: ['2d'] },
    spec: { observed: { result: 'loaded', canvas: { '2d': 'clean' } }, server: one(false), cite: `${CORS_SETTINGS} (anonymous = credentials mode "same-origin"); ${CANVAS_CLEAN}` },
  },

  // --- XMLHttpRequest.withCredentials ---
  {
    id: 'credentialed/xhr-with-credentials-star',
    family: 'credentialed',
    title: 'XHR withCredentials with ACAO * fires error (status 0), although the cookie was sent',
    setup: cookieOn('image'),
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['*'], acac: 'true' } }, withCredentials: true },
    spec: { observed: { result: 'blocked', status: 0 }, server: one(true), cite: `${XHR_CREDENTIALS}; ${CORS_CHECK}; wpt cors/credentials-flag.htm` },
  },
  {
    id: 'credentialed/xhr-with-credentials-no-acac',
    family: 'credentialed',
    title: 'XHR withCredentials with the exact origin but no ACAC fires error (status 0)',
    setup: cookieOn('image'),
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['$origin'], vary: 'Origin' } }, withCredentials: true },
    spec: { observed: { result: 'blocked', status: 0 }, server: one(true), cite: `${XHR_CREDENTIALS}; ${CORS_CHECK}; wpt cors/credentials-flag.htm` },
  },
  {
    id: 'credentialed/xhr-with-credentials-acac-true',
    family: 'credentialed',
    title: 'XHR withCredentials with the exact origin and ACAC true loads and carries the cookie',
    setup: cookieOn('image'),
    action: { kind: 'xhr', target: { origin: 'image', make: ALLOW }, withCredentials: true },
    spec: { observed: { result: 'readable', status: 200, body: 'make-body' }, server: one(true), cite: `${XHR_CREDENTIALS}; ${CORS_CHECK}` },
  },
  {
    id: 'credentialed/xhr-with-credentials-acac-upper',
    family: 'credentialed',
    title: 'XHR withCredentials with ACAC TRUE fires error (status 0)',
    setup: cookieOn('image'),
    action: { kind: 'xhr', target: { origin: 'image', make: { acao: ['$origin'], acac: 'TRUE', vary: 'Origin' } }, withCredentials: true },
    spec: { observed: { result: 'blocked', status: 0 }, server: one(true), cite: `${XHR_CREDENTIALS}; wpt cors/credentials-flag.htm` },
  },
  {
    id: 'credentialed/xhr-without-credentials-no-cookie',
    family: 'credentialed',
    title: 'XHR without withCredentials sends no cookie cross-origin',
    setup: cookieOn('image'),
    action: { kind: 'xhr', target: { origin: 'image', make: ALLOW } },
    spec: { observed: { result: 'readable', status: 200 }, server: one(false), cite: `${XHR_CREDENTIALS}; wpt cors/credentials-flag.htm ("Don't send cookie by default")` },
  },
  {
    id: 'credentialed/xhr-with-credentials-aceh-star',
    family: 'credentialed',
    title: 'XHR withCredentials: ACEH * does not expose X-Custom',
    setup: cookieOn('image'),
    action: { kind: 'xhr', target: { origin: 'image', make: { ...ALLOW, aceh: '*', header: ['X-Custom: 1'] } }, withCredentials: true, read: ['X-Custom'] },
    spec: { observed: { result: 'readable', headers: { 'x-custom': null } }, server: one(true), cite: `${ACEH}; wpt fetch/api/cors/cors-expose-star.js` },
  },
];
