// Fuzzes a real fixture server process with hostile requests (hostile-requests.ts) and slow
// clients, and reports what a long nightly run needs to know: did it crash, did any input produce a
// 5xx it did not ask for, how its memory grew, and whether a correct request is still served.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { PortInUseError, withBindRetryN } from '../net.ts';
import { type HostileRequest, hostileRequests } from './hostile-requests.ts';

export interface FuzzOptions {
  requests: number;
  seed?: number;
  concurrency?: number;
  /** Clients that trickle a request one byte every 200 ms for the whole run. */
  slowClients?: number;
  /** Per-request limit; a request still unanswered then counts as a timeout. */
  timeoutMs?: number;
  onProgress?: (done: number) => void;
}

export interface FuzzReport {
  requests: number;
  seed: number;
  durationMs: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  /** 5xx answers the request did not ask for (first 20). */
  serverErrors: { status: number; request: string }[];
  serverErrorCount: number;
  timeouts: number;
  crashed: string | null;
  rssMB: { before: number; peak: number; after: number };
  /** A correct info.json request after the run: 200 with Access-Control-Allow-Origin. */
  stillServes: boolean;
}

const ROOT = resolve(import.meta.dirname, '../..');

interface FixtureChild {
  child: ChildProcess;
  port: number;
  exited: () => string | null;
}

/** The fixture server as its own process (so a crash is seen and its memory measured alone). */
function startFixtureChild(): Promise<FixtureChild> {
  return withBindRetryN(3, ([viewer, image, other]) => new Promise<FixtureChild>((resolveStart, reject) => {
    // node itself (not the tsx wrapper, which forks): the pid measured must be the server's.
    const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/cli.ts'], {
      cwd: ROOT,
      env: { ...process.env, CORS_VIEWER_PORT: String(viewer), CORS_IMAGE_PORT: String(image), CORS_OTHER_PORT: String(other) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let exit: string | null = null;
    child.on('exit', (code, signal) => (exit = `fixture server exited (code ${code}, signal ${signal})`));
    const timer = setTimeout(() => reject(new Error(`fixture server did not start in 30 s:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d;
      if (/already in use/.test(output)) {
        clearTimeout(timer);
        child.kill();
        reject(new PortInUseError(output));
      } else if (output.includes(`:${image}`)) {
        clearTimeout(timer);
        resolveStart({ child, port: image!, exited: () => exit });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`fixture server exited at start:\n${output}`));
    });
  }));
}

function rssMB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * Sends raw bytes, resolves with the response's status (0: closed without a status line; -1: no
 * answer in time). The connection is reset once the status line is in: no client-side TIME_WAIT,
 * since 100,000 of them would exhaust the ephemeral ports other tests need. A request the server
 * still waits on after a second (it lacks `Connection: close`, or its body) is half-closed.
 */
function send(port: number, bytes: Buffer, timeoutMs: number): Promise<number> {
  return new Promise((resolveSend) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    let status: number | null = null;
    const done = (s: number) => {
      clearTimeout(nudge);
      clearTimeout(timer);
      if (!socket.destroyed) socket.resetAndDestroy();
      resolveSend(s);
    };
    const nudge = setTimeout(() => socket.writable && socket.end(), 1000);
    const timer = setTimeout(() => done(status ?? -1), timeoutMs);
    socket.on('error', () => done(status ?? 0));
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const m = head.match(/^HTTP\/1\.[01] (\d{3})/);
      if (m) done((status = Number(m[1])));
    });
    socket.on('close', () => done(status ?? 0));
    socket.write(bytes);
  });
}

/** Opens `n` connections that each trickle a request, byte by byte, until stopped. */
function slowClients(port: number, n: number): () => void {
  const sockets = Array.from({ length: n }, () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const text = 'GET /p/correct/iiif/3/landscape/info.json HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'z'.repeat(10_000);
    let i = 0;
    const timer = setInterval(() => (socket.writable ? socket.write(text[i++ % text.length]!) : clearInterval(timer)), 200);
    return { socket, timer };
  });
  return () => sockets.forEach(({ socket, timer }) => (clearInterval(timer), socket.destroy()));
}

async function stillServes(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://localhost:${port}/p/correct/iiif/3/landscape/info.json`, { headers: { Origin: 'http://localhost:1' }, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status === 200 && response.headers.get('access-control-allow-origin') !== null;
  } catch {
    return false;
  }
}

export async function fuzzFixtures({ requests, seed = 1, concurrency = 16, slowClients: slow = 20, timeoutMs = 15_000, onProgress }: FuzzOptions): Promise<FuzzReport> {
  const server = await startFixtureChild();
  const pid = server.child.pid!;
  try {
    await stillServes(server.port); // warm: first render, module loading
    const before = rssMB(pid);
    let peak = before;
    const sampler = setInterval(() => {
      if (!server.exited()) peak = Math.max(peak, rssMB(pid));
    }, 250);
    const stopSlow = slowClients(server.port, slow);
    const report: FuzzReport = { requests, seed, durationMs: 0, byKind: {}, byStatus: {}, serverErrors: [], serverErrorCount: 0, timeouts: 0, crashed: null, rssMB: { before, peak, after: before }, stillServes: false };
    const started = Date.now();
    const queue = hostileRequests(requests, seed);
    let done = 0;
    const worker = async () => {
      for (let next = queue.next(); !next.done; next = queue.next()) {
        if (server.exited()) return;
        const request: HostileRequest = next.value;
        const status = await send(server.port, request.bytes, timeoutMs);
        report.byKind[request.kind] = (report.byKind[request.kind] ?? 0) + 1;
        const key = status === -1 ? 'timeout' : status === 0 ? 'closed' : String(status);
        report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
        if (status === -1) report.timeouts++;
        if (status >= 500 && !request.mayAnswer5xx) {
          report.serverErrorCount++;
          if (report.serverErrors.length < 20) report.serverErrors.push({ status, request: request.summary.slice(0, 200) });
        }
        if (++done % 1000 === 0) onProgress?.(done);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    report.durationMs = Date.now() - started;
    stopSlow();
    clearInterval(sampler);
    report.crashed = server.exited();
    if (!report.crashed) {
      report.stillServes = await stillServes(server.port);
      await new Promise((r) => setTimeout(r, 1000));
      report.rssMB = { before, peak: Math.max(peak, rssMB(pid)), after: rssMB(pid) };
    }
    return report;
  } finally {
    server.child.kill();
  }
}
