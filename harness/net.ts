// Loopback ports without races. Our own servers listen on port 0 and read the bound port back
// (`listenOnFreePort`). A child process that cannot take a pre-bound socket (WebKitWebDriver,
// nginx, Apache, …) is started on a candidate port and restarted on another when the bind fails
// (`withBindRetry`): picking a port and releasing it before the child binds is never enough.

import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Listens on an ephemeral loopback port chosen by the kernel; resolves with that port. */
export function listenOnFreePort(server: Server | HttpServer, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A bind failure: the start function throws this (or a message matching BIND_FAILURE) to ask for another port. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}
const BIND_FAILURE = /EADDRINUSE|address already in use|already in use|Address in use|bind\(\) to .* failed|could not bind|Could not bind/i;

export interface BindRetryOptions {
  /** Ports are drawn at random from this range (default: the upper half of the ephemeral range, which the kernel hands out last). */
  range?: [number, number];
  attempts?: number;
}

/** The port range for child processes, overridable so parallel CI jobs can be kept apart. */
function childPortRange(): [number, number] {
  const env = process.env.CORS_CHILD_PORTS;
  const m = env?.match(/^(\d+)-(\d+)$/);
  return m ? [Number(m[1]), Number(m[2])] : [20000, 32000];
}

/**
 * Starts something that binds `port` itself, on a random candidate port, retrying on another when
 * the bind fails (someone took the port in between). Any other failure is thrown at once.
 */
export async function withBindRetry<T>(start: (port: number) => Promise<T>, { range = childPortRange(), attempts = 12 }: BindRetryOptions = {}): Promise<T> {
  let last: unknown;
  const tried = new Set<number>();
  for (let i = 0; i < attempts; i++) {
    let port: number;
    do port = range[0] + Math.floor(Math.random() * (range[1] - range[0] + 1));
    while (tried.has(port) && tried.size < range[1] - range[0] + 1);
    tried.add(port);
    try {
      return await start(port);
    } catch (error) {
      if (!(error instanceof PortInUseError) && !BIND_FAILURE.test(String((error as Error)?.message ?? error))) throw error;
      last = error;
    }
  }
  throw new Error(`no free port after ${attempts} attempts in ${range[0]}-${range[1]}: ${(last as Error)?.message ?? last}`);
}

/** Several distinct ports at once for something that binds them all (e.g. the fixture server's three roles), retried as a whole. */
export function withBindRetryN<T>(n: number, start: (ports: number[]) => Promise<T>, options: BindRetryOptions = {}): Promise<T> {
  return withBindRetry((first) => {
    const ports = Array.from({ length: n }, (_, i) => first + i * 7);
    return start(ports);
  }, options);
}

/**
 * Whether process `pid` itself holds a listening TCP socket on `port` (Linux /proc). Guards a
 * bind-retry loop against talking to somebody else's server that already had the port.
 */
export function listensOn(pid: number, port: number): boolean {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
        try {
          const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
          return m ? [m[1]!] : [];
        } catch {
          return [];
        }
      }),
    );
  } catch {
    return true; // no /proc (not Linux): cannot tell, trust the readiness probe
  }
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1]!.endsWith(`:${hex}`) && f[3] === '0A' && inodes.has(f[9]!)) return true;
    }
  }
  return false;
}
