// The real-server corpus: servers nobody here wrote (Debian's nginx, Apache, Caddy, Varnish, lighttpd
// with iipsrv), serving level-0 trees cut by libvips and iipsrv's dynamic service, correct and broken
// the ways people really break them, and nginx sending each malformed Access-Control-Allow-Origin.
// Each row's expected root causes were written from its configuration alone, before running.
// certify-real-servers.test.ts and certify-acao-real.test.ts judge the diagnoses in every engine;
// certify-no-stack.test.ts feeds every row to the CLI and checks that none ends in a stack trace.

import type { AcaoValueCause } from '../../harness/certify/acao-value.ts';
import type { Cause } from '../../harness/certify/evidence.ts';
import { APACHE_BASE, NGINX_BASE, nginxOptions, startApache, startCaddy, startLighttpdIipsrv, startNginx, startVarnish } from './real-server-configs.ts';
import type { Daemon } from './real-servers.ts';

const CADDY_BASE = '  @base path_regexp base ^/iiif/(v[23])/([^/]+)$\n  redir @base /iiif/{re.base.1}/{re.base.2}/info.json 303';
const CADDY_PREFLIGHT = '  @preflight method OPTIONS\n  handle @preflight {\n    header Access-Control-Allow-Headers "Accept, Authorization"\n    respond 204\n  }';

export interface Row {
  name: string;
  /** Paths certified on this server (level-0 v3 and v2 trees, or iipsrv's image). */
  paths: string[];
  start: (dir: string, trees: string, tiffDir: string) => Promise<Daemon[]>;
  /** Root causes certify must name (exactly these), written from the configuration. */
  expected: Cause[];
}

const LEVEL0 = ['/iiif/v3/img/info.json', '/iiif/v2/img/info.json'];

export const REAL_SERVERS: Row[] = [
  {
    name: 'nginx: add_header always, OPTIONS answered 204',
    paths: LEVEL0,
    start: async (dir, trees) => [await startNginx(dir, trees, { server: NGINX_BASE, iiif: `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;` })],
    expected: [],
  },
  {
    name: 'nginx: add_header without always (404s lack ACAO)',
    paths: LEVEL0,
    start: async (dir, trees) => [await startNginx(dir, trees, { server: NGINX_BASE, iiif: `${nginxOptions('')}\n      add_header Access-Control-Allow-Origin "*";` })],
    expected: ['errors-without-acao'],
  },
  {
    name: 'nginx: always, OPTIONS not handled (static module answers 405)',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => [await startNginx(dir, trees, { server: NGINX_BASE, iiif: '      add_header Access-Control-Allow-Origin "*" always;' })],
    expected: ['preflight-not-answered'],
  },
  {
    name: 'nginx: CORS in the info.json location only',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => [
      await startNginx(dir, trees, { server: `${NGINX_BASE}\n    location ~ /info\\.json$ {\n${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;\n    }` }),
    ],
    expected: ['no-acao-on-images'],
  },
  {
    name: 'Apache: Header always set, OPTIONS answered 204 by mod_rewrite',
    paths: LEVEL0,
    start: async (dir, trees) => [
      await startApache(
        dir,
        trees,
        `${APACHE_BASE}\nHeader always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Headers "Accept, Authorization"\nHeader always set Access-Control-Allow-Methods "GET, HEAD, OPTIONS"\nRewriteEngine On\nRewriteCond %{REQUEST_METHOD} OPTIONS\nRewriteRule ^ - [R=204,L]`,
      ),
    ],
    expected: [],
  },
  {
    name: 'Apache: Header set without always (errors and redirects lack ACAO)',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => [await startApache(dir, trees, `${APACHE_BASE}\nHeader set Access-Control-Allow-Origin "*"\nHeader set Access-Control-Allow-Headers "Accept, Authorization"`)],
    expected: ['errors-without-acao', 'redirects-without-acao'],
  },
  {
    name: 'Apache: Header always set ACAO only, no Allow-Headers',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => [await startApache(dir, trees, `${APACHE_BASE}\nHeader always set Access-Control-Allow-Origin "*"`)],
    expected: ['preflight-allow-headers'],
  },
  {
    name: 'Caddy: header ACAO *, OPTIONS answered 204',
    paths: LEVEL0,
    start: async (dir, trees) => [await startCaddy(dir, trees, `  header Access-Control-Allow-Origin "*"\n${CADDY_BASE}\n${CADDY_PREFLIGHT}`)],
    expected: [],
  },
  {
    name: 'Caddy: header ACAO *, OPTIONS not handled (file_server answers OPTIONS like GET)',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => [await startCaddy(dir, trees, `  header Access-Control-Allow-Origin "*"\n${CADDY_BASE}`)],
    // Changed after observing: written as preflight-not-answered, on the belief that file_server
    // answers OPTIONS 405. Debian's Caddy 2.6.2 file_server answers any method 200 with the file
    // (`curl -X OPTIONS` shows 200 + ACAO *), so the preflight fails only for want of
    // Access-Control-Allow-Headers: the same diagnosis as Apache's ACAO-only row.
    expected: ['preflight-allow-headers'],
  },
  {
    name: 'Varnish in front of a correct nginx',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => {
      const nginx = await startNginx(dir, trees, { server: NGINX_BASE, iiif: `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;` });
      return [await startVarnish(dir, nginx, ''), nginx];
    },
    expected: [],
  },
  {
    name: 'Varnish caching an nginx that echoes allowed origins without Vary',
    paths: ['/iiif/v3/img/info.json'],
    start: async (dir, trees) => {
      const map = `  map $http_origin $cors_origin { default ""; "~^http://127\\.0\\.0\\.1:[0-9]+$" $http_origin; }`;
      const echo = `      add_header Access-Control-Allow-Origin $cors_origin always;`;
      // absolute_redirect off: behind a cache nginx would otherwise redirect to its own port, a
      // cross-origin hop (Origin: null) that this allowlist rightly refuses; not the mistake under test.
      const nginx = await startNginx(dir, trees, { http: map, server: `    absolute_redirect off;\n${NGINX_BASE}`, iiif: `${nginxOptions(' always')}\n${echo}` });
      return [await startVarnish(dir, nginx, ''), nginx];
    },
    expected: ['echo-without-vary'],
  },
  {
    name: 'lighttpd + iipsrv: mod_setenv sets ACAO and Allow-Headers on every response',
    paths: ['/iiif/img.tif/info.json'],
    start: async (dir, _trees, tiffDir) => [
      await startLighttpdIipsrv(dir, tiffDir, 'setenv.set-response-header = ( "Access-Control-Allow-Origin" => "*", "Access-Control-Allow-Headers" => "Accept, Authorization", "Access-Control-Allow-Methods" => "GET, HEAD, OPTIONS" )'),
    ],
    expected: [],
  },
  {
    name: 'lighttpd + iipsrv: no CORS configuration at all',
    paths: ['/iiif/img.tif/info.json'],
    start: async (dir, _trees, tiffDir) => [await startLighttpdIipsrv(dir, tiffDir, '')],
    expected: ['no-acao'],
  },
];

