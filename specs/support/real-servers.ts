// Real, independently written servers from Debian packages, started on loopback for certify to
// judge: nginx, Apache (mpm_event + mod_headers), lighttpd with iipsrv over FastCGI, Caddy, and
// Varnish caching in front of nginx. None of them can take a pre-bound socket, so each starts on
// a candidate port and is restarted on another when its bind fails (withBindRetry); readiness
// requires that the process we started holds the port (listensOn), not somebody else's server.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PortInUseError, listensOn, withBindRetry } from '../../harness/net.ts';

export interface Daemon {
  port: number;
  /** Document root, for servers that serve the trees. */
  root?: string;
  origin: string;
  stop(): Promise<void>;
  /** Undefined while the server runs; once it has ended by itself, how (exit code or signal) and its last output. */
  ended?(): string | undefined;
}

/** Binary → the Debian package that provides it (what `npm run setup:browsers` installs). */
export const PACKAGES = {
  '/usr/sbin/nginx': 'nginx-light',
  '/usr/sbin/apache2': 'apache2',
  '/usr/sbin/lighttpd': 'lighttpd',
  '/usr/lib/iipimage-server/iipsrv.fcgi': 'iipimage-server',
  '/usr/bin/caddy': 'caddy',
  '/usr/sbin/varnishd': 'varnish',
  '/usr/bin/vips': 'libvips-tools',
  '/usr/bin/redis-server': 'redis-server',
} as const;

export function requireBinary(bin: keyof typeof PACKAGES): string {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: install the Debian package ${PACKAGES[bin]} (\`npm run setup:browsers\` as root, or \`apt-get install -y ${PACKAGES[bin]}\`)`);
  return bin;
}

/** Whether pid or one of its children listens on port. */
function ownsPort(pid: number, port: number): boolean {
  if (listensOn(pid, port)) return true;
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) if (listensOn(Number(child), port)) return true;
    }
  } catch {}
  return false;
}

/** A server process with the last 4,000 characters of its output kept, and a stop (SIGTERM, then SIGKILL after 3 s). */
export function spawnKept(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: false });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return { child, output: () => output, stop };
}

/** Spawns `bin args` (which binds `port` itself); resolves once it answers HTTP on that port. */
export async function spawnDaemon(name: string, port: number, bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Daemon> {
  const { child, output, stop } = spawnKept(bin, args, env);
  const deadline = Date.now() + 20_000;
  while (true) {
    if (child.exitCode !== null) {
      await new Promise((r) => setTimeout(r, 50));
      if (/already in use|could not bind|Could not get socket/i.test(output())) throw new PortInUseError(`${name}: port ${port} in use`);
      throw new Error(`${name} exited (${child.exitCode}): ${output().trim()}`);
    }
    if (ownsPort(child.pid!, port)) {
      try {
        await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
        break;
      } catch {}
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer on port ${port} within 20 s: ${output().trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const ended = () => (child.exitCode === null && child.signalCode === null ? undefined : `${name} ${child.signalCode ? `was killed by ${child.signalCode}` : `exited with code ${child.exitCode}`}: ${output().trim().slice(-500)}`);
  return { port, origin: `http://127.0.0.1:${port}`, stop, ended };
}

const HOST_PLACEHOLDER = 'cors-certify-host.invalid';

/**
 * Level-0 trees cut by libvips, as deployed: `iiif/v3/img` (dzsave --layout iiif3) and `iiif/v2/img`
 * (--layout iiif), tiles only (no full/, no sizes), ids pointing at HOST_PLACEHOLDER. Plus a
 * pyramidal TIFF for iipsrv.
 */
export function cutTrees(dir: string): { trees: string; tiff: string } {
  const vips = requireBinary('/usr/bin/vips');
  const trees = join(dir, 'trees');
  mkdirSync(join(trees, 'iiif', 'v3'), { recursive: true });
  mkdirSync(join(trees, 'iiif', 'v2'), { recursive: true });
  const source = join(dir, 'source.v');
  // A gradient, so tiles differ: 1000×700 gives scale factors 1 and 2 with 256-pixel tiles.
  execFileSync(vips, ['xyz', join(dir, 'xy.v'), '1000', '700']);
  execFileSync(vips, ['cast', join(dir, 'xy.v'), source, 'uchar']);
  execFileSync(vips, ['dzsave', source, join(trees, 'iiif', 'v3', 'img'), '--layout', 'iiif3', '--tile-size', '256', '--id', `http://${HOST_PLACEHOLDER}/iiif/v3`]);
  execFileSync(vips, ['dzsave', source, join(trees, 'iiif', 'v2', 'img'), '--layout', 'iiif', '--tile-size', '256', '--id', `http://${HOST_PLACEHOLDER}/iiif/v2`]);
  const tiff = join(dir, 'img.tif');
  execFileSync(vips, ['tiffsave', source, tiff, '--tile', '--pyramid', '--compression', 'jpeg', '--tile-width', '256', '--tile-height', '256']);
  chmodSync(dir, 0o755);
  return { trees, tiff };
}

/** A copy of the trees whose info.json ids name `host` (the server's own origin), over http or https. */
export function treesFor(trees: string, root: string, host: string, scheme: 'http' | 'https' = 'http'): string {
  cpSync(trees, root, { recursive: true });
  for (const v of ['v2', 'v3']) {
    const info = join(root, 'iiif', v, 'img', 'info.json');
    writeFileSync(info, readFileSync(info, 'utf8').replaceAll(`http://${HOST_PLACEHOLDER}`, `${scheme}://${host}`));
  }
  execFileSync('chmod', ['-R', 'a+rX', root]);
  return root;
}

/**
 * withBindRetry, never handing out a port twice in this process: the engines are shared across
 * rows, and a row reusing an earlier row's port (same origin, same URL) would be answered from
 * the browser's preflight or HTTP cache filled by the earlier server.
 */
const handedOut = new Set<number>();
export function withFreshPort<T>(start: (port: number) => Promise<T>): Promise<T> {
  return withBindRetry(async (port) => {
    if (handedOut.has(port)) throw new PortInUseError(`port ${port} already served an earlier row`);
    handedOut.add(port);
    return start(port);
  });
}
