// Per-engine known deviations from the spec verdicts, one place for all families (like WPT's
// expectation files). Each entry names only the fields where the engine differs, and cites why:
// an engine bug, a spec issue, or a WPT result. An entry that stops happening fails the run.
// Engines run as users have them (Chromium and Firefox in persistent profiles with shipped
// defaults, WebKitGTK's WebDriver session; README "How engines are found"), and every row with a
// deviation also runs over https (`<id>@https`, trusted local CA). Revisited on 2026-11-30: the
// entries below still happen in that set-up; where an https row behaves as the spec says, it has
// no entry (e.g. WebKit sends the SameSite=None; Secure cookie over https).

import type { EngineName } from '../harness/engines/types.ts';
import type { Deviation, Deviations } from '../harness/scenarios/types.ts';

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

export const deviations: Deviations = {
  // --- simple ---

  // --- credentialed ---
  'credentialed/cookie-cross-site-default': {
    chromium: { server: { controlCookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { controlCookie: false }, cite: FIREFOX_TCP },
    webkit: {
      server: { cookie: true, controlCookie: false },
      cite:
        'WebKit does not treat cookies without SameSite as Lax (rfc6265bis "Default" same-site-flag excludes them from cross-site subresource requests): MDN BCD http.headers.Set-Cookie.SameSite.Lax_default has safari version_added false (https://github.com/mdn/browser-compat-data/blob/main/http/headers/Set-Cookie.json); the Secure control cookie is refused on http loopback (https://bugs.webkit.org/show_bug.cgi?id=281149). Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-30',
    },
  },
  'credentialed/cookie-cross-site-default@https': {
    chromium: { server: { controlCookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { controlCookie: false }, cite: FIREFOX_TCP },
    webkit: {
      server: { cookie: true },
      cite:
        'WebKit does not treat cookies without SameSite as Lax: MDN BCD http.headers.Set-Cookie.SameSite.Lax_default has safari version_added false (https://github.com/mdn/browser-compat-data/blob/main/http/headers/Set-Cookie.json). Observed over https on WebKitGTK MiniBrowser 2.50.6, 2026-11-30',
    },
  },
  'credentialed/cookie-cross-site-lax': {
    chromium: { server: { controlCookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { controlCookie: false }, cite: FIREFOX_TCP },
    webkit: { server: { controlCookie: false }, cite: WEBKIT_SECURE_ON_HTTP },
  },
  'credentialed/cookie-cross-site-lax@https': {
    chromium: { server: { controlCookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { controlCookie: false }, cite: FIREFOX_TCP },
  },
  'credentialed/cookie-cross-site-none': {
    chromium: { server: { cookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { cookie: false }, cite: FIREFOX_TCP },
    webkit: { observed: { setupCookie: 'rejected' }, server: { cookie: false }, cite: WEBKIT_SECURE_ON_HTTP },
  },
  'credentialed/cookie-cross-site-none@https': {
    chromium: { server: { cookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { cookie: false }, cite: FIREFOX_TCP },
  },

  // --- preflight ---
  'preflight/authorization-acah-star': {
    chromium: {
      observed: { result: 'readable' },
      server: { requests: 1, methods: ['OPTIONS', 'GET'] },
      cite:
        'Chromium lets Access-Control-Allow-Headers: * cover Authorization (only a console deprecation warning; enforcement postponed: https://chromestatus.com/feature/5742041264816128). MDN BCD http.headers.Access-Control-Allow-Headers.authorization_not_covered_by_wildcard: Chrome false (https://github.com/mdn/browser-compat-data/pull/20092); spec compat issue https://github.com/whatwg/fetch/issues/1919; observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    firefox: {
      observed: { result: 'readable' },
      server: { requests: 1, methods: ['OPTIONS', 'GET'] },
      cite:
        'Firefox lets Access-Control-Allow-Headers: * cover Authorization unless network.cors_preflight.authorization_covered_by_wildcard is set to false (default true): https://bugzilla.mozilla.org/show_bug.cgi?id=1687364, MDN BCD authorization_not_covered_by_wildcard (https://github.com/mdn/browser-compat-data/pull/20092), https://github.com/whatwg/fetch/issues/1919; observed on Firefox ESR 153.7.0, 2026-11-22',
    },
    webkit: {
      observed: { result: 'readable' },
      server: { requests: 1, methods: ['OPTIONS', 'GET'] },
      cite:
        'WebKit lets Access-Control-Allow-Headers: * cover Authorization: MDN BCD authorization_not_covered_by_wildcard Safari false (https://github.com/mdn/browser-compat-data/pull/20092); https://github.com/whatwg/fetch/issues/1919 ("Firefox, Chrome and Safari allow it"); observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-22',
    },
  },
  'preflight/cache-max-age-negative': {
    chromium: {
      server: { preflights: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'] },
      cite:
        'Chromium parses Access-Control-Max-Age as a signed integer and treats a negative value as 0 (not cached) instead of a parse failure (default 5 s): ParseAccessControlMaxAge in services/network/cors/preflight_result.cc ("Negative value doesn\'t make sense - use 0 instead"). WPT cors/preflight-cache.htm "age = -1, should not be cached" expects this older behaviour, against the current Fetch text; MDN dropped -1 as invalid (https://github.com/mdn/content/pull/9593). Observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    firefox: {
      server: { preflights: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'] },
      cite:
        'Firefox treats Access-Control-Max-Age -1 as "do not cache" rather than as a parse failure (Fetch: failure → 5 s), as WPT cors/preflight-cache.htm "age = -1, should not be cached" expects, against the current Fetch text (https://github.com/mdn/content/pull/9593 removed -1 from MDN as invalid). Observed on Firefox ESR 153.7.0, 2026-11-22; no upstream report found',
    },
    webkit: {
      server: { preflights: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'] },
      cite:
        'WebKit parses Access-Control-Max-Age with parseInteger<int64_t>, so -1 is accepted and the entry expires at once (Source/WebCore/loader/CrossOriginPreflightResultCache.cpp parseAccessControlMaxAge) instead of the Fetch parse failure → 5 s; WPT cors/preflight-cache.htm "age = -1, should not be cached" expects the engines\' behaviour. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-22',
    },
  },
  'preflight/cache-uncredentialed-after-credentialed': {
    chromium: {
      server: { preflights: 1 },
      cite:
        'Chromium lets an uncredentialed request reuse a preflight cached for a credentialed one: PreflightResult::EnsureAllowedRequest in services/network/cors/preflight_result.cc only refuses the reverse (!credentials_ && credentials mode include); Fetch "cache entry match" requires the credentials flag to match both ways. Observed on Chromium 156.0.8078.79, 2026-11-22; no upstream report found',
    },
    webkit: {
      server: { preflights: 1 },
      cite:
        'WebKit lets an uncredentialed request reuse a preflight cached for a credentialed one: CrossOriginPreflightResultCacheItem::allowsRequest (Source/WebCore/loader/CrossOriginPreflightResultCache.cpp) only refuses a credentialed request on an uncredentialed entry; Fetch "cache entry match" requires the credentials flag to match both ways. Observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-22; no upstream report found',
    },
  },

  // --- redirect ---
  'redirect/userinfo-same-origin': {
    chromium: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: { requests: 1 },
      cite:
        'Chromium fails any redirect to a URL with embedded credentials (chromestatus 5669008342777856), where Fetch only fails it for cors-mode cross-origin targets: https://github.com/whatwg/fetch/issues/660 (Firefox follows the spec, Safari strips, Chrome errors); proposal to standardise blocking: https://github.com/whatwg/fetch/pull/465',
    },
  },

  // --- canvas ---
  'canvas/same-origin-anonymous-clean': {
    chromium: {
      server: { origins: ['viewer'] },
      cite:
        'Chromium sends Origin on same-origin CORS-mode element requests (<img crossorigin>), though not on same-origin fetch() GETs; Fetch appends Origin only when response tainting is "cors" or the method is not GET/HEAD. https://github.com/whatwg/fetch/pull/1463 ("Existing behavior in Safari and Chrome (which diverges further)"); observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    webkit: {
      server: { origins: ['viewer'] },
      cite:
        'WebKit sends Origin on same-origin CORS-mode element requests (<img crossorigin>), though not on same-origin fetch() GETs; Fetch appends Origin only when response tainting is "cors". https://github.com/whatwg/fetch/pull/1463 ("Existing behavior in Safari and Chrome"); observed on WebKitGTK 2.50.6, 2026-11-22',
    },
  },
  'canvas/same-to-cross-redirect-anonymous-clean': {
    chromium: {
      server: { origins: ['viewer', 'viewer'] },
      cite:
        'Same cause as canvas/same-origin-anonymous-clean: Origin on the same-origin first hop of a CORS-mode <img> load. https://github.com/whatwg/fetch/pull/1463; observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    webkit: {
      server: { origins: ['viewer', 'viewer'] },
      cite:
        'Same cause as canvas/same-origin-anonymous-clean: Origin on the same-origin first hop of a CORS-mode <img> load. https://github.com/whatwg/fetch/pull/1463; observed on WebKitGTK 2.50.6, 2026-11-22',
    },
  },
  'canvas/reset-clears-taint': {
    firefox: {
      observed: { canvas: { reset: 'tainted' } },
      cite:
        'Firefox keeps the origin-clean flag false after the bitmap is reset by setting width; HTML (security-with-canvas-elements) and WPT security.reset.cross.html say the flag is reset: https://github.com/whatwg/html/issues/2660. Observed on Firefox ESR 153.7.0, 2026-11-22; no Firefox bug found',
    },
    webkit: {
      observed: { canvas: { reset: 'tainted' } },
      cite:
        'https://bugs.webkit.org/show_bug.cgi?id=315463 (fixed on WebKit main in May 2026, 313824@main, https://github.com/WebKit/WebKit/pull/65571); WebKitGTK 2.50.6 as observed on 2026-11-22 still keeps the taint',
    },
  },
  'canvas/cache-poisoned-acao-if-origin': {
    firefox: {
      observed: { steps: [{}, { result: 'loaded', canvas: { '2d': 'clean' } }] },
      server: { requests: 2, origins: ['absent', 'viewer'] },
      cite:
        'Firefox does not serve the cached no-cors response to the CORS load: it refetches with Origin and gets ACAO (an HTTP cache may always refetch, so this hides the server fault the Fetch spec describes in "CORS protocol and HTTP caches"; whatwg/fetch#402). Also reported as working in Firefox in https://github.com/exupero/saveSvgAsPng/pull/164. Observed on Firefox ESR 153.7.0, 2026-11-22',
    },
    webkit: {
      observed: { steps: [{}, { result: 'loaded', canvas: { '2d': 'clean' } }] },
      server: { requests: 2, origins: ['absent', 'viewer'] },
      cite:
        'WebKit does not serve the cached no-cors response to the CORS load: it refetches with Origin and gets ACAO (an HTTP cache may always refetch; whatwg/fetch#402). Observed on WebKitGTK 2.50.6, 2026-11-22; no upstream report found',
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
  'secure/third-party-set-cookie-sent': {
    chromium: { server: { cookie: false }, cite: CHROMIUM_3PC },
    webkit: { server: { cookie: false }, cite: WEBKIT_NO_THIRD_PARTY },
  },
  'secure/chips-partitioned-cookie-sent': {
    webkit: { server: { cookie: false }, cite: WEBKIT_NO_THIRD_PARTY },
  },
  'secure/img-use-credentials-third-party-cookie': {
    chromium: { server: { cookie: false }, cite: CHROMIUM_3PC },
    firefox: { server: { cookie: false }, cite: FIREFOX_TCP },
  },
};

// The same deviations, observed again over https in the user profile (2026-11-30).
Object.assign(deviations, {
  'preflight/authorization-acah-star@https': alsoOverHttps(deviations['preflight/authorization-acah-star']!, ['chromium', 'firefox', 'webkit']),
  'preflight/cache-max-age-negative@https': alsoOverHttps(deviations['preflight/cache-max-age-negative']!, ['chromium', 'firefox', 'webkit']),
  'preflight/cache-uncredentialed-after-credentialed@https': alsoOverHttps(deviations['preflight/cache-uncredentialed-after-credentialed']!, ['chromium', 'webkit']),
  'redirect/userinfo-same-origin@https': alsoOverHttps(deviations['redirect/userinfo-same-origin']!, ['chromium']),
  'canvas/same-origin-anonymous-clean@https': alsoOverHttps(deviations['canvas/same-origin-anonymous-clean']!, ['chromium', 'webkit']),
  'canvas/same-to-cross-redirect-anonymous-clean@https': alsoOverHttps(deviations['canvas/same-to-cross-redirect-anonymous-clean']!, ['chromium', 'webkit']),
  'canvas/reset-clears-taint@https': alsoOverHttps(deviations['canvas/reset-clears-taint']!, ['firefox', 'webkit']),
  'canvas/cache-poisoned-acao-if-origin@https': alsoOverHttps(deviations['canvas/cache-poisoned-acao-if-origin']!, ['firefox', 'webkit']),
} satisfies Deviations);
