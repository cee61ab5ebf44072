// Configuration writers for the real servers, one function per server software. Each takes the
// CORS lines under test verbatim, so the test table shows exactly what the server was told.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, requireBinary, spawnDaemon, treesFor, withFreshPort } from './real-servers.ts';

const asRoot = process.getuid?.() === 0;

/** Config fragments every real-server case shares: the base URI's 303 to info.json, and nginx's preflight answer (`a`: ' always' or ''). */
export const NGINX_BASE = `    location ~ ^/iiif/(v[23])/([^/]+)$ { add_header Access-Control-Allow-Origin "*" always; return 303 /iiif/$1/$2/info.json; }`;
export const nginxOptions = (a: string) => `      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin "*"${a};
        add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS"${a};
        add_header Access-Control-Allow-Headers "Accept, Authorization"${a};
        return 204;
      }`;
/**
 * An allow-list the way sites write one: nginx's map sends ACAO only for `origin` (an empty
 * add_header value is not sent), Vary: Origin always, on 2xx, 3xx, 4xx and the 204 preflight.
 */
export function nginxAllowList(origin: string): { http: string; server: string; iiif: string } {
  const cors = (indent: string) => `${indent}add_header Access-Control-Allow-Origin $cors_origin always;\n${indent}add_header Vary Origin always;`;
  return {
    http: `  map $http_origin $cors_origin { default ""; "${origin}" $http_origin; }`,
    server: `    location ~ ^/iiif/(v[23])/([^/]+)$ { add_header Access-Control-Allow-Origin $cors_origin always; add_header Vary Origin always; return 303 /iiif/$1/$2/info.json; }`,
    iiif: `      if ($request_method = OPTIONS) {
${cors('        ')}
        add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always;
        add_header Access-Control-Allow-Headers "Accept, Authorization" always;
        return 204;
      }
${cors('      ')}`,
  };
}
export const APACHE_BASE = 'RedirectMatch 303 ^/iiif/(v[23])/([^/]+)$ /iiif/$1/$2/info.json';

/**
 * nginx serving the trees; `iiif` goes inside `location /iiif/`, `server` at server level. With
 * `tls` it serves https only, as https://localhost:<port> (a leaf of the local CA). With `alsoOn`
 * (an address of this machine) it listens there too, on the same port, and its ids and origin
 * name that address.
 */
export function startNginx(
  dir: string,
  trees: string,
  { http = '', server = '', iiif = '', tls, alsoOn }: { http?: string; server?: string; iiif?: string; tls?: { certFile: string; keyFile: string }; alsoOn?: string },
  hostFor: ((port: number) => string) | undefined = alsoOn ? (port) => `${alsoOn}:${port}` : undefined,
): Promise<Daemon> {
  const bin = requireBinary('/usr/sbin/nginx');
  return withFreshPort(async (port) => {
    const d = join(dir, `nginx-${port}`);
    mkdirSync(join(d, 'tmp'), { recursive: true });
    const host = hostFor?.(port) ?? (tls ? `localhost:${port}` : `127.0.0.1:${port}`);
    const root = treesFor(trees, join(d, 'www'), host, tls ? 'https' : 'http');
    writeFileSync(
      join(d, 'nginx.conf'),
      `${asRoot ? 'user root;' : ''}
daemon off; worker_processes 1; pid ${d}/nginx.pid; error_log ${d}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${d}/tmp/body; proxy_temp_path ${d}/tmp/proxy; fastcgi_temp_path ${d}/tmp/fcgi; uwsgi_temp_path ${d}/tmp/uwsgi; scgi_temp_path ${d}/tmp/scgi;
  types { application/json json; image/jpeg jpg; }
${http}
  server {
    listen 127.0.0.1:${port}${tls ? ` ssl;\n    ssl_certificate ${tls.certFile}; ssl_certificate_key ${tls.keyFile}` : ''};${alsoOn ? `\n    listen ${alsoOn}:${port}${tls ? ' ssl' : ''};` : ''}
    root ${root};
${server}
    location /iiif/ {
${iiif}
    }
  }
}
`,
    );
    const daemon = await spawnDaemon('nginx', port, bin, ['-p', d, '-c', join(d, 'nginx.conf')]);
    return { ...daemon, root, ...((tls || alsoOn) && { origin: `${tls ? 'https' : 'http'}://${host}` }) };
  });
}

