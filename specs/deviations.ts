// Per-engine known deviations and policies, one place for all families (like WPT's expectation
// files). Each entry is a whole outcome (only the fields it names are compared; nothing is
// inherited from the spec verdict) with a citation that says it: an engine bug, a spec issue or a
// WPT result, or "no upstream report found". `kind: 'policy'` marks an engine choice the standards
// leave to the user agent (third-party cookie blocking, partitioning): recorded, not a deviation.
// An entry that stops happening fails the run.
// Engines run as users have them (Chromium and Firefox in persistent profiles with shipped
// defaults, WebKitGTK's WebDriver session; README "How engines are found"), and every row with a
// deviation also runs over https (`<id>@https`, trusted local CA). Revisited on 2026-11-30: the
// entries below still happen in that set-up; where an https row behaves as the spec says, it has
// no entry (e.g. WebKit sends the SameSite=None; Secure cookie over https).

import type { Deviations } from '../harness/scenarios/types.ts';
import type { EngineName } from '../contract/engine.ts';
import type { Deviation } from '../contract/verdict.ts';
import type { ServerFacts } from '../contract/server.ts';
import { AUTH_DEVIATIONS } from './deviations-auth.ts';

type PerEngine = Partial<Record<EngineName, Deviation>>;
/** The same deviation observed again over https (id `<id>@https`), on 2026-11-30. */
const alsoOverHttps = (perEngine: PerEngine, engines: EngineName[]): PerEngine =>
  Object.fromEntries(engines.map((e) => [e, { ...perEngine[e]!, cite: `${perEngine[e]!.cite}; also over https (trusted local CA, user profile), observed 2026-11-30` }]));

/** Third-party cookie policies, as shipped (README's engine table names each engine's profile). */
const CHROMIUM_3PC =
  'Engine policy, not a Fetch rule (the layered cookies draft leaves third-party cookie blocking to the user agent, § Cookie Policy: "User agents MAY enforce a cookie policy consisting of restrictions on how cookies may be used or ignored", https://httpwg.org/http-extensions/draft-ietf-httpbis-layered-cookies.html): this Chromium build blocks third-party cookies by default in a persistent, non-incognito profile with no cookie setting changed; CDP Network.requestWillBeSentExtraInfo reports blockedReasons ["UserPreferences"] for the cookie. Observed on Chromium 156.0.8078.114 (Debian), 2026-11-30';
const FIREFOX_TCP =
  'Engine policy: Total Cookie Protection (network.cookie.cookieBehavior=5, the default since Firefox 103): a cookie set first-party on 127.0.0.1 lives in the unpartitioned jar and is not sent to 127.0.0.1 embedded under the localhost top-level site. https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning; observed on Firefox ESR 153.8.0, 2026-11-30';
/** Storing a Secure cookie set on http loopback: Fetch's isSecure is the scheme (specs/scenarios/citations.ts SECURE_NEEDS_HTTPS). */
const SECURE_ON_HTTP_RULE = 'Fetch https://fetch.spec.whatwg.org/#set-cookie-header: "Let isSecure be true if request\'s current URL\'s scheme is \\"https\\"; otherwise false", and the layered cookies draft\'s Store a Cookie: "If isSecure is false: If cookie\'s secure is true, then return null"; https://github.com/whatwg/fetch/issues/1827 (open) asks to allow localhost';
const CHROMIUM_SECURE_ON_HTTP = `Chromium stores a Secure cookie set on http://127.0.0.1 (loopback counts as secure for cookies: https://bugs.chromium.org/p/chromium/issues/detail?id=1177877, "Chrome supports Secure" on localhost per https://github.com/httpwg/http-extensions/pull/2759), which ${SECURE_ON_HTTP_RULE}. Observed on Chromium 156.0.8078.114 (Debian), 2026-11-30`;
const FIREFOX_SECURE_ON_HTTP = `Firefox stores a Secure cookie set on http://127.0.0.1 (loopback counts as secure for cookies: "Firefox fully supports localhost", https://github.com/httpwg/http-extensions/pull/2759 (open)), which ${SECURE_ON_HTTP_RULE}. Observed on Firefox ESR 153.8.0, 2026-11-30`;
const WEBKIT_NO_THIRD_PARTY =
  'Engine policy: WebKitGTK\'s default cookie accept policy WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY (https://webkitgtk.org/reference/webkit2gtk/stable/enum.CookieAcceptPolicy.html) refuses cookies set by third-party responses, Partitioned or not. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30';
