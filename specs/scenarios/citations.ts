// The citation vocabulary every scenario table shares: links to the sections, tests and drafts a
// verdict rests on, written once so a family file never re-invents (or mistypes) one.

export const FETCH = 'https://fetch.spec.whatwg.org';
export const HTML = 'https://html.spec.whatwg.org/multipage';
const XHR = 'https://xhr.spec.whatwg.org';

export const CORS_CHECK = `${FETCH}/#cors-check`;
export const PREFLIGHT = `${FETCH}/#cors-preflight-fetch`;
export const PREFLIGHT_CACHE = `${FETCH}/#cors-preflight-cache`;
export const CACHE_MATCH = `${FETCH}/#concept-cache-match`;
export const MAIN_FETCH = `${FETCH}/#concept-main-fetch`;
export const HTTP_FETCH = `${FETCH}/#concept-http-fetch`;
export const REDIRECT_FETCH = `${FETCH}/#http-redirect-fetch`;
export const NETWORK_FETCH = `${FETCH}/#http-network-fetch`;
export const NETWORK_OR_CACHE_FETCH = `${FETCH}/#concept-http-network-or-cache-fetch`;
export const OK_STATUS = `${FETCH}/#ok-status`;
export const ACEH = `${FETCH}/#http-access-control-expose-headers`;
export const SAFE_METHOD = `${FETCH}/#cors-safelisted-method`;
export const NORMALIZE = `${FETCH}/#concept-method-normalize`;
export const WILDCARDS = `${FETCH}/#http-new-header-syntax`;
export const EXTRACT = `${FETCH}/#extract-header-list-values`;
export const SAFE_HEADER = `${FETCH}/#cors-safelisted-request-header`;
export const UNSAFE_NAMES = `${FETCH}/#cors-unsafe-request-header-names`;
export const SAFE_RESPONSE_HEADER = `${FETCH}/#cors-safelisted-response-header-name`;
export const FORBIDDEN_RESPONSE_HEADER = `${FETCH}/#forbidden-response-header-name`;
export const NON_WILDCARD = `${FETCH}/#cors-non-wildcard-request-header-name`;
export const ORIGIN_NULL = `${FETCH}/#serializing-a-request-origin`;
export const ORIGIN_HEADER = `${FETCH}/#append-a-request-origin-header`;
export const HTTP_CACHES = `${FETCH}/#cors-protocol-and-http-caches`;
export const CREDENTIALS_MODE = `${FETCH}/#concept-request-credentials-mode`;

export const CANVAS_SECURITY = `${HTML}/canvas.html#security-with-canvas-elements`;
export const NOT_ORIGIN_CLEAN = `${HTML}/canvas.html#the-image-argument-is-not-origin-clean`;
export const CORS_SETTINGS = `${HTML}/urls-and-fetching.html#cors-settings-attributes`;
export const CORS_CROSS_ORIGIN = `${HTML}/urls-and-fetching.html#cors-cross-origin`;
export const SANDBOX_ORIGIN = `${HTML}/browsers.html#sandboxed-origin-browsing-context-flag`;
export const XHR_UPLOAD_LISTENER = `${XHR}/#upload-listener-flag`;
export const WEBGL_ORIGIN = 'https://registry.khronos.org/webgl/specs/latest/1.0/#ORIGIN_RESTRICTIONS';

/** Fetch builds on the layered cookies draft (no longer on RFC 6265bis). */
export const COOKIES_DRAFT = 'https://httpwg.org/http-extensions/draft-ietf-httpbis-layered-cookies.html';
export const COOKIE_RETRIEVAL = `${COOKIES_DRAFT} (retrieving cookies for a request)`;
/** Blocking third-party cookies is left to the user agent: a policy, never a Fetch rule. */
export const COOKIE_POLICY = `${COOKIES_DRAFT} (§ Cookie Policy: "User agents MAY enforce a cookie policy consisting of restrictions on how cookies may be used or ignored"; § Third-Party Cookies); ${FETCH}/#cookie-header ("If the user agent is configured to disable cookies for request, then it should return")`;
/** Cookies do not isolate by port (the layered draft keeps RFC 6265's section). */
export const COOKIE_NO_PORT = `${COOKIES_DRAFT} (§ Weak Confidentiality: cookies do not provide isolation by port)`;
/**
 * A Secure cookie needs an https request: Fetch's isSecure is the scheme, and the layered draft's
 * Store a Cookie drops a secure cookie when isSecure is false (whatwg/fetch#1827, open, asks to
 * allow localhost; httpwg/http-extensions#2759, open, is the rfc6265bis counterpart).
 */
export const SECURE_NEEDS_HTTPS = `${FETCH}/#set-cookie-header and ${FETCH}/#cookie-header ("Let isSecure be true if request's current URL's scheme is "https"; otherwise false"); ${COOKIES_DRAFT} (Store a Cookie: "If isSecure is false: If cookie's secure is true, then return null"); https://github.com/whatwg/fetch/issues/1827 (open)`;
/**
 * Lax and unset cookies are left out of cross-site subresource requests by rfc6265bis, not by the
 * layered draft as Fetch uses it today: Fetch's "determine the same-site mode" returns
 * "strict-or-less" for a top-level page's cross-site fetch, and layered Retrieve Cookies then
 * returns Lax and unset cookies. A draft basis, cited to the text that says it.
 */
export const SAMESITE_EXCLUDED = `https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.8.3 ("If the cookie's same-site-flag is not "None" and the retrieval's same-site status is "cross-site", then exclude the cookie unless …", top-level navigations only); note ${FETCH}/#cookie-infrastructure ("determine the same-site mode" yields "strict-or-less" here, so Fetch with the layered draft as written would send it)`;
export const HTTP_CACHING = 'https://www.rfc-editor.org/rfc/rfc9111';
export const RANGE_REQUESTS = 'https://www.rfc-editor.org/rfc/rfc9110#section-14';

export const WPT = 'wpt fetch/api/cors/';
export const WPT_CANVAS = 'wpt html/semantics/embedded-content/the-canvas-element';

/** Mixed Content (W3C editor's draft: upgradeable content is upgraded or blocked, never loaded over http). */
export const MIXED_CONTENT = 'https://w3c.github.io/webappsec-mixed-content';
export const MIXED_BLOCK_FETCH = `${MIXED_CONTENT}/#should-block-fetch`;
export const MIXED_UPGRADE = `${MIXED_CONTENT}/#upgrade-algorithm`;
export const MIXED_PROHIBITS = `${MIXED_CONTENT}/#categorize-settings-object`;
export const TRUSTWORTHY_URL = 'https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy';
export const REDIRECT_TAINT = `${FETCH}/#concept-http-redirect-fetch (tainted origin flag) and ${ORIGIN_NULL}`;
export const MIXED_UPGRADEABLE = `${MIXED_CONTENT}/#category-upgradeable`;
