// Fixes for an Access-Control-Allow-Origin value that is present but wrong, one per way of getting
// it wrong (acao-value.ts). `{acao}` is replaced with the value the server sent and `{origin}` with
// the Origin the request carried, so each fix quotes what was observed.

import type { AcaoValueCause } from './acao-value.ts';
import type { Fix } from './fixes.ts';

const MAP_NGINX = `map $http_origin $cors_origin { default ""; "{origin}" $http_origin; }
add_header Access-Control-Allow-Origin $cors_origin always;
add_header Vary Origin always;`;
const MAP_APACHE = 'SetEnvIf Origin "^{origin}$" CORS_ORIGIN=$0\nHeader always set Access-Control-Allow-Origin %{CORS_ORIGIN}e env=CORS_ORIGIN\nHeader always merge Vary Origin';
/** The request's Origin, byte for byte: what every "right origin, written wrongly" case needs. */
const EXACT = 'Browsers compare the value with their Origin header byte for byte: send exactly {origin} (the Origin header unchanged), or *.';

export const ACAO_VALUE_FIXES: Record<AcaoValueCause, Fix> = {
  'acao-duplicate': {
    title: 'Access-Control-Allow-Origin sent twice (two layers add it)',
    layer: 'origin',
    generic: 'The answer carried "{acao}": two layers (application, proxy, CDN, or two lines of configuration) each add the header. Keep exactly one.',
    servers: {
      nginx: 'Keep one add_header Access-Control-Allow-Origin in the block; if nginx proxies an application that sends it too, drop the backend\'s copy:\nproxy_hide_header Access-Control-Allow-Origin;   # answer seen: "{acao}"',
      apache: 'Header always set Access-Control-Allow-Origin "*"   # "set" replaces; "add"/"append", or a second Header line, gave "{acao}"',
      varnish: 'unset beresp.http.Access-Control-Allow-Origin;   # in vcl_backend_response before setting your own (answer seen: "{acao}")',
      caddy: 'header Access-Control-Allow-Origin "*"   # once; "header +Access-Control-Allow-Origin" adds a second value ("{acao}")',
    },
  },
  'acao-list': {
    title: 'Access-Control-Allow-Origin lists several origins (browsers accept exactly one, or *)',
    layer: 'origin',
    generic: 'The answer carried "{acao}". A list is never accepted: send the one requesting origin when it is on your list ({origin} here), with Vary: Origin, or *.',
    servers: { nginx: MAP_NGINX + '   # instead of the list "{acao}"', apache: MAP_APACHE + '   # instead of the list "{acao}"' },
  },
  'acao-other-origin': {
    title: 'Access-Control-Allow-Origin names another origin than the viewer\'s',
    layer: 'origin',
    generic: 'The answer carried "{acao}" to a request from {origin}: a fixed origin serves one viewer only. Echo the requesting origin when it is allowed (with Vary: Origin), or send * for public images.',
    servers: { nginx: MAP_NGINX + '   # instead of the fixed "{acao}"', apache: MAP_APACHE + '   # instead of the fixed "{acao}"' },
  },
  'acao-origin-quoted': {
    title: 'Access-Control-Allow-Origin includes quote characters',
    layer: 'origin',
    generic: 'The answer carried {acao}, quotes included: the configuration adds quotes of its own around the value. ' + EXACT,
    servers: {
      nginx: 'add_header Access-Control-Allow-Origin "{origin}" always;   # one pair of quotes, which nginx removes (sent: {acao})',
      apache: 'Header always set Access-Control-Allow-Origin "{origin}"   # one pair of quotes (sent: {acao})',
    },
  },
  'acao-origin-trailing-slash': {
    title: 'Access-Control-Allow-Origin is the origin with a trailing slash',
    layer: 'origin',
    generic: 'The answer carried "{acao}"; an origin has no trailing slash. ' + EXACT,
    servers: {
      nginx: MAP_NGINX + '   # $http_origin as received: no "/" appended (sent: "{acao}")',
      apache: MAP_APACHE + '   # the Origin as received: no "/" appended (sent: "{acao}")',
    },
  },
  'acao-origin-path': {
    title: 'Access-Control-Allow-Origin carries a path (an origin is scheme, host and port only)',
    layer: 'origin',
    generic: 'The answer carried "{acao}", a URL rather than an origin. ' + EXACT,
    servers: { nginx: MAP_NGINX + '   # an origin, not a URL like "{acao}"', apache: MAP_APACHE + '   # an origin, not a URL like "{acao}"' },
  },
  'acao-origin-default-port': {
    title: 'Access-Control-Allow-Origin spells out the default port, which the browser\'s Origin omits',
    layer: 'origin',
    generic: 'The answer carried "{acao}", but the browser sends {origin} (no :80 for http, no :443 for https). ' + EXACT,
    servers: { nginx: MAP_NGINX + '   # list "{origin}", not "{acao}"', apache: MAP_APACHE + '   # list {origin}, not "{acao}"' },
  },
  'acao-origin-case': {
    title: 'Access-Control-Allow-Origin differs from the origin in letter case',
    layer: 'origin',
    generic: 'The answer carried "{acao}"; the browser sent {origin}, and the comparison is case-sensitive. ' + EXACT,
    servers: { nginx: MAP_NGINX + '   # echo $http_origin as received rather than a value typed as "{acao}"', apache: MAP_APACHE + '   # echo the Origin as received rather than "{acao}"' },
  },
  'invalid-acao': {
    title: 'Access-Control-Allow-Origin is neither * nor an origin',
    layer: 'origin',
    generic: 'The answer carried "{acao}", which no browser accepts: send * for public images, or the requesting origin ({origin}) exactly.',
    servers: { nginx: 'add_header Access-Control-Allow-Origin "*" always;   # instead of "{acao}"', apache: 'Header always set Access-Control-Allow-Origin "*"   # instead of "{acao}"' },
  },
};
