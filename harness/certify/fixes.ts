// What to change on the server for each kind of failure, per server software. Several checks share
// one underlying mistake, so fixes are keyed by problem, not by check.

export const SERVERS = ['nginx', 'apache', 'cantaloupe', 'iipimage', 's3-cloudfront', 'generic'] as const;
export type Server = (typeof SERVERS)[number];

export type Problem =
  | 'acao-missing'
  | 'acao-missing-on-errors'
  | 'acao-missing-on-redirects'
  | 'preflight'
  | 'authorization-not-allowed'
  | 'authorization-wildcard'
  | 'vary-origin'
  | 'duplicate-acao'
  | 'wildcard-with-credentials'
  | 'origin-reflected'
  | 'null-origin'
  | 'loose-origin-match'
  | 'cache-poisoning';

const ALWAYS_NGINX = 'add_header Access-Control-Allow-Origin "*" always;';
const ALWAYS_APACHE = 'Header always set Access-Control-Allow-Origin "*"';
const PREFLIGHT_NGINX =
  'if ($request_method = OPTIONS) { add_header Access-Control-Allow-Origin "*" always; add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always; ' +
  'add_header Access-Control-Allow-Headers "Accept, Authorization, Range" always; add_header Access-Control-Max-Age 7200 always; return 204; }';
const PREFLIGHT_APACHE =
  'Header always set Access-Control-Allow-Methods "GET, HEAD, OPTIONS" / Header always set Access-Control-Allow-Headers "Accept, Authorization, Range" / ' +
  'RewriteEngine On / RewriteCond %{REQUEST_METHOD} OPTIONS / RewriteRule ^ - [R=204,L]';
const ALLOWLIST_NGINX =
  'map $http_origin $cors_origin { default ""; "https://viewer.example.org" $http_origin; } then add_header Access-Control-Allow-Origin $cors_origin always; add_header Vary Origin always;';
const ALLOWLIST_APACHE =
  'SetEnvIf Origin "^https://viewer\\.example\\.org$" CORS_ORIGIN=$0 / Header always set Access-Control-Allow-Origin %{CORS_ORIGIN}e env=CORS_ORIGIN / Header always merge Vary Origin';

