// Each scenario's web-platform-tests counterparts: the WPT files that test the same behaviour, or
// an explicit none with what was searched. Data, not code: a row is an id pattern (an exact id, or
// one with `*` for any characters) and the files; the first row whose pattern matches a scenario id (without
// `@https`) wins, so exact ids come before the prefixes that would also match them.
// Paths were checked against web-platform-tests/wpt (stored index, 2026-12); the HTML report links
// each to https://wpt.fyi/results/<path>. Where WPT's expectation and our verdict part ways, the
// note says so (docs/verdicts.md lists them).

import type { WptCounterpart } from '../../contract/cell.ts';
import type { Scenario } from '../../harness/scenarios/types.ts';

const CORS = 'fetch/api/cors';
const CANVAS = 'html/semantics/embedded-content/the-canvas-element';
const MIXED = 'mixed-content';
const LOOPBACK = `${MIXED}/allowed/no-opt-in/loopback-ipv4-http`;

const ORIGIN_PARSING = [`${CORS}/cors-origin.any.js`, 'cors/origin.htm'];
const REDIRECT_ORIGIN = [`${CORS}/cors-redirect.any.js`, 'cors/redirect-origin.htm'];
const SAFELIST = [`${CORS}/cors-preflight-not-cors-safelisted.any.js`, 'cors/cors-safelisted-request-header.any.js'];
const STAR = `${CORS}/cors-preflight-star.any.js`;

/** What a `none` row searched, in a few words (the note on the cell). */
const none = (searched: string): [string[], string] => [[], `none found; searched ${searched}`];

type Row = [pattern: string, wpt: string[], note?: string];