const WEBKIT_LOOPBACK_FETCH =
  'WebKitGTK blocks fetch() from an https page to http://127.0.0.1 as mixed content, also after a redirect, although an origin whose host is in 127.0.0.0/8 is potentially trustworthy unconditionally (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy) and should-block-fetch allows a potentially trustworthy URL (https://w3c.github.io/webappsec-mixed-content/#should-block-fetch); a plain <img> and an <img crossorigin> of the same origin load over http. A deliberate WebKit departure: WebCore/loader/MixedContentChecker.cpp (2025) isNonLocalHostPotentiallyTrustworthyOrigin: "We currently deviate from the mixed content spec, and do not consider localhost or loopback URLs as secure contexts if they do not use a secure scheme. https://bugs.webkit.org/show_bug.cgi?id=171934", used by shouldBlockRequest for requests that are not upgradable (fetch(), XHR); images are upgradable (canModifyRequest: "We diverge from the spec when it comes to the loopback address, which consider as upgradable") and not blocked. Measured on WebKitGTK MiniBrowser 2.50.6, 2026-12-04, from https://localhost: fetch() (cors and no-cors) and XHR to http://127.0.0.1, http://127.0.0.2, http://localhost and http://[::1] never reached the server (TypeError "Load failed"), while <img> of http://127.0.0.1 and fetch() of https://127.0.0.1 did (docs/verdicts.md, "WebKit and loopback fetch()")';
const WEBKIT_LOOPBACK_REDIRECT_IMG =
  'WebKitGTK blocks an <img> whose https URL redirects to http://127.0.0.1: 127.0.0.0/8 is potentially trustworthy unconditionally (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy), so the hop is neither blocked nor upgraded (https://w3c.github.io/webappsec-mixed-content/#should-block-fetch), and even an untrusted host would be upgraded, not blocked (an image on a named host; on an IP host blocked). Observed on WebKitGTK MiniBrowser 2.50.6 with http://localhost, 2026-11-30; no upstream report found';

const WEBKIT_PRIVATE_TLD_THIRD_PARTY =
  'Engine policy: WebKitGTK\'s default cookie accept policy WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY refuses a cookie set by a response it classes as third party (Fetch https://fetch.spec.whatwg.org/#set-cookie-header step 1: a user agent "configured to disable cookies for request"). libsoup classes it by base domain, and soup_tld_get_base_domain() returns NULL "for private URLs (those not ending with any well known TLD)" (psl_is_public_suffix2 with PSL_TYPE_NO_STAR_RULE; https://gitlab.gnome.org/GNOME/libsoup/-/blob/master/libsoup/soup-tld.c), so under .test the cookie\'s host www1.example.test is compared with the page\'s host example.test whole and the cookie counts as third party (incoming_cookie_is_third_party, https://gitlab.gnome.org/GNOME/libsoup/-/blob/master/libsoup/cookies/soup-cookie-jar.c), although HTML\'s site (registrable domain by the public suffix list\'s default rule) is example.test for both. A cookie set first-party on www1.example.test is sent (credentialed/same-site-subdomain-first-party-cookie conforms), as is one set by the page\'s own host. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-12-04; no upstream report found';

const FIREFOX_MIXED_IP_IMAGE =
  "Firefox upgrades mixed <img>, <audio> and <video> to https since Firefox 127 (https://bugzilla.mozilla.org/show_bug.cgi?id=1779757, https://blog.mozilla.org/security/2024/06/05/firefox-will-upgrade-more-mixed-content-in-version-127/), also where the Mixed Content upgrade algorithm returns without upgrading because \"request's URL's host is an IP address\" (https://w3c.github.io/webappsec-mixed-content/#upgrade-algorithm), after which should-block-fetch blocks it; with or without crossorigin (the algorithm has no CORS-mode condition). Observed from an https viewer on the machine's non-loopback address on Firefox ESR 153.8.0, 2026-11-30 (from an https://localhost page Firefox instead loads them over http, neither upgraded nor blocked, which is why the viewer is not on loopback); no upstream report found"

