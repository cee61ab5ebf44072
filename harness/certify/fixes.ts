// One root cause, one fix per server software: a snippet to paste into the config of the server
// that was detected. Several checks share one cause, so fixes are keyed by cause, not by check.
// A server without its own entry gets the generic text (and `--all-fixes` lists every entry).

import type { Cause } from './evidence.ts';
import { ACAO_VALUE_FIXES } from './fixes-acao.ts';
import { TLS_FIXES } from './fixes-tls.ts';
import { MIXED_CONTENT_FIXES } from './fixes-mixed.ts';

import type { Fix } from './types.ts';
export type { Fix };

const NGINX_ALWAYS = 'add_header Access-Control-Allow-Origin "*" always;';
const APACHE_ALWAYS = 'Header always set Access-Control-Allow-Origin "*"';
const NGINX_OPTIONS = `if ($request_method = OPTIONS) {
    add_header Access-Control-Allow-Origin "*" always;
    add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always;
    add_header Access-Control-Allow-Headers "Accept, Authorization" always;
    add_header Access-Control-Max-Age 7200 always;
    return 204;
}`;
const APACHE_OPTIONS = `Header always set Access-Control-Allow-Headers "Accept, Authorization"
Header always set Access-Control-Allow-Methods "GET, HEAD, OPTIONS"
RewriteEngine On
RewriteCond %{REQUEST_METHOD} OPTIONS
RewriteRule ^ - [R=204,L]`;
const LIGHTTPD_ALL = `server.modules += ("mod_setenv")
setenv.set-response-header = ( "Access-Control-Allow-Origin" => "*",
  "Access-Control-Allow-Headers" => "Accept, Authorization" )`;
const CADDY_ALL = `header Access-Control-Allow-Origin "*"
@preflight method OPTIONS
handle @preflight {
    header Access-Control-Allow-Headers "Accept, Authorization"
    respond 204
}`;
const ALLOWLIST_NGINX = `map $http_origin $cors_origin { default ""; "https://viewer.example.org" $http_origin; }
add_header Access-Control-Allow-Origin $cors_origin always;
add_header Vary Origin always;`;

const ALLOWLIST_APACHE = 'SetEnvIf Origin "^https://viewer\\.example\\.org$" CORS_ORIGIN=$0\nHeader always set Access-Control-Allow-Origin %{CORS_ORIGIN}e env=CORS_ORIGIN\nHeader always merge Vary Origin';

/** A cause certify knows (a report read back from JSON carries plain strings). */
export const isCause = (c: string): c is Cause => Object.hasOwn(FIXES, c);