export const WPT_ROWS: Row[] = [
  // ── simple ──
  ['simple/no-cors-*', [`${CORS}/cors-basic.any.js`, 'fetch/api/basic/mode-no-cors.js']],
  ['simple/mode-same-origin-cross-origin', ['fetch/api/basic/mode-same-origin.any.js']],
  ['simple/acao-list-two-origins', [...ORIGIN_PARSING, `${CORS}/cors-multiple-origins.js`]],
  ['simple/acao-duplicate-*', [...ORIGIN_PARSING, `${CORS}/cors-multiple-origins.js`]],
  ['simple/acao-star', [`${CORS}/cors-basic.any.js`, 'cors/basic.htm']],
  ['simple/acao-*', ORIGIN_PARSING],
  ['simple/no-acao', [`${CORS}/cors-basic.any.js`, 'cors/basic.htm']],
  ['simple/cross-site-star', [`${CORS}/cors-basic.any.js`]],
  ['simple/status-*', ['cors/status.htm', 'cors/status-async.htm']],
  ['simple/xhr-status-404', ['cors/status.htm', 'cors/status-async.htm']],
  ['simple/xhr-no-acao', ['xhr/access-control-basic-denied.htm', 'cors/basic.htm']],
  ['simple/xhr-acao-star', ['cors/basic.htm', 'cors/origin.htm']],
  ['simple/xhr-acao-*', ['cors/origin.htm']],
  ['simple/xhr-exposed-headers', ['xhr/access-control-response-with-exposed-headers.htm', 'cors/response-headers.htm']],
  ['simple/xhr-post-text-plain', ['cors/simple-requests.htm', `${CORS}/cors-no-preflight.any.js`]],
  ['simple/head-no-preflight', [`${CORS}/cors-no-preflight.any.js`, 'cors/simple-requests.htm']],
  ['simple/post-*', [`${CORS}/cors-no-preflight.any.js`, 'cors/simple-requests.htm']],
  ['simple/unexposed-header-hidden', ['cors/response-headers.htm', `${CORS}/cors-filtering.js`]],
  ['simple/safelisted-response-headers', ['xhr/access-control-basic-cors-safelisted-response-headers.htm', 'cors/response-headers.htm', `${CORS}/cors-filtering.js`]],
  ['simple/aceh-*', [`${CORS}/cors-expose-star.js`, 'cors/access-control-expose-headers-parsing.window.js']],
  ['simple/range-206-*', ['cors/cors-safelisted-request-header.any.js', 'fetch/range/general.any.js']],
  ['simple/revalidated-304-*', ['cors/304.htm', 'fetch/http-cache/304-update.html']],
  ['simple/vary-origin-*', ...none('fetch/http-cache/ (vary.html varies on headers the page sets, never Origin across two origins), cors/, fetch/api/cors/')],
  ['simple/sandboxed-frame-acao-star', ['xhr/access-control-sandboxed-iframe-allow.htm']],
  ['simple/sandboxed-frame-acao-viewer', ['xhr/access-control-sandboxed-iframe-denied.htm', 'xhr/access-control-sandboxed-iframe-denied-without-wildcard.htm']],
  ['simple/sandboxed-frame-*', ['xhr/access-control-sandboxed-iframe-allow-origin-null.htm']],

  // ── credentialed ──
  ['credentialed/acac-without-credentials', ['cors/credentials-flag.htm']],
  ['credentialed/acac-*', ['cors/credentials-flag.htm']],
  ['credentialed/include-*', [`${CORS}/cors-cookies.any.js`, 'cors/credentials-flag.htm']],
  ['credentialed/reflect-any-origin', [`${CORS}/cors-cookies.any.js`]],
  ['credentialed/acao-null-with-credentials', ['cors/origin.htm']],
  ['credentialed/simple-get-ignores-acam-acah', ...none(`${CORS}/cors-no-preflight.any.js and cors-preflight-star.any.js (no credentialed simple request answered with ACAM/ACAH)`)],
  ['credentialed/aceh-*', [`${CORS}/cors-expose-star.js`]],
  ['credentialed/xhr-with-credentials-aceh-star', [`${CORS}/cors-expose-star.js`]],
  ['credentialed/cookie-same-site-cross-port', [`${CORS}/cors-cookies.any.js`]],
  ['credentialed/cookie-not-port-scoped', [`${CORS}/cors-cookies.any.js`]],
  ['credentialed/cookie-cross-site-default', ['cookies/samesite-by-default/fetch-samesitebydefault.tentative.html', 'cookies/rfc6265bis/samesite/fetch.html']],
  ['credentialed/cookie-cross-site-*', ['cookies/rfc6265bis/samesite/fetch.html', 'cookies/secure/set-from-dom.sub.html', 'cookies/rfc6265bis/secure/create-cookie-http.html']],
  ['credentialed/omit-no-cookie', [`${CORS}/cors-cookies.any.js`, 'fetch/api/credentials/cookies.any.js']],
  ['credentialed/same-origin-mode-no-cookie', [`${CORS}/cors-cookies.any.js`, 'fetch/api/credentials/cookies.any.js']],
  // Cookies across hosts of one site (credentialed-same-site-hosts.ts); WPT's REMOTE origin is www1. of the test site.
  ['credentialed/same-site-subdomain-set-cookie', [`${CORS}/cors-cookies.any.js`], 'its "Include mode: 1 cookie" test: www1.<site> sets a cookie from a <site> page and must get it back'],
  ['credentialed/same-site-subdomain-*', ...none(`${CORS}/cors-cookies.any.js (no SameSite attribute, no cookie set first-party on the other host)`)],
  ['credentialed/same-site-host-control-set-cookie', ...none(`${CORS}/cors-cookies.any.js (its same-host include test checks one origin, not another port of the page's host)`)],
  ['credentialed/set-cookie-stored-even-if-cors-fails', ...none(`cors/credentials-flag.htm, ${CORS}/cors-cookies*.any.js, fetch/api/credentials/ (none stores a cookie from a response that then fails the CORS check)`)],
  ['credentialed/set-cookie-*', ['cors/credentials-flag.htm']],
  ['credentialed/img-*', ...none(`${CANVAS}/security.*, html/semantics/embedded-content/the-img-element (stored index: no cross-origin <img crossorigin> credentials test)`)],
  ['credentialed/xhr-*', ['cors/credentials-flag.htm']],

  // ── preflight ──
  ['preflight/method-put-no-acam', [`${CORS}/cors-preflight.any.js`, 'xhr/access-control-preflight-async-method-denied.htm']],
  ['preflight/method-*-not-listed', [`${CORS}/cors-preflight.any.js`, 'xhr/access-control-preflight-async-method-denied.htm']],
  ['preflight/method-*-allowed', [`${CORS}/cors-preflight.any.js`]],
  ['preflight/method-*', [STAR]],
  ['preflight/header-not-listed', [`${CORS}/cors-preflight.any.js`, 'xhr/access-control-preflight-async-header-denied.htm']],
  ['preflight/header-*', [`${CORS}/cors-preflight.any.js`, 'cors/allow-headers.htm']],
  ['preflight/acrh-sorted-lowercased', [`${CORS}/cors-preflight.any.js`, 'xhr/access-control-preflight-request-header-sorted.htm', 'xhr/access-control-preflight-request-header-lowercase.htm']],
  ['preflight/acrh-absent-with-safelisted-headers-only', [`${CORS}/cors-preflight.any.js`, 'xhr/access-control-basic-cors-safelisted-request-headers.htm']],
  ['preflight/acam-malformed', [`${CORS}/cors-preflight-response-validation.any.js`]],
  ['preflight/acah-malformed', [`${CORS}/cors-preflight-response-validation.any.js`]],
  ['preflight/acam-empty-list-elements', ['xhr/allow-lists-starting-with-comma.htm']],
  ['preflight/acam-*', [STAR]],
  ['preflight/acah-*', [STAR]],
  ['preflight/authorization-*', [STAR, `${CORS}/cors-preflight-not-cors-safelisted.any.js`]],
  ['preflight/content-type-text-plain-charset', [`${CORS}/cors-no-preflight.any.js`, 'cors/cors-safelisted-request-header.any.js']],
  ['preflight/content-type-*', SAFELIST],
  ['preflight/iiif-accept-profile*', SAFELIST],
  ['preflight/accept-long', SAFELIST],
  ['preflight/range-*', SAFELIST],
  ['preflight/safelisted-total-*', SAFELIST],
  ['preflight/status-301', [`${CORS}/cors-preflight-status.any.js`, 'xhr/access-control-preflight-request-invalid-status-301.htm']],
  ['preflight/status-501', [`${CORS}/cors-preflight-status.any.js`, 'xhr/access-control-preflight-request-invalid-status-501.htm']],
  ['preflight/status-*', [`${CORS}/cors-preflight-status.any.js`, 'cors/status-preflight.htm']],
  ['preflight/redirected', [`${CORS}/cors-preflight-redirect.any.js`]],
  ['preflight/no-cookies', ['xhr/access-control-preflight-request-must-not-contain-cookie.htm']],
  ['preflight/credentials-preflight-without-acac', ['xhr/access-control-preflight-credential-async.htm', 'cors/preflight-failure.htm']],
  ['preflight/cache-max-age-*', [`${CORS}/cors-preflight-cache.any.js`, 'cors/preflight-cache.htm']],
  ['preflight/cache-clock-max-age-30-expired', ['cors/preflight-cache.htm']],
  ['preflight/cache-cap-clock-*', ...none(`${CORS}/cors-preflight-cache.any.js, cors/preflight-cache.htm (no test of an imposed max-age limit)`)],
  // Cross-site preflight cache (preflight-cache-cross-site.ts): WPT's cache tests use a same-site target (www1.).
  ['preflight/cache-cross-site-header', [`${CORS}/cors-preflight-cache.any.js`, 'cors/preflight-cache.htm'], 'header-triggered as here, but against www1. of the test site (same-site); this row targets another site'],
  ['preflight/cache-cross-site-*', ...none(`${CORS}/cors-preflight-cache.any.js, cors/preflight-cache.htm (header-triggered, uncredentialed, same-site targets only)`)],
  ['preflight/cache-*', ...none(`${CORS}/cors-preflight-cache.any.js, cors/preflight-cache.htm (neither varies the method, the headers or the credentials mode against a cached entry)`)],
  ['preflight/xhr-upload-listener*', ['cors/late-upload-events.htm']],

  // ── redirect ──
  ['redirect/after-preflight-other-origin', [`${CORS}/cors-redirect-preflight.any.js`, 'cors/redirect-preflight-2.htm']],
  ['redirect/after-preflight-*', [`${CORS}/cors-redirect-preflight.any.js`, 'cors/redirect-preflight.htm']],
  ['redirect/preflight-redirected', [`${CORS}/cors-preflight-redirect.any.js`]],
  ['redirect/userinfo-*', [`${CORS}/cors-redirect-credentials.any.js`, 'cors/redirect-userinfo.htm']],
  ['redirect/hops-*', ['fetch/api/redirect/redirect-count.any.js']],
  ['redirect/post-*', ['fetch/api/redirect/redirect-method.any.js']],
  ['redirect/mode-*', ['fetch/api/redirect/redirect-mode.any.js']],
  ['redirect/credentialed-*', [`${CORS}/cors-cookies-redirect.any.js`]],
  ['redirect/authorization-*', ...none('fetch/api/credentials/ (stored index: authentication-basic.js, cookies*.any.js), fetch/api/redirect/, fetch/api/cors/ (no Authorization across a redirect)')],
  ['redirect/*', REDIRECT_ORIGIN],

  // ── canvas ──
  ['canvas/no-crossorigin-*', [`${CANVAS}/security.drawImage.image.sub.html`]],
  ['canvas/iiif-tile-info-only-no-crossorigin-tainted', [`${CANVAS}/security.drawImage.image.sub.html`]],
  ['canvas/same-to-cross-redirect-tainted', [`${CANVAS}/security.drawImage.image.redirect.html`]],
  ['canvas/same-origin-anonymous-clean', ['fetch/origin/assorted.window.js']],
  ['canvas/same-to-cross-redirect-anonymous-clean', ['fetch/origin/assorted.window.js']],
  ['canvas/bitmap-tainted', ['html/canvas/element/manual/imagebitmap/createImageBitmap-origin.sub.html']],
  ['canvas/reset-clears-taint', [`${CANVAS}/security.reset.sub.html`, `${CANVAS}/security.reset.cross.html`]],
  ['canvas/pattern-tainted', [`${CANVAS}/security.pattern.create.sub.html`, `${CANVAS}/security.pattern.image.fillStyle.sub.html`]],
  ['canvas/canvas-to-canvas-tainted', [`${CANVAS}/security.drawImage.canvas.sub.html`]],
  ['canvas/webgl-*', ...none('webgl/ (stored: conformance-1.0.0, no cross-origin texture test), html/canvas/')],
  ['canvas/cache-*', ...none('fetch/http-cache/, html/canvas/, fetch/api/cors/ (no no-CORS load followed by a CORS load of the same cached URL)')],
  ['canvas/*', ...none(`${CANVAS}/security.* (images loaded without crossorigin only), html/canvas/element/manual/imagebitmap/ (no CORS-approved <img crossorigin> drawn and read back)`)],

  // ── secure ──
  ['secure/loopback-http-fetch-from-https', [`${LOOPBACK}/fetch-request/top-level/no-redirect/loopback-allowed.https.html`]],
  ['secure/loopback-http-img-*', [`${LOOPBACK}/img-tag/top-level/no-redirect/loopback-allowed.https.html`]],
  ['secure/redirect-https-to-loopback-*', ...none(`${LOOPBACK}/ (no-redirect and http→http keep-scheme-redirect cases only, no https→http loopback hop)`)],
  ['secure/redirect-http-to-https-*', [`${CORS}/cors-redirect.any.js`]],
  ['secure/chips-partitioned-cookie-sent', ['cookies/partitioned-cookies/partitioned-cookies.tentative.https.html']],
  ['secure/third-party-set-cookie-sent', ...none('cookies/ (third-party cookie blocking is user-agent policy; WPT runs with third-party cookies allowed and has no cross-site fetch Set-Cookie round trip)')],
  ['secure/img-use-credentials-third-party-cookie', ...none('cookies/, html/semantics/embedded-content/the-img-element (no cross-site <img crossorigin=use-credentials> cookie test)')],
  ['secure/mixed-content-fetch-http-*', [`${MIXED}/fetch-request/no-opt-in/cross-origin-http/top-level/no-redirect/blockable/no-opt-in-blocks.https.html`]],
  ['secure/mixed-content-redirect-https-to-http-fetch', [`${MIXED}/fetch-request/no-opt-in/cross-origin-http/top-level/swap-scheme-redirect/blockable/no-opt-in-blocks.https.html`]],
  ['secure/mixed-content-img-http-named-host', [`${MIXED}/image-upgrade.https.sub.html`]],
  [
    'secure/mixed-content-redirect-https-to-http-img',
    [`${MIXED}/img-tag/no-opt-in/cross-origin-http/top-level/swap-scheme-redirect/optionally-blockable/no-opt-in-allows.https.html`],
    'WPT\'s generated img-tag file still expects "optionally-blockable" content to load over http (Mixed Content level 1); level 2 upgrades or, on an IP host, blocks it: its expectation is outdated, not a contradiction of our verdict',
  ],
  ['secure/mixed-content-img-*', ...none(`${MIXED}/image-upgrade.https.sub.html (named hosts only), ${MIXED}/img-tag/ (level-1 expectations): no test of the IP-host exception`)],
  ['secure/named-host-https-fetch-control', ...none('— a control row (the host mapping works); not a behaviour to test')],

  // ── viewer ──
  ['viewer/*', ...none('WPT tests engines, not viewer libraries (no OpenSeadragon, Mirador or OpenLayers page); the fetch and canvas behaviour underneath is mapped on the simple/, canvas/ rows')],
];

/** `*` stands for any run of characters; everything else is literal. */
const matches = (pattern: string, id: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&')).join('.*')}$`).test(id);

/** The row a scenario takes (id with or without `@https`): the first whose pattern matches, or -1. */
export const wptRowOf = (id: string): number => WPT_ROWS.findIndex(([pattern]) => matches(pattern, id.replace(/@https$/, '')));

/** A scenario's WPT counterparts, or undefined when no row matches. */
export function wptCounterpart(id: string): WptCounterpart | undefined {
  const row = WPT_ROWS[wptRowOf(id)];
  if (!row) return undefined;
  const [, wpt, note] = row;
  return { wpt, ...(note && { wptNote: note }) };
}

/** A table with each row's counterparts attached (`scenario.wpt`), as the cards and cells carry them. */
export const withWpt = (table: Scenario[]): Scenario[] =>
  table.map((s) => {
    const wpt = wptCounterpart(s.id);
    return wpt ? { ...s, wpt } : s;
  });