const READ = { result: 'readable', status: 200 } as const;
const ONE_COOKIELESS = { requests: 1, preflights: 0, origins: ['viewer'], cookie: false };
const WEBKIT_NO_LAX_DEFAULT =
  'WebKit sends a cookie without SameSite on a cross-site fetch: rfc6265bis §5.8.3 gives it same-site-flag "Default" and excludes it cross-site ("If the cookie\'s same-site-flag is not \\"None\\" and the retrieval\'s same-site status is \\"cross-site\\", then exclude the cookie unless …", https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.8.3). (The layered cookies draft Fetch now uses has same-site "unset" and, with Fetch\'s "determine the same-site mode", would send it: a draft-level departure, not a user-agent choice.) MDN BCD http.headers.Set-Cookie.SameSite.Lax_default: Safari version_added false (https://github.com/mdn/browser-compat-data/blob/main/http/headers/Set-Cookie.json); observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30';

const FIREFOX_NO_LAX_DEFAULT =
  'Firefox sends a cookie without SameSite on a cross-site fetch: rfc6265bis §5.8.3 gives it same-site-flag "Default" and excludes it cross-site ("If the cookie\'s same-site-flag is not \\"None\\" and the retrieval\'s same-site status is \\"cross-site\\", then exclude the cookie unless …", https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.8.3). Firefox ships network.cookie.sameSite.laxByDefault=false (Lax by default was reverted before release, https://bugzilla.mozilla.org/show_bug.cgi?id=1617609); in its shipped profile Total Cookie Protection hides this (the cookie lives in another jar). (The layered cookies draft Fetch now uses has same-site "unset" and would send it: a draft-level departure.) MDN BCD http.headers.Set-Cookie.SameSite.Lax_default: Firefox flag only; observed on Firefox ESR 153.8.0 with network.cookie.cookieBehavior=0, 2026-12-04';

/** An engine choice the standards leave open: only the cookie facts it explains, replaced in the permitted outcome. */
const policy = (cite: string, server: Pick<ServerFacts, 'cookie'> | Pick<ServerFacts, 'controlCookie'>): Deviation => ({ kind: 'policy', server, cite });

// After a cross-origin hop Fetch removes Authorization, so nothing CORS-unsafe is left and main
// fetch sends the GET without a preflight. Both engines still drop the token (no leak).
const AUTHORIZATION_DROPPED_THEN_PREFLIGHTED: Deviations[string] = {
  firefox: {
    observed: { result: 'readable', status: 200, redirected: true },
    server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'GET', 'OPTIONS', 'GET'], authorization: [true, false], origins: ['viewer', 'null'], acrhs: ['authorization', null] },
    cite:
      'Firefox preflights the other origin after the redirect although the request has no CORS-unsafe header left once Authorization is removed (https://fetch.spec.whatwg.org/#http-redirect-fetch, then main fetch: no preflight needed); the token itself is not sent. No upstream report found; observed on Firefox ESR 153.8.0, 2026-11-30',
  },
  webkit: {
    observed: { result: 'readable', status: 200, redirected: true },
    server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'GET', 'OPTIONS', 'GET'], authorization: [true, false], origins: ['viewer', 'null'], acrhs: ['authorization', 'authorization'] },
    cite:
      'WebKit preflights the other origin after the redirect asking for `authorization` (Access-Control-Request-Headers) although it then sends the GET without the Authorization header, which Fetch removes on a cross-origin redirect (https://fetch.spec.whatwg.org/#http-redirect-fetch) so that no preflight is needed. No upstream report found; observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30',
  },
};