export const FIXES: Record<Cause, Fix> = {
  'no-acao': {
    title: 'No Access-Control-Allow-Origin at all',
    layer: 'origin',
    generic: 'Send "Access-Control-Allow-Origin: *" on every response of the image service: info.json, tiles, errors.',
    servers: {
      nginx: `${NGINX_ALWAYS}   # in the server block serving /iiif/`,
      apache: `${APACHE_ALWAYS}   # vhost or <Directory>, needs mod_headers`,
      lighttpd: LIGHTTPD_ALL,
      caddy: CADDY_ALL,
      iipsrv: 'Set CORS="*" in iipsrv\'s environment (FastCGI: setenv / FcgidInitialEnv CORS "*"), and add the header in the web server in front for its own errors.',
      cantaloupe: 'Cantaloupe sends ACAO itself: a proxy in front strips it (proxy_hide_header / Header unset).',
      s3: 'Bucket CORS configuration: [{"AllowedOrigins":["*"],"AllowedMethods":["GET","HEAD"],"AllowedHeaders":["*"]}]',
      cloudfront: 'Attach the managed response headers policy "SimpleCORS" to the IIIF behaviour.',
      varnish: 'sub vcl_deliver { set resp.http.Access-Control-Allow-Origin = "*"; }',
    },
  },
  'no-acao-on-images': {
    title: 'Access-Control-Allow-Origin on info.json but not on images (CORS configured in one location only)',
    layer: 'origin',
    generic: 'Send the same Access-Control-Allow-Origin on image responses (tiles, sizes, errors under the image paths) as on info.json.',
    servers: {
      nginx: `${NGINX_ALWAYS}   # move it up to the server block (or the location serving the image paths too); a nested location with its own add_header drops inherited ones`,
      apache: `${APACHE_ALWAYS}   # in the <Directory>/<Location> covering the image paths, not a <Files "info.json"> only`,
      lighttpd: LIGHTTPD_ALL + '   # outside the $HTTP["url"] condition that matches info.json only',
      caddy: 'header Access-Control-Allow-Origin "*"   # in the site block, not a matcher for *.json only',
      iipsrv: 'Set CORS="*" in iipsrv\'s environment: images come from iipsrv, not from the web server\'s static config.',
      s3: 'The bucket CORS rule must cover the image keys (no prefix filter on AllowedOrigins rules).',
      cloudfront: 'Attach the CORS response headers policy to the behaviour serving images, not only to *.json.',
    },
  },
  'no-acao-on-json': {
    title: 'Access-Control-Allow-Origin on images but not on info.json',
    layer: 'origin',
    generic: 'Send Access-Control-Allow-Origin on info.json (and manifests) too.',
    servers: {
      nginx: `${NGINX_ALWAYS}   # in the location that serves info.json`,
      apache: `${APACHE_ALWAYS}   # also for info.json (check <FilesMatch> scopes)`,
      lighttpd: LIGHTTPD_ALL,
      caddy: 'header Access-Control-Allow-Origin "*"   # for every path, not only images',
      cloudfront: 'Attach the CORS response headers policy to the behaviour serving *.json.',
    },
  },
  'errors-without-acao': {
    title: 'Error responses (4xx/5xx) lack Access-Control-Allow-Origin',
    layer: 'origin',
    generic: 'Add Access-Control-Allow-Origin to error responses too, so viewers can read why a request failed (IIIF Image API: CORS on all responses).',
    servers: {
      nginx: `${NGINX_ALWAYS}   # "always": without it nginx adds headers to 2xx/3xx only`,
      apache: `${APACHE_ALWAYS}   # "always": plain "Header set" skips error responses`,
      lighttpd: LIGHTTPD_ALL + '   # mod_setenv headers also reach lighttpd\'s own error pages',
      caddy: 'handle_errors {\n    header Access-Control-Allow-Origin "*"\n    respond "{err.status_code} {err.status_text}" {err.status_code}\n}',
      iipsrv: 'Errors of the web server in front (404 for unknown paths) need the header there: nginx "always", Apache "Header always set".',
      cloudfront: 'Custom error responses replace headers: attach the CORS response headers policy, avoid custom error pages for /iiif/.',
      varnish: 'sub vcl_backend_error { set beresp.http.Access-Control-Allow-Origin = "*"; }  and the same in vcl_synth',
    },
  },
  'redirects-without-acao': {
    title: 'Redirects lack Access-Control-Allow-Origin',
    layer: 'origin',
    generic: 'Add Access-Control-Allow-Origin to 3xx responses (base URI → info.json, http → https), or publish the final URL.',
    servers: {
      nginx: `${NGINX_ALWAYS}   # in the block that does "return 30x"`,
      apache: `${APACHE_ALWAYS}   # "always" reaches Redirect / RewriteRule [R] responses`,
      lighttpd: LIGHTTPD_ALL,
      caddy: 'header Access-Control-Allow-Origin "*"   # before the redir directive (header applies to every response)',
    },
  },
  'preflight-not-answered': {
    title: 'Preflight (OPTIONS) not answered with 2xx',
    layer: 'origin',
    generic: 'Answer OPTIONS carrying Access-Control-Request-Method with 204, ACAO, Access-Control-Allow-Methods and Access-Control-Allow-Headers (Accept, Authorization).',
    servers: {
      nginx: NGINX_OPTIONS + '   # inside location /iiif/',
      apache: APACHE_OPTIONS,
      lighttpd: `$HTTP["request-method"] == "OPTIONS" { setenv.set-response-header += ( "Access-Control-Allow-Headers" => "Accept, Authorization" ) }
# and answer OPTIONS before the FastCGI/static handler (lighttpd >= 1.4.60 answers OPTIONS for static files itself)`,
      caddy: CADDY_ALL,
      iipsrv: 'iipsrv does not answer OPTIONS: answer preflights in the web server in front.',
      cantaloupe: 'Cantaloupe answers OPTIONS itself: the proxy or WAF in front blocks it; let OPTIONS through.',
      s3: 'Bucket CORS rule: AllowedMethods ["GET","HEAD"], AllowedHeaders ["*"] (S3 answers OPTIONS from the rule).',
      cloudfront: 'Behaviour: Allowed HTTP methods GET, HEAD, OPTIONS; cache OPTIONS; forward the Access-Control-Request-* headers.',
      varnish: 'if (req.method == "OPTIONS") { return (pass); }   # in vcl_recv, so OPTIONS reaches the backend',
    },
  },
  'preflight-without-acao': {
    title: 'Preflight answered without Access-Control-Allow-Origin',
    layer: 'origin',
    generic: 'The OPTIONS answer needs Access-Control-Allow-Origin too.',
    servers: { nginx: NGINX_OPTIONS, apache: APACHE_OPTIONS, lighttpd: LIGHTTPD_ALL, caddy: CADDY_ALL },
  },
  'preflight-allow-headers': {
    title: 'Preflight does not allow the headers viewers send (Accept with the IIIF profile, Authorization)',
    layer: 'origin',
    generic: 'List them in Access-Control-Allow-Headers on the OPTIONS answer: "Accept, Authorization".',
    servers: {
      nginx: 'add_header Access-Control-Allow-Headers "Accept, Authorization" always;   # in the OPTIONS answer',
      apache: 'Header always set Access-Control-Allow-Headers "Accept, Authorization"',
      lighttpd: 'setenv.set-response-header += ( "Access-Control-Allow-Headers" => "Accept, Authorization" )',
      caddy: 'header Access-Control-Allow-Headers "Accept, Authorization"',
      cantaloupe: 'Cantaloupe does not list Authorization (cantaloupe-project/cantaloupe#574): answer the preflight in the proxy.',
      s3: 'Bucket CORS rule: AllowedHeaders ["Accept","Authorization"] (or ["*"]).',
    },
  },
  ...ACAO_VALUE_FIXES,
  ...TLS_FIXES,
  ...MIXED_CONTENT_FIXES,
  'echo-without-vary': {
    title: 'The Origin is echoed without Vary: Origin (caches serve one origin\'s answer to another)',
    layer: 'cache',
    generic: 'Add Vary: Origin wherever ACAO echoes the request Origin, or send a constant ACAO: *.',
    servers: {
      nginx: 'add_header Vary Origin always;',
      apache: 'Header always merge Vary Origin',
      lighttpd: 'setenv.add-response-header += ( "Vary" => "Origin" )',
      caddy: 'header Vary Origin',
      varnish: 'sub vcl_hash { hash_data(req.http.Origin); }   # or have the backend send Vary: Origin',
      cloudfront: 'Include Origin in the cache policy\'s cache key and forward it (Managed-CORS-S3Origin).',
      cloudflare: 'Cloudflare ignores Vary: Origin for caching: send ACAO * or bypass cache for CORS requests.',
      fastly: 'Add Vary: Origin in vcl_fetch, or ACAO * instead of echoing.',
    },
  },
  'acao-only-with-origin': {
    title: 'ACAO sent only when the request has an Origin, without Vary: Origin (cache poisoning)',
    layer: 'cache',
    generic: 'Send the same ACAO with or without Origin, or Vary: Origin.',
    servers: {
      nginx: `${NGINX_ALWAYS}   # unconditionally, instead of a map on $http_origin (or add_header Vary Origin always;)`,
      apache: `${APACHE_ALWAYS}   # unconditionally (or Header always merge Vary Origin)`,
      varnish: 'sub vcl_hash { hash_data(req.http.Origin); }',
      s3: 'S3 omits CORS headers without Origin: add Origin to the CloudFront cache key, or a response headers policy that always adds ACAO.',
      cloudfront: 'Add Origin to the cache key (cache policy) or attach a response headers policy that always sends ACAO.',
    },
  },
  'any-origin-with-credentials': {
    title: 'Any Origin is echoed with Access-Control-Allow-Credentials: true (security)',
    layer: 'origin',
    generic: 'Echo only origins on an exact allowlist when credentials are involved; public images need ACAO * without credentials.',
    servers: { nginx: ALLOWLIST_NGINX, apache: ALLOWLIST_APACHE },
  },
  'wildcard-with-credentials': {
    title: 'ACAO * together with Access-Control-Allow-Credentials: true',
    layer: 'origin',
    generic: 'Drop Access-Control-Allow-Credentials (public images need none), or echo an allowlisted origin.',
    servers: { nginx: ALLOWLIST_NGINX },
  },
  'null-origin-trusted': { title: 'Origin "null" is trusted (security)', layer: 'origin', generic: 'Remove "null" from the origin allowlist: sandboxed iframes and file: pages all send it.', servers: {} },
  'loose-origin-match': {
    title: 'Origin allowlist matches look-alikes (prefix, suffix, dot, scheme) (security)',
    layer: 'origin',
    generic: 'Compare origins exactly; anchor and escape regexes: "^https://(www\\.)?example\\.org$".',
    servers: { nginx: 'map $http_origin $cors_origin { default ""; "~^https://(www\\.)?example\\.org$" $http_origin; }' },
  },
  'authorization-via-wildcard': {
    title: 'Authorization allowed only through Access-Control-Allow-Headers: * (Fetch says * does not cover it)',
    layer: 'origin',
    generic: 'Name Authorization explicitly: Access-Control-Allow-Headers: Authorization, *',
    servers: { nginx: 'add_header Access-Control-Allow-Headers "Authorization, *" always;', apache: 'Header always set Access-Control-Allow-Headers "Authorization, *"' },
  },
  'origin-reflected': {
    title: 'Any Origin is echoed (no credentials, so public data only)',
    layer: 'origin',
    generic: 'Harmless without credentials; send ACAO * instead, which caches better.',
    servers: {},
  },
  'origin-not-allowed': {
    title: 'The server allows only listed origins, and this viewer origin is not one of them',
    layer: 'origin',
    generic:
      'If viewers on any site may show these images (public IIIF content), send "Access-Control-Allow-Origin: *". If the allow-list is meant, ' +
      'certify from your viewer (npm run certify -- <url> --viewer-origin https://your-viewer.example), and list every viewer origin that must work.',
    servers: { nginx: ALLOWLIST_NGINX, apache: ALLOWLIST_APACHE },
  },
  'browser-only': {
    title: 'The browser was refused, but Node got a correct CORS response for the same request (intermittent headers, or a cached response)',
    layer: 'cache',
    generic: 'Look for a cache or load balancer serving some responses without CORS headers: make every backend and cache entry carry them.',
    servers: { varnish: 'sub vcl_hash { hash_data(req.http.Origin); }   # if the backend answers per Origin' },
  },
};
