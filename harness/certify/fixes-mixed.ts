// Fixes for mixed content (mixed-content.ts): the browser refuses the http URL before CORS is
// checked, so the fix is https, never a header. `{url}` is the http URL seen and `{from}` the https
// URL that redirected to it, so each fix quotes what was observed.

import type { MixedContentCause } from './mixed-content.ts';
import type { Fix } from './types.ts';

export const MIXED_CONTENT_FIXES: Record<MixedContentCause, Fix> = {
  'mixed-content': {
    title: 'Mixed content: an https viewer cannot load http images or info.json (blocked before CORS is checked)',
    layer: 'origin',
    generic:
      'Serve the image service over https and give https URLs wherever viewers read them: info.json\'s id (tiles are built from it) and manifests\' service ids ({url} is http). ' +
      'Behind a proxy that terminates TLS, tell the image server the public scheme (X-Forwarded-Proto: https) so the ids it writes are https. No CORS header can fix this: the browser refuses the http request itself.',
    servers: {
      nginx:
        'listen 443 ssl;   # with ssl_certificate / ssl_certificate_key: serve the host of {url} over https\n' +
        'proxy_set_header X-Forwarded-Proto $scheme;   # if nginx proxies an image server: it then writes https ids\n' +
        '# static trees (vips dzsave --id): the id in every info.json must start with https://',
      apache:
        '<VirtualHost *:443>   # SSLEngine on, SSLCertificateFile, SSLCertificateKeyFile: serve the host of {url} over https\n' +
        'RequestHeader set X-Forwarded-Proto "https"   # if Apache proxies an image server: it then writes https ids\n' +
        '# static trees: the id in every info.json must start with https://',
      caddy: 'Give the site its https name (Caddy then serves it over https) instead of http://…: {url} is http. Static trees: the id in every info.json must start with https://',
      cantaloupe: 'Serve Cantaloupe over https, or set base_uri to the https URL in cantaloupe.properties (or send X-Forwarded-Proto: https from the proxy), so its ids are https ({url} is http).',
    },
  },
  'mixed-content-redirect': {
    title: 'An https URL redirects to http (the http hop is blocked as mixed content, before CORS is checked)',
    layer: 'origin',
    generic:
      '{from} redirects to {url}: keep the redirect on https (a relative Location, or one built from the public scheme). ' +
      'Behind a proxy that terminates TLS, the server behind it must know the request was https (X-Forwarded-Proto), or it writes http:// into Location.',
    servers: {
      nginx: 'absolute_redirect off;   # nginx\'s own redirects keep a relative Location, so {from} stays on https\nproxy_redirect http:// https://;   # if the http:// Location ({url}) comes from a proxied server',
      apache: 'RequestHeader set X-Forwarded-Proto "https"   # in the https vhost: the proxied server then redirects {from} to https, not to {url}\n# and every Redirect / RewriteRule [R] target: https://… or a path',
      caddy: 'redir with a path (or an https:// URL), not http://…: {from} redirects to {url}',
      cantaloupe: 'Set base_uri to the https URL (or send X-Forwarded-Proto: https from the proxy): Cantaloupe builds its redirects ({from} → {url}) from it.',
    },
  },
};