export const deviations: Deviations = {
  // --- simple ---

  // --- credentialed ---
  // Cookie rows. Fetch builds on the layered cookies draft, which lets a user agent block or
  // partition third-party cookies (a policy: it names only the cookie facts it explains and is
  // judged over the permitted outcome). Storing a Secure cookie over http is not a policy: Fetch's
  // isSecure is the https scheme, so Chromium and Firefox, which count loopback http as secure,
  // deviate (whatwg/fetch#1827 asks to allow it); WebKit's refusal is the spec outcome.
  'credentialed/cookie-cross-site-default': {
    webkit: { observed: READ, server: { ...ONE_COOKIELESS, cookie: true, controlCookie: false }, cite: WEBKIT_NO_LAX_DEFAULT },
  },
  'credentialed/cookie-cross-site-default@https': {
    chromium: policy(CHROMIUM_3PC, { controlCookie: false }),
    firefox: policy(FIREFOX_TCP, { controlCookie: false }),
    webkit: { observed: READ, server: { ...ONE_COOKIELESS, cookie: true, controlCookie: true }, cite: WEBKIT_NO_LAX_DEFAULT },
  },
  'credentialed/cookie-cross-site-lax@https': {
    chromium: policy(CHROMIUM_3PC, { controlCookie: false }),
    firefox: policy(FIREFOX_TCP, { controlCookie: false }),
  },
  'credentialed/cookie-cross-site-none': {
    chromium: { observed: { ...READ, setupCookie: 'stored' }, server: ONE_COOKIELESS, cite: `${CHROMIUM_SECURE_ON_HTTP}; then not sent: ${CHROMIUM_3PC}` },
    firefox: { observed: { ...READ, setupCookie: 'stored' }, server: ONE_COOKIELESS, cite: `${FIREFOX_SECURE_ON_HTTP}; then not sent: ${FIREFOX_TCP}` },
  },
  'credentialed/cookie-cross-site-none@https': {
    chromium: policy(CHROMIUM_3PC, { cookie: false }),
    firefox: policy(FIREFOX_TCP, { cookie: false }),
  },
  // The same rows in a profile that allows third-party cookies (specs/scenarios/third-party-cookies-allowed.ts):
  // no policy applies, so what is left is SameSite and Secure. Written before the run of 2026-12-04 from
  // the causes above; Firefox ESR keeps network.cookie.sameSite.laxByDefault=false (its shipped default).
  'credentialed/cookie-cross-site-default-3pc-allowed': {
    chromium: { observed: READ, server: { ...ONE_COOKIELESS, controlCookie: true }, cite: `the Secure control cookie: ${CHROMIUM_SECURE_ON_HTTP}` },
    firefox: { observed: READ, server: { ...ONE_COOKIELESS, cookie: true, controlCookie: true }, cite: `${FIREFOX_NO_LAX_DEFAULT}; the Secure control cookie: ${FIREFOX_SECURE_ON_HTTP}` },
    webkit: { observed: READ, server: { ...ONE_COOKIELESS, cookie: true, controlCookie: false }, cite: WEBKIT_NO_LAX_DEFAULT },
  },
  'credentialed/cookie-cross-site-default-3pc-allowed@https': {
    firefox: { observed: READ, server: { ...ONE_COOKIELESS, cookie: true, controlCookie: true }, cite: FIREFOX_NO_LAX_DEFAULT },
    webkit: { observed: READ, server: { ...ONE_COOKIELESS, cookie: true, controlCookie: true }, cite: WEBKIT_NO_LAX_DEFAULT },
  },
  'credentialed/cookie-cross-site-lax-3pc-allowed': {
    chromium: { observed: READ, server: { ...ONE_COOKIELESS, controlCookie: true }, cite: `the Secure control cookie: ${CHROMIUM_SECURE_ON_HTTP}` },
    firefox: { observed: READ, server: { ...ONE_COOKIELESS, controlCookie: true }, cite: `the Secure control cookie: ${FIREFOX_SECURE_ON_HTTP}` },
  },
  'credentialed/cookie-cross-site-none-3pc-allowed': {
    chromium: { observed: { ...READ, setupCookie: 'stored' }, server: { ...ONE_COOKIELESS, cookie: true }, cite: CHROMIUM_SECURE_ON_HTTP },
    firefox: { observed: { ...READ, setupCookie: 'stored' }, server: { ...ONE_COOKIELESS, cookie: true }, cite: FIREFOX_SECURE_ON_HTTP },
  },

  // --- preflight ---
  'preflight/authorization-acah-star': {
    chromium: {
      observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' },
      server: { preflights: 1, requests: 1, methods: ['OPTIONS', 'GET'], origins: ['viewer'], acrm: 'GET', acrh: 'authorization' },
      cite:
        'Chromium lets Access-Control-Allow-Headers: * cover Authorization (only a console deprecation warning; enforcement postponed: https://chromestatus.com/feature/5742041264816128). MDN BCD http.headers.Access-Control-Allow-Headers.authorization_not_covered_by_wildcard: Chrome false (https://github.com/mdn/browser-compat-data/pull/20092); spec compat issue https://github.com/whatwg/fetch/issues/1919; observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    firefox: {
      observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' },
      server: { preflights: 1, requests: 1, methods: ['OPTIONS', 'GET'], origins: ['viewer'], acrm: 'GET', acrh: 'authorization' },
      cite:
        'Firefox lets Access-Control-Allow-Headers: * cover Authorization unless network.cors_preflight.authorization_covered_by_wildcard is set to false (default true): https://bugzilla.mozilla.org/show_bug.cgi?id=1687364, MDN BCD authorization_not_covered_by_wildcard (https://github.com/mdn/browser-compat-data/pull/20092), https://github.com/whatwg/fetch/issues/1919; observed on Firefox ESR 153.7.0, 2026-11-22',
    },
    webkit: {
      observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' },
      server: { preflights: 1, requests: 1, methods: ['OPTIONS', 'GET'], origins: ['viewer'], acrm: 'GET', acrh: 'authorization' },
      cite:
        'WebKit lets Access-Control-Allow-Headers: * cover Authorization: MDN BCD authorization_not_covered_by_wildcard Safari false (https://github.com/mdn/browser-compat-data/pull/20092); https://github.com/whatwg/fetch/issues/1919 ("Firefox, Chrome and Safari allow it"); observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-22',
    },
  },

  'preflight/method-fetch-keeps-lowercase-patch': {
    chromium: {
      observed: { result: 'done', steps: [{ result: 'blocked', error: 'TypeError' }, { result: 'blocked', error: 'TypeError' }] },
      server: { preflights: 1, requests: 2, methods: ['OPTIONS', 'patch', 'patch'], rejected: 2, acrms: ['patch'] },
      cite:
        'Chromium keeps the CORS-preflight cache entry after the actual request failed its CORS check (one preflight for two `patch` requests); main fetch requires "If corsWithPreflightResponse is a network error, then clear cache entries using request" (https://fetch.spec.whatwg.org/#concept-main-fetch). No upstream report found. Observed on Chromium 156.0.8078.114, 2026-11-30',
    },
    webkit: {
      observed: { result: 'done', steps: [{ result: 'blocked', error: 'TypeError' }, { result: 'blocked', error: 'TypeError' }] },
      server: { preflights: 1, requests: 2, methods: ['OPTIONS', 'patch', 'patch'], rejected: 2, acrms: ['patch'] },
      cite:
        'WebKit keeps the CORS-preflight cache entry after the actual request failed its CORS check (one preflight for two `patch` requests); main fetch requires clearing cache entries for the URL then (https://fetch.spec.whatwg.org/#concept-main-fetch, "clear cache entries"). No upstream report found. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30',
    },
  },

  // The 1024-byte total: Fetch checks each header-list entry (each Accept here is safelisted) and
  // then their total.
  'preflight/safelisted-total-1024': {
    chromium: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { preflights: 1, requests: 0, methods: ['OPTIONS'], acrhs: ['accept'] },
      cite:
        'Chromium preflights 8 Accept entries of 128 bytes (1024 in all, not greater than 1024), apparently judging the combined "a, b, …" value (over 128 bytes) rather than each header-list entry as https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names does; the preflight is then refused (no ACAH). No upstream report found; observed on Chromium 156.0.8078.114, 2026-11-30',
    },
    webkit: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { preflights: 1, requests: 0, methods: ['OPTIONS'], acrhs: ['accept'] },
      cite:
        'WebKit preflights 8 Accept entries of 128 bytes (1024 in all, not greater than 1024), apparently judging the combined value (over 128 bytes) rather than each header-list entry as https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names does. No upstream report found; observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30',
    },
  },
  'preflight/safelisted-total-over-1024': {
    firefox: {
      observed: { result: 'readable', status: 200 },
      server: { preflights: 0, requests: 1, methods: ['GET'], origins: ['viewer'] },
      cite:
        'Firefox sends 9 safelisted Accept entries totalling 1080 bytes without a preflight: it does not apply the 1024-byte total of https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names ("If safelistValueSize is greater than 1024"). No upstream report found; observed on Firefox ESR 153.8.0, 2026-11-30',
    },
  },

  // --- redirect ---
  'redirect/after-preflight-other-origin': {
    firefox: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { preflights: 2, requests: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'], origins: ['viewer', 'null'], preflightOrigins: ['viewer', 'viewer'] },
      cite:
        'Firefox sends the real Origin on the preflight that follows a cross-origin redirect while the actual request carries Origin: null; the preflight clones the request\'s URL list, so its redirect-taint, and with it its serialized origin, is the same (https://fetch.spec.whatwg.org/#cors-preflight-fetch, https://fetch.spec.whatwg.org/#concept-request-tainted-origin). No upstream report found; observed on Firefox ESR 153.8.0, 2026-11-30',
    },
  },
  'redirect/authorization-dropped-cross-origin-302': AUTHORIZATION_DROPPED_THEN_PREFLIGHTED,
  'redirect/authorization-dropped-cross-origin-307': AUTHORIZATION_DROPPED_THEN_PREFLIGHTED,
  'redirect/userinfo-same-origin': {
    chromium: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1, preflights: 0, methods: ['GET'], authorization: [false] },
      cite:
        'Chromium fails any redirect to a URL with embedded credentials (chromestatus 5669008342777856), where Fetch only fails it for cors-mode cross-origin targets: https://github.com/whatwg/fetch/issues/660 (Firefox follows the spec, Safari strips, Chrome errors); proposal to standardise blocking: https://github.com/whatwg/fetch/pull/465',
    },
  },

  // --- canvas ---
  // Chromium and WebKit send Origin on a same-origin request whose mode is "cors" (here an
  // <img crossorigin>); Fetch appends Origin to a GET only when response tainting is "cors", which
  // a same-origin request never has. Discussed in https://github.com/whatwg/fetch/issues/871 (and
  // the review of https://github.com/web-platform-tests/wpt/pull/22567, "mode = cors, GET,
  // same-origin: no origin should be attached"); no engine bug found for either engine.
  'canvas/same-origin-anonymous-clean': {
    chromium: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: { requests: 1, preflights: 0, origins: ['viewer'] },
      cite:
        'Origin sent on a same-origin CORS-mode GET (Fetch: only when response tainting is "cors", https://fetch.spec.whatwg.org/#append-a-request-origin-header); https://github.com/whatwg/fetch/issues/871, wpt fetch/origin/assorted.window.js; no Chromium bug found. Observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    webkit: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: { requests: 1, preflights: 0, origins: ['viewer'] },
      cite:
        'Origin sent on a same-origin CORS-mode GET (Fetch: only when response tainting is "cors", https://fetch.spec.whatwg.org/#append-a-request-origin-header); https://github.com/whatwg/fetch/issues/871, wpt fetch/origin/assorted.window.js; no WebKit bug found. Observed on WebKitGTK 2.50.6, 2026-11-22',
    },
  },
  'canvas/same-to-cross-redirect-anonymous-clean': {
    chromium: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'viewer'] },
      cite:
        'Same cause as canvas/same-origin-anonymous-clean: Origin on the same-origin first hop of a CORS-mode <img> load; https://github.com/whatwg/fetch/issues/871; no Chromium bug found. Observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    webkit: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: { requests: 2, preflights: 0, origins: ['viewer', 'viewer'] },
      cite:
        'Same cause as canvas/same-origin-anonymous-clean: Origin on the same-origin first hop of a CORS-mode <img> load; https://github.com/whatwg/fetch/issues/871; no WebKit bug found. Observed on WebKitGTK 2.50.6, 2026-11-22',
    },
  },

  // --- secure ---
  // The loopback rows target http://127.0.0.1 (unconditionally trustworthy). On http://localhost,
  // WebKit's blocked fetch() was a permitted reading (localhost is trustworthy only under a MAY); on
  // 127.0.0.1 it still blocks, which is now a departure from normative text.
  'secure/loopback-http-fetch-from-https': {
    webkit: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 0, schemes: [] }, cite: WEBKIT_LOOPBACK_FETCH },
  },
  'secure/redirect-https-to-loopback-http-fetch': {
    webkit: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 1, schemes: ['https'], origins: ['viewer'] }, cite: WEBKIT_LOOPBACK_FETCH },
  },
  'secure/redirect-https-to-loopback-http-img': {
    webkit: { observed: { result: 'error' }, server: { requests: 1, schemes: ['https'] }, cite: WEBKIT_LOOPBACK_REDIRECT_IMG },
  },
  // Mixed content proper (specs/scenarios/mixed-content.ts): Chromium and WebKit block as the text says.
  'secure/mixed-content-img-http-tile': {
    firefox: { observed: { result: 'loaded' }, server: { requests: 1, schemes: ['https'] }, cite: FIREFOX_MIXED_IP_IMAGE },
  },
  'secure/mixed-content-img-crossorigin-http-tile': {
    firefox: { observed: { result: 'loaded', canvas: { '2d': 'clean' } }, server: { requests: 1, schemes: ['https'], origins: ['viewerRemote'] }, cite: FIREFOX_MIXED_IP_IMAGE },
  },
  'secure/mixed-content-redirect-https-to-http-img': {
    firefox: { observed: { result: 'loaded' }, server: { requests: 2, schemes: ['https', 'https'] }, cite: FIREFOX_MIXED_IP_IMAGE },
  },
  // Cookies across hosts of one site (specs/scenarios/credentialed-same-site-hosts.ts).
  'credentialed/same-site-subdomain-set-cookie': { webkit: policy(WEBKIT_PRIVATE_TLD_THIRD_PARTY, { cookie: false }) },
  'credentialed/same-site-subdomain-set-cookie-lax': { webkit: policy(WEBKIT_PRIVATE_TLD_THIRD_PARTY, { cookie: false }) },
  'credentialed/same-site-subdomain-set-cookie-strict': { webkit: policy(WEBKIT_PRIVATE_TLD_THIRD_PARTY, { cookie: false }) },
  'secure/third-party-set-cookie-sent': {
    chromium: policy(CHROMIUM_3PC, { cookie: false }),
    webkit: policy(WEBKIT_NO_THIRD_PARTY, { cookie: false }),
  },
  'secure/chips-partitioned-cookie-sent': {
    webkit: policy(WEBKIT_NO_THIRD_PARTY, { cookie: false }),
  },
  'secure/img-use-credentials-third-party-cookie': {
    chromium: policy(CHROMIUM_3PC, { cookie: false }),
    firefox: policy(FIREFOX_TCP, { cookie: false }),
  },

  // --- viewer ---
};

// The same deviations, observed again over https in the user profile (2026-11-30).
Object.assign(deviations, {
  'preflight/authorization-acah-star@https': alsoOverHttps(deviations['preflight/authorization-acah-star']!, ['chromium', 'firefox', 'webkit']),
  'redirect/userinfo-same-origin@https': alsoOverHttps(deviations['redirect/userinfo-same-origin']!, ['chromium']),
  'canvas/same-origin-anonymous-clean@https': alsoOverHttps(deviations['canvas/same-origin-anonymous-clean']!, ['chromium', 'webkit']),
  'canvas/same-to-cross-redirect-anonymous-clean@https': alsoOverHttps(deviations['canvas/same-to-cross-redirect-anonymous-clean']!, ['chromium', 'webkit']),
} satisfies Deviations);

// The auth family's entries (IIIF Auth 2.0 flows), in their own file.
Object.assign(deviations, AUTH_DEVIATIONS);