export const FIXES: Record<Problem, { summary: string } & Record<Server, string>> = {
  'acao-missing': {
    summary: 'Send Access-Control-Allow-Origin on every response: JSON and images alike.',
    nginx: `${ALWAYS_NGINX} in the location (or server) block that serves info.json and images.`,
    apache: `${ALWAYS_APACHE} in the vhost or <Location> serving the IIIF paths (mod_headers).`,
    cantaloupe: 'Cantaloupe sends "Access-Control-Allow-Origin: *" itself; if it is missing, the proxy in front strips it (look for proxy_hide_header / Header unset) or caches responses made without it.',
    iipimage: 'Set the CORS variable for iipsrv (e.g. FcgidInitialEnv CORS "*" or CORS=* in the service environment) and use an iipsrv recent enough to send it on every region/size request.',
    's3-cloudfront': 'Add a bucket CORS rule (AllowedOrigins ["*"], AllowedMethods GET/HEAD) and attach a CloudFront response headers policy with CORS (e.g. Managed-SimpleCORS) to the IIIF behaviours.',
    generic: 'Add "Access-Control-Allow-Origin: *" to every response of the image service, manifests and tiles included.',
  },
  'acao-missing-on-errors': {
    summary: 'Error responses (4xx/5xx) need Access-Control-Allow-Origin too, or viewers cannot read why a request failed.',
    nginx: `Use "always": ${ALWAYS_NGINX} — without it nginx adds headers only to 2xx/3xx responses.`,
    apache: `Use "always": ${ALWAYS_APACHE} — plain "Header set" skips error responses.`,
    cantaloupe: 'Cantaloupe adds ACAO to its own error responses; a custom error page or a proxy (nginx without "always", Apache "Header set") is dropping it.',
    iipimage: 'Errors come from the web server in front of iipsrv: add the header there with nginx "always" or Apache "Header always set".',
    's3-cloudfront': 'CloudFront error pages: attach the CORS response headers policy to the behaviour and avoid custom error responses that replace headers.',
    generic: 'Add Access-Control-Allow-Origin to error responses as well as successful ones (IIIF Image API §7.1: CORS on all responses).',
  },
  'acao-missing-on-redirects': {
    summary: 'Redirects (base URI → info.json, http → https, canonical URIs) need Access-Control-Allow-Origin on the 3xx itself.',
    nginx: `Use "always" on the block that issues the redirect: ${ALWAYS_NGINX} (a "return 30x" in a server block needs its own add_header ... always).`,
    apache: `${ALWAYS_APACHE} — "always" is what applies it to redirect responses (Redirect / RewriteRule [R]).`,
    cantaloupe: 'Cantaloupe redirects carry ACAO; a redirect added by the proxy (http → https, trailing slash) needs the header added there.',
    iipimage: 'Redirects are issued by the web server in front: add the header with nginx "always" / Apache "Header always set" on the redirecting block.',
    's3-cloudfront': 'A CloudFront function or S3 website redirect must add Access-Control-Allow-Origin to its response; or avoid the redirect by linking the final URL.',
    generic: 'Add Access-Control-Allow-Origin to 3xx responses, or avoid the redirect by publishing the canonical URL.',
  },
  preflight: {
    summary: 'Answer CORS preflights: OPTIONS with 200/204, ACAO, and Allow-Methods/Allow-Headers covering what viewers send (Accept with the IIIF profile, Authorization).',
    nginx: PREFLIGHT_NGINX,
    apache: PREFLIGHT_APACHE,
    cantaloupe: 'Cantaloupe answers OPTIONS itself; if preflights fail, the proxy or WAF in front blocks OPTIONS (403/405) — let OPTIONS through to Cantaloupe or answer it at the proxy.',
    iipimage: 'iipsrv does not answer OPTIONS: answer preflights in the web server in front (see the nginx/Apache fixes).',
    's3-cloudfront': 'Allow OPTIONS in the CloudFront behaviour (Allowed HTTP methods: GET, HEAD, OPTIONS), cache OPTIONS, and list AllowedHeaders ["*"] or the headers needed in the bucket CORS rule.',
    generic: 'Respond to OPTIONS carrying Access-Control-Request-Method with 204, ACAO, Access-Control-Allow-Methods and Access-Control-Allow-Headers.',
  },
  'authorization-not-allowed': {
    summary: 'IIIF Authorization Flow 2.0 probes send Authorization: Bearer; the preflight must allow it.',
    nginx: 'add_header Access-Control-Allow-Headers "Authorization, Accept" always; (in the OPTIONS answer)',
    apache: 'Header always set Access-Control-Allow-Headers "Authorization, Accept"',
    cantaloupe: 'Cantaloupe does not list Authorization in its preflight (cantaloupe-project/cantaloupe#574): answer OPTIONS for the probe path in the proxy with Access-Control-Allow-Headers: Authorization.',
    iipimage: 'Answer OPTIONS in the web server with Access-Control-Allow-Headers: Authorization.',
    's3-cloudfront': 'Bucket CORS rule: AllowedHeaders ["Authorization"]; CloudFront: forward Authorization in the origin request policy for the probe path.',
    generic: 'List Authorization in Access-Control-Allow-Headers on the preflight response.',
  },
  'authorization-wildcard': {
    summary: 'The preflight relies on Access-Control-Allow-Headers: * for Authorization; the Fetch standard says * does not cover Authorization (browsers still accept it today: whatwg/fetch#1919).',
    nginx: 'add_header Access-Control-Allow-Headers "Authorization, *" always;',
    apache: 'Header always set Access-Control-Allow-Headers "Authorization, *"',
    cantaloupe: 'Answer the probe preflight in the proxy with Access-Control-Allow-Headers: Authorization.',
    iipimage: 'Answer OPTIONS in the web server with Access-Control-Allow-Headers: Authorization.',
    's3-cloudfront': 'Bucket CORS rule: AllowedHeaders ["Authorization", "*"].',
    generic: 'Name Authorization explicitly in Access-Control-Allow-Headers (keep * for the rest if you like).',
  },
  'vary-origin': {
    summary: 'When the response echoes the request Origin, it must say Vary: Origin, or caches serve one origin\'s answer to another.',
    nginx: 'add_header Vary Origin always;',
    apache: 'Header always merge Vary Origin',
    cantaloupe: 'Send ACAO * (Cantaloupe\'s default) instead of echoing; if a proxy echoes origins, make it add Vary: Origin.',
    iipimage: 'Set CORS to * rather than echoing, or add Vary: Origin in the web server.',
    's3-cloudfront': 'Include the Origin header in the CloudFront cache key (cache policy) and forward it (origin request policy, e.g. Managed-CORS-S3Origin).',
    generic: 'Add Vary: Origin to every response whose ACAO depends on the request Origin, or send a constant ACAO: *.',
  },
  'duplicate-acao': {
    summary: 'Exactly one Access-Control-Allow-Origin value: two layers (app + proxy) each adding it gives "*, *", which browsers reject.',
    nginx: 'proxy_hide_header Access-Control-Allow-Origin; before your own add_header (or drop nginx\'s add_header and keep the app\'s).',
    apache: 'Use "Header always set" (replaces) rather than "Header always add", or "Header always unset Access-Control-Allow-Origin" before setting it.',
    cantaloupe: 'Cantaloupe already sends ACAO *: remove the header from the proxy config (cantaloupe-project/cantaloupe#416).',
    iipimage: 'Set the header either with iipsrv\'s CORS variable or in the web server, not both.',
    's3-cloudfront': 'Do not add ACAO in a response headers policy when the origin already sends it, or enable "origin override" in the policy.',
    generic: 'Make sure only one layer (app, proxy, CDN) adds Access-Control-Allow-Origin, with a single value.',
  },
  'wildcard-with-credentials': {
    summary: 'Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true breaks every credentialed request.',
    nginx: `Either drop Access-Control-Allow-Credentials (public images need none) or echo an allowlisted origin: ${ALLOWLIST_NGINX}`,
    apache: `Either drop Access-Control-Allow-Credentials or echo an allowlisted origin: ${ALLOWLIST_APACHE}`,
    cantaloupe: 'Remove Access-Control-Allow-Credentials added by the proxy, or echo allowlisted origins there.',
    iipimage: 'Remove Access-Control-Allow-Credentials in the web server, or echo allowlisted origins.',
    's3-cloudfront': 'In the response headers policy, turn off "Access-Control-Allow-Credentials" or list explicit origins.',
    generic: 'Use ACAO * without credentials, or an exact allowlisted origin (+ Vary: Origin) with credentials.',
  },
  'origin-reflected': {
    summary: 'Any Origin is echoed back. Harmless for public images without credentials; with Access-Control-Allow-Credentials: true any site can read authenticated responses.',
    nginx: ALLOWLIST_NGINX,
    apache: ALLOWLIST_APACHE,
    cantaloupe: 'Do not echo $http_origin in the proxy; Cantaloupe\'s own ACAO * is fine for public images.',
    iipimage: 'Set CORS to * for public images; echo only allowlisted origins where credentials are needed.',
    's3-cloudfront': 'List explicit AllowedOrigins in the bucket CORS rule / response headers policy when credentials are involved.',
    generic: 'Echo only origins on an exact allowlist; never echo arbitrary origins together with ACAC: true.',
  },
  'null-origin': {
    summary: 'Origin: null is trusted. Sandboxed iframes, file: pages and cross-origin redirects all send null, so anyone can be "null".',
    nginx: 'Remove "null" from the allowlist map.',
    apache: 'Remove "null" from the SetEnvIf allowlist.',
    cantaloupe: 'Remove "null" from the proxy\'s allowlist.',
    iipimage: 'Remove "null" from the web server\'s allowlist.',
    's3-cloudfront': 'Remove "null" from AllowedOrigins.',
    generic: 'Never treat the origin "null" as trusted.',
  },
  'loose-origin-match': {
    summary: 'The origin allowlist matches too loosely (prefix, suffix, unescaped dot, or http for https), so attacker-registered names pass.',
    nginx: 'Anchor and escape the map regexes: "~^https://(www\\.)?example\\.org$" — never an unanchored or unescaped pattern.',
    apache: 'Anchor and escape SetEnvIf patterns: "^https://(www\\.)?example\\.org$".',
    cantaloupe: 'Fix the allowlist regex in the proxy: anchored, dots escaped, https only.',
    iipimage: 'Fix the allowlist regex in the web server: anchored, dots escaped, https only.',
    's3-cloudfront': 'List exact origins (AllowedOrigins) rather than wildcards like "https://*example.org".',
    generic: 'Compare origins for exact equality against a list (scheme, host and port), not with substring or unanchored regex matches.',
  },
  'cache-poisoning': {
    summary: 'ACAO is sent only when the request has an Origin header, without Vary: Origin: a tile first loaded by a plain <img> is cached without ACAO and then fails for crossorigin/WebGL viewers.',
    nginx: `Send ACAO unconditionally (${ALWAYS_NGINX}) or add "add_header Vary Origin always;" next to the conditional header.`,
    apache: `Send it unconditionally (${ALWAYS_APACHE}) or add "Header always merge Vary Origin".`,
    cantaloupe: 'Cantaloupe sends ACAO unconditionally; a cache or proxy keyed without Origin is serving stored responses: add Vary: Origin there.',
    iipimage: 'Set the header unconditionally in the web server, or add Vary: Origin.',
    's3-cloudfront': 'S3 omits CORS headers when no Origin is sent: add Origin to the CloudFront cache key (or a response headers policy that always adds ACAO).',
    generic: 'Send the same Access-Control-Allow-Origin whether or not the request carries Origin, or Vary: Origin.',
  },
};
