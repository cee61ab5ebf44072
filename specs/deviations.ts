// Per-engine known deviations from the spec verdicts, one place for all families (like WPT's
// expectation files). Each entry names only the fields where the engine differs, and cites why:
// an engine bug, a spec issue, or a WPT result. An entry that stops happening fails the run.

import type { Deviations } from '../harness/scenarios/types.ts';

export const deviations: Deviations = {
  // --- simple ---

  // --- credentialed ---
  'credentialed/cookie-cross-site-default': {
    webkit: {
      server: { cookie: true },
      cite:
        'WebKit does not treat cookies without SameSite as Lax (rfc6265bis "Default" same-site-flag excludes them from cross-site subresource requests): MDN BCD http.headers.Set-Cookie.SameSite.Lax_default has safari version_added false (https://github.com/mdn/browser-compat-data/blob/main/http/headers/Set-Cookie.json); observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-22',
    },
  },
  'credentialed/cookie-cross-site-none': {
    chromium: {
      server: { cookie: false },
      cite:
        'Third-party cookies blocked by user preference: the harness drives the system Chromium through Playwright, whose contexts are off-the-record profiles, and Chromium blocks third-party cookies in Incognito by default (Chrome 83+). CDP Network.requestWillBeSentExtraInfo reports blockedReasons ["UserPreferences"] for the SameSite=None; Secure cookie. https://github.com/microsoft/playwright/issues/2072, https://github.com/microsoft/playwright/issues/8940; observed on Chromium 156.0.8078.79, 2026-11-22',
    },
    firefox: {
      server: { cookie: false },
      cite:
        'Total Cookie Protection (dynamic state partitioning, default since Firefox 103): a cookie set first-party on 127.0.0.1 lives in the unpartitioned jar and is not sent to 127.0.0.1 embedded under the localhost top-level site. https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning; observed on Firefox ESR 153.7.0, 2026-11-22',
    },
    webkit: {
      observed: { setupCookie: 'rejected' },
      server: { cookie: false },
      cite:
        'WebKit refuses Secure cookies on http loopback hosts (http://127.0.0.1 here), so the SameSite=None; Secure cookie is never stored: https://bugs.webkit.org/show_bug.cgi?id=281149 (fixed for Cocoa ports only, https://github.com/WebKit/WebKit/pull/61338), MDN BCD note https://github.com/mdn/browser-compat-data/pull/28461; observed on WebKitGTK MiniBrowser 2.50.6, 2026-11-22',
    },
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

  // --- viewer ---
  'viewer/osd-webgl-anonymous-cache-warmed': {
    firefox: {
      observed: { viewer: { shown: 'image' } },
      cite:
        'Same cause as canvas/cache-poisoned-acao-if-origin: Firefox does not serve the cached no-cors tiles to the CORS loads, it refetches them with Origin and gets ACAO, so OpenSeadragon draws them with WebGL (an HTTP cache may always refetch; whatwg/fetch#402). Observed on Firefox ESR 153.8.0, 2026-11-30',
    },
    webkit: {
      observed: { viewer: { shown: 'image' } },
      cite:
        'Same cause as canvas/cache-poisoned-acao-if-origin: WebKit refetches the cached no-cors tiles with Origin for the CORS loads and gets ACAO (an HTTP cache may always refetch; whatwg/fetch#402). Observed on WebKitGTK 2.50.6, 2026-11-30',
    },
  },
};