/** Apache 2.4 with mpm_event, mod_headers, mod_rewrite, mod_alias; `cors` goes in the <Directory> of the trees. */
export function startApache(dir: string, trees: string, cors: string): Promise<Daemon> {
  const bin = requireBinary('/usr/sbin/apache2');
  const m = '/usr/lib/apache2/modules';
  return withFreshPort(async (port) => {
    const d = join(dir, `apache-${port}`);
    mkdirSync(d, { recursive: true });
    const root = treesFor(trees, join(d, 'www'), `127.0.0.1:${port}`);
    writeFileSync(
      join(d, 'apache2.conf'),
      `ServerRoot ${d}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${d}/apache.pid
ErrorLog ${d}/error.log
Mutex file:${d}
${asRoot ? 'User www-data\nGroup www-data' : ''}
LoadModule mpm_event_module ${m}/mod_mpm_event.so
LoadModule authz_core_module ${m}/mod_authz_core.so
LoadModule mime_module ${m}/mod_mime.so
LoadModule headers_module ${m}/mod_headers.so
LoadModule rewrite_module ${m}/mod_rewrite.so
LoadModule alias_module ${m}/mod_alias.so
TypesConfig /etc/mime.types
DocumentRoot ${root}
<Directory ${root}>
  Require all granted
${cors}
</Directory>
`,
    );
    return spawnDaemon('apache2', port, bin, ['-f', join(d, 'apache2.conf'), '-DFOREGROUND'], { ...process.env, APACHE_RUN_DIR: d, APACHE_LOCK_DIR: d, APACHE_LOG_DIR: d });
  });
}

/** Caddy 2 (admin API and automatic HTTPS off); `site` goes in the site block before file_server. */
export function startCaddy(dir: string, trees: string, site: string): Promise<Daemon> {
  const bin = requireBinary('/usr/bin/caddy');
  return withFreshPort(async (port) => {
    const d = join(dir, `caddy-${port}`);
    mkdirSync(d, { recursive: true });
    const root = treesFor(trees, join(d, 'www'), `127.0.0.1:${port}`);
    writeFileSync(join(d, 'Caddyfile'), `{\n  admin off\n  auto_https off\n}\nhttp://127.0.0.1:${port} {\n  bind 127.0.0.1\n  root * ${root}\n${site}\n  file_server\n}\n`);
    return spawnDaemon('caddy', port, bin, ['run', '--config', join(d, 'Caddyfile'), '--adapter', 'caddyfile'], { ...process.env, HOME: d, XDG_DATA_HOME: d, XDG_CONFIG_HOME: d });
  });
}

/**
 * Varnish caching in front of `backend` with the builtin VCL plus `vcl` (default TTLs); the backend's
 * info.json ids are pointed at Varnish. As root, varnishd's default jail (users varnish and vcache,
 * created by the Debian package) is used: `-j unix,user=nobody` fails ("different login groups").
 */
export async function startVarnish(dir: string, backend: Daemon, vcl: string): Promise<Daemon> {
  const varnish = await startVarnishOn(dir, backend, vcl);
  if (backend.root) retarget(backend.root, varnish.origin.replace('http://', ''));
  return varnish;
}

function retarget(root: string, host: string): void {
  for (const v of ['v2', 'v3']) {
    const info = join(root, 'iiif', v, 'img', 'info.json');
    writeFileSync(info, readFileSync(info, 'utf8').replace(/http:\/\/[^/]+\/iiif/, `http://${host}/iiif`));
  }
}

function startVarnishOn(dir: string, backend: Daemon, vcl: string): Promise<Daemon> {
  const bin = requireBinary('/usr/sbin/varnishd');
  return withFreshPort(async (port) => {
    const d = join(dir, `varnish-${port}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'default.vcl'), `vcl 4.1;\nbackend default { .host = "127.0.0.1"; .port = "${backend.port}"; }\n${vcl}\n`);
    return spawnDaemon('varnishd', port, bin, ['-F', '-a', `127.0.0.1:${port}`, '-f', join(d, 'default.vcl'), '-n', d, '-s', 'malloc,32m', '-T', '127.0.0.1:0']);
  });
}

/** lighttpd serving iipsrv (Debian iipimage-server) over FastCGI at /iiif/<file>; `cors` is lighttpd config. */
export function startLighttpdIipsrv(dir: string, tiffDir: string, cors: string): Promise<Daemon> {
  const bin = requireBinary('/usr/sbin/lighttpd');
  const iipsrv = requireBinary('/usr/lib/iipimage-server/iipsrv.fcgi');
  return withFreshPort(async (port) => {
    const d = join(dir, `lighttpd-${port}`);
    mkdirSync(join(d, 'www'), { recursive: true });
    writeFileSync(
      join(d, 'lighttpd.conf'),
      `server.document-root = "${d}/www"
server.bind = "127.0.0.1"
server.port = ${port}
server.errorlog = "${d}/error.log"
server.modules += ( "mod_rewrite", "mod_fastcgi", "mod_setenv" )
url.rewrite-once = ( "^/iiif/(.*)$" => "/fcgi-bin/iipsrv.fcgi?IIIF=$1" )
fastcgi.server = ( "/fcgi-bin/iipsrv.fcgi" => ((
  "socket" => "${d}/iipsrv.sock", "bin-path" => "${iipsrv}", "max-procs" => 1, "check-local" => "disable",
  "bin-environment" => ( "FILESYSTEM_PREFIX" => "${tiffDir}/", "LOGFILE" => "${d}/iipsrv.log", "VERBOSITY" => "1" )
)) )
${cors}
`,
    );
    return spawnDaemon('lighttpd', port, bin, ['-D', '-f', join(d, 'lighttpd.conf')]);
  });
}