// ---- malformed Access-Control-Allow-Origin values (certify-acao-real.test.ts) ----

/**
 * `acao` is the nginx value (a quoted string) of every ACAO line, on OPTIONS answers too. Every row
 * also sends Vary: Origin, so a value built from $http_origin is not an echo without Vary as well:
 * each row has the one mistake under test.
 */
const everywhere = (acaoLines: string[]) => {
  const lines = (indent: string) => [...acaoLines.map((a) => `${indent}add_header Access-Control-Allow-Origin ${a} always;`), `${indent}add_header Vary Origin always;`].join('\n');
  return `      if ($request_method = OPTIONS) {\n${lines('        ')}\n        add_header Access-Control-Allow-Headers "Accept, Authorization" always;\n        return 204;\n      }\n${lines('      ')}`;
};

export interface AcaoRow {
  cause: AcaoValueCause;
  /** nginx `http`-level lines (maps). */
  http?: string;
  acao: string[];
  /** The header value certify will see, from the configuration. */
  sends: string;
  /** Run from this --viewer-origin (default port cases need an origin without a port). */
  viewerOrigin?: string;
}

export const ACAO_ROWS: AcaoRow[] = [
  { cause: 'acao-duplicate', acao: ['"*"', '"*"'], sends: '*, *' },
  { cause: 'acao-list', acao: ['"$http_origin, https://other-viewer.example.org"'], sends: '{origin}, https://other-viewer.example.org' },
  { cause: 'acao-other-origin', acao: ['"https://other-viewer.example.org"'], sends: 'https://other-viewer.example.org' },
  { cause: 'acao-origin-trailing-slash', acao: ['"$http_origin/"'], sends: '{origin}/' },
  { cause: 'acao-origin-path', acao: ['"$http_origin/iiif/"'], sends: '{origin}/iiif/' },
  { cause: 'acao-origin-quoted', acao: [`'"$http_origin"'`], sends: '"{origin}"' },
  {
    cause: 'acao-origin-case',
    http: '  map $http_origin $shouted { default ""; "~^http://(?<rest>.*)$" "HTTP://$rest"; }',
    acao: ['"$shouted"'],
    sends: 'HTTP://{rest}',
  },
  { cause: 'acao-origin-default-port', acao: ['"$http_origin:80"'], sends: '{origin}:80', viewerOrigin: 'http://viewer.example.org' },
];

/** nginx sending a row's ACAO lines on every answer (the base URI's 303 sends ACAO *, as in every row). */
export const startAcaoRow = (dir: string, trees: string, row: AcaoRow): Promise<Daemon> => startNginx(dir, trees, { http: row.http ?? '', server: NGINX_BASE, iiif: everywhere(row.acao) });
