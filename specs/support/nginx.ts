// Debian's nginx on a loopback port, serving a folder with a CORS configuration under test. An
// independently written server: what certify is for.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

export interface RunningNginx {
  stop(): Promise<void>;
}

/** `headers` goes into the IIIF location and the OPTIONS answer (e.g. with or without `always`). */
export async function startNginx(dir: string, root: string, port: number, always: boolean): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed at ${NGINX}: \`apt-get install -y nginx-light\` (npm run setup:browsers installs it)`);
  const a = always ? ' always' : '';
  const cors = `add_header Access-Control-Allow-Origin "*"${a};`;
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body; proxy_temp_path ${dir}/tmp/proxy; fastcgi_temp_path ${dir}/tmp/fcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi; scgi_temp_path ${dir}/tmp/scgi;
  types { application/json json; image/jpeg jpg; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    # IIIF base URI → info.json (Image API 3.0 §2.2)
    location ~ ^/iiif/([^/]+)$ { ${cors} return 303 /iiif/$1/info.json; }
    location /iiif/ {
      if ($request_method = OPTIONS) {
        ${cors}
        add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS"${a};
        add_header Access-Control-Allow-Headers "Accept, Authorization"${a};
        add_header Access-Control-Max-Age 7200${a};
        return 204;
      }
      ${cors}
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const deadline = Date.now() + 10_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on port ${port} within 10 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
