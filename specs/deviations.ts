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

import type { EngineName } from '../harness/engines/types.ts';
import type { Deviation, Deviations, Observation } from '../harness/scenarios/types.ts';

type PerEngine = Partial<Record<EngineName, Deviation>>;
/** The same deviation observed again over https (id `<id>@https`), on 2026-11-30. */
const alsoOverHttps = (perEngine: PerEngine, engines: EngineName[]): PerEngine =>
  Object.fromEntries(engines.map((e) => [e, { ...perEngine[e]!, cite: `${perEngine[e]!.cite}; also over https (trusted local CA, user profile), observed 2026-11-30` }]));

/** Third-party cookie policies, as shipped (README's engine table names each engine's profile). */
const CHROMIUM_3PC =
  'Engine policy, not a Fetch rule (the cookie draft leaves third-party cookie blocking to the user agent: https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-7.1): this Chromium build blocks third-party cookies by default in a persistent, non-incognito profile with no cookie setting changed; CDP Network.requestWillBeSentExtraInfo reports blockedReasons ["UserPreferences"] for the cookie. Observed on Chromium 156.0.8078.114 (Debian), 2026-11-30';
const FIREFOX_TCP =
  'Engine policy: Total Cookie Protection (network.cookie.cookieBehavior=5, the default since Firefox 103): a cookie set first-party on 127.0.0.1 lives in the unpartitioned jar and is not sent to 127.0.0.1 embedded under the localhost top-level site. https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning; observed on Firefox ESR 153.8.0, 2026-11-30';
const WEBKIT_SECURE_ON_HTTP =
  'WebKit refuses Secure cookies on http loopback hosts (http://127.0.0.1 here), so a Secure cookie set there is never stored: https://bugs.webkit.org/show_bug.cgi?id=281149 (fixed for Cocoa ports only, https://github.com/WebKit/WebKit/pull/61338), MDN BCD note https://github.com/mdn/browser-compat-data/pull/28461; over https the same cookie is stored and sent. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30';
const WEBKIT_NO_THIRD_PARTY =
  'Engine policy: WebKitGTK\'s default cookie accept policy WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY (https://webkitgtk.org/reference/webkit2gtk/stable/enum.CookieAcceptPolicy.html) refuses cookies set by third-party responses, Partitioned or not. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30';
const WEBKIT_LOOPBACK_MIXED =
  'WebKitGTK treats http://localhost as not potentially trustworthy in its mixed-content checks (Secure Contexts counts loopback as trustworthy; Chromium and Firefox load it): fetch() is blocked, an <img> loads as passive mixed content over http, a redirect of an image to http is blocked. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30; no upstream report found';

const WEBKIT_PRIVATE_TLD_THIRD_PARTY =
  'Engine policy: WebKitGTK\'s default cookie accept policy WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY refuses a cookie set by a response it classes as third party (Fetch https://fetch.spec.whatwg.org/#set-cookie-header step 1: a user agent "configured to disable cookies for request"). libsoup classes it by base domain, and soup_tld_get_base_domain() returns NULL "for private URLs (those not ending with any well known TLD)" (psl_is_public_suffix2 with PSL_TYPE_NO_STAR_RULE; https://gitlab.gnome.org/GNOME/libsoup/-/blob/master/libsoup/soup-tld.c), so under .test the cookie\'s host www1.example.test is compared with the page\'s host example.test whole and the cookie counts as third party (incoming_cookie_is_third_party, https://gitlab.gnome.org/GNOME/libsoup/-/blob/master/libsoup/cookies/soup-cookie-jar.c), although HTML\'s site (registrable domain by the public suffix list\'s default rule) is example.test for both. A cookie set first-party on www1.example.test is sent (credentialed/same-site-subdomain-first-party-cookie conforms), as is one set by the page\'s own host. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-12-04; no upstream report found';

const FIREFOX_MIXED_IP_IMAGE =
  "Firefox upgrades mixed <img>, <audio> and <video> to https since Firefox 127 (https://bugzilla.mozilla.org/show_bug.cgi?id=1779757, https://blog.mozilla.org/security/2024/06/05/firefox-will-upgrade-more-mixed-content-in-version-127/), also where the Mixed Content upgrade algorithm returns without upgrading: a URL whose host is an IP address, and a CORS-mode request (<img crossorigin>), both of which the text blocks. Observed from an https viewer on the machine's non-loopback address on Firefox ESR 153.8.0, 2026-11-30 (from an https://localhost page Firefox instead loads them over http, neither upgraded nor blocked, which is why the viewer is not on loopback); no upstream report found"

const READ = { result: 'readable', status: 200 } as const;
const ONE_COOKIELESS = { requests: 1, preflights: 0, origins: ['viewer'], cookie: false };
const TWO_COOKIELESS = { requests: 2, preflights: 0, cookie: false };
const READ_TWICE: Observation = { result: 'done', steps: [{ result: 'readable' }, { result: 'readable' }] };
const WEBKIT_NO_LAX_DEFAULT =
  'WebKit does not apply "Lax by default" to cookies without SameSite: the layered cookies draft (same-site enforcement "Default") leaves that to the user agent. MDN BCD http.headers.Set-Cookie.SameSite.Lax_default: Safari version_added false (https://github.com/mdn/browser-compat-data/blob/main/http/headers/Set-Cookie.json); observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30';

/** An engine choice the standards leave open, as a whole outcome (default: read, status 200). */
const policy = (cite: string, server: Deviation['server'], observed: Deviation['observed'] = READ): Deviation => ({ kind: 'policy', observed, server, cite });

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
  // Cookie rows. Fetch builds on the layered cookies draft
  // (https://httpwg.org/http-extensions/draft-ietf-httpbis-layered-cookies.html), which lets a user
  // agent block third-party cookies, leaves "Default" SameSite enforcement and whether loopback http
  // is a secure channel to it: each engine's choice is a policy. Every row carries a SameSite=None;
  // Secure control cookie (`controlCookie`), so "not sent by SameSite" and "all third-party cookies
  // blocked" are told apart.
  'credentialed/cookie-cross-site-default': {
    chromium: policy(CHROMIUM_3PC, { ...ONE_COOKIELESS, controlCookie: false }),
    firefox: policy(FIREFOX_TCP, { ...ONE_COOKIELESS, controlCookie: false }),
    webkit: policy(`${WEBKIT_NO_LAX_DEFAULT}; the Secure control cookie: ${WEBKIT_SECURE_ON_HTTP}`, { ...ONE_COOKIELESS, cookie: true, controlCookie: false }),
  },
  'credentialed/cookie-cross-site-default@https': {
    chromium: policy(CHROMIUM_3PC, { ...ONE_COOKIELESS, controlCookie: false }),
    firefox: policy(FIREFOX_TCP, { ...ONE_COOKIELESS, controlCookie: false }),
    webkit: policy(WEBKIT_NO_LAX_DEFAULT, { ...ONE_COOKIELESS, cookie: true }),
  },
  'credentialed/cookie-cross-site-lax': {
    chromium: policy(CHROMIUM_3PC, { ...ONE_COOKIELESS, controlCookie: false }),
    firefox: policy(FIREFOX_TCP, { ...ONE_COOKIELESS, controlCookie: false }),
    webkit: policy(WEBKIT_SECURE_ON_HTTP, { ...ONE_COOKIELESS, controlCookie: false }),
  },
  'credentialed/cookie-cross-site-lax@https': {
    chromium: policy(CHROMIUM_3PC, { ...ONE_COOKIELESS, controlCookie: false }),
    firefox: policy(FIREFOX_TCP, { ...ONE_COOKIELESS, controlCookie: false }),
  },
  'credentialed/cookie-cross-site-none': {
    chromium: policy(CHROMIUM_3PC, ONE_COOKIELESS, { ...READ, setupCookie: 'stored' }),
    firefox: policy(FIREFOX_TCP, ONE_COOKIELESS, { ...READ, setupCookie: 'stored' }),
    webkit: policy(WEBKIT_SECURE_ON_HTTP, ONE_COOKIELESS, { ...READ, setupCookie: 'rejected' }),
  },
  'credentialed/cookie-cross-site-none@https': {
    chromium: policy(CHROMIUM_3PC, ONE_COOKIELESS, { ...READ, setupCookie: 'stored' }),
    firefox: policy(FIREFOX_TCP, ONE_COOKIELESS, { ...READ, setupCookie: 'stored' }),
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
  'secure/loopback-http-fetch-from-https': {
    webkit: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 0, schemes: [] }, cite: WEBKIT_LOOPBACK_MIXED },
  },
  'secure/redirect-https-to-loopback-http-fetch': {
    webkit: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 1, schemes: ['https'], origins: ['viewer'] }, cite: WEBKIT_LOOPBACK_MIXED },
  },
  'secure/redirect-https-to-loopback-http-img': {
    webkit: { observed: { result: 'error' }, server: { requests: 1, schemes: ['https'] }, cite: WEBKIT_LOOPBACK_MIXED },
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
  'credentialed/same-site-subdomain-set-cookie': { webkit: policy(WEBKIT_PRIVATE_TLD_THIRD_PARTY, { requests: 2, preflights: 0, cookies: [false, false] }, READ_TWICE) },
  'credentialed/same-site-subdomain-set-cookie-lax': { webkit: policy(WEBKIT_PRIVATE_TLD_THIRD_PARTY, { requests: 2, preflights: 0, cookies: [false, false] }, READ_TWICE) },
  'credentialed/same-site-subdomain-set-cookie-strict': { webkit: policy(WEBKIT_PRIVATE_TLD_THIRD_PARTY, { requests: 2, preflights: 0, cookies: [false, false] }, READ_TWICE) },
  'secure/third-party-set-cookie-sent': {
    chromium: policy(CHROMIUM_3PC, TWO_COOKIELESS, READ_TWICE),
    webkit: policy(WEBKIT_NO_THIRD_PARTY, TWO_COOKIELESS, READ_TWICE),
  },
  'secure/chips-partitioned-cookie-sent': {
    webkit: policy(WEBKIT_NO_THIRD_PARTY, TWO_COOKIELESS, READ_TWICE),
  },
  'secure/img-use-credentials-third-party-cookie': {
    chromium: policy(CHROMIUM_3PC, { ...ONE_COOKIELESS }, { result: 'loaded', canvas: { '2d': 'clean' } }),
    firefox: policy(FIREFOX_TCP, { ...ONE_COOKIELESS }, { result: 'loaded', canvas: { '2d': 'clean' } }),
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
