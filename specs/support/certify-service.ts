// `npm run certify -- --serve` as a host runs it (a child process, its printed URL), and the
// loopback pieces the service tests need: targets that log every request they receive, and a
// DNS server answering chosen names with chosen addresses (names that "look public").

import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import type { ServiceEvent } from '../../contract/service.ts';

export interface ServiceChild {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServiceChild(args: string[], env: Record<string, string> = {}): Promise<ServiceChild> {
  const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['harness/certify/cli.ts', '--serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`certify --serve printed no URL within 120 s:\n${output}`)), 120_000);
    const look = () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`certify --serve exited (${code}):\n${output}`)));
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    });
  return { url, child, output: () => output, stop };
}

export interface LoggingTarget {
  origin: string;
  port: number;
  /** Every request line received, in order: the target's own log. */
  log: string[];
  close(): Promise<void>;
}

/** An HTTP server on `host` that logs each request and answers `answer` (default 404). */
export async function loggingTarget(host: string, port = 0, answer: (url: string) => { status: number; headers?: Record<string, string> } = () => ({ status: 404 })): Promise<LoggingTarget> {
  const log: string[] = [];
  const server: Server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const a = answer(req.url ?? '/');
    res.writeHead(a.status, a.headers).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return { origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`, port: bound, log, close: () => new Promise((r) => server.close(() => r())) };
}

/** A DNS server on 127.0.0.1: each name answers its list of A records in turn (the last one repeats). */
export async function fakeDns(names: Record<string, string[]>): Promise<{ server: string; queries: string[]; close(): void }> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  const served = new Map<string, number>();
  socket.on('message', (message, rinfo) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    queries.push(`${question.type} ${question.name}`);
    const list = names[question.name.toLowerCase()];
    let answers: dnsPacket.Answer[] = [];
    if (list && question.type === 'A') {
      const n = served.get(question.name) ?? 0;
      served.set(question.name, n + 1);
      answers = [{ type: 'A', name: question.name, ttl: 0, class: 'IN', data: list[Math.min(n, list.length - 1)]! }];
    }
    const reply = dnsPacket.encode({ id: query.id, type: 'response', flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (list ? 0 : 3), questions: query.questions, answers });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { server: `127.0.0.1:${socket.address().port}`, queries, close: () => socket.close() };
}

export async function api(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(new URL(path, base), {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    ...(init.body !== undefined && { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export interface WorkerChild {
  /** host:pid, as the worker names itself in its events and outcomes. */
  name: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM (graceful), then SIGKILL for the worker's whole process group (its browsers too). */
  stop(): Promise<void>;
}

/**
 * `certify --worker` as its own process group (node itself, no tsx wrapper: a SIGKILL reaches the
 * worker, as a crash would), resolved once it says it is ready.
 */
export async function startWorkerChild(args: string[], env: Record<string, string> = {}): Promise<WorkerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/certify/cli.ts', '--worker', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
  };
  const name = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup();
      reject(new Error(`certify --worker was not ready within 120 s:\n${output}`));
    }, 120_000);
    child.stdout!.on('data', () => {
      const m = /certify worker (\S+) ready/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`certify --worker exited (${code}):\n${output}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        killGroup();
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
      setTimeout(done, 20_000).unref();
    });
  return { name, child, output: () => output, stop };
}

const ended = (e: ServiceEvent) => e.type === 'status' && !['queued', 'running'].includes(e.status);

/** Every event of a run from its server-sent event stream, until `until` holds (default: the run ended). */
export async function runEvents(base: string, id: string, until: (e: ServiceEvent) => boolean = ended): Promise<ServiceEvent[]> {
  const response = await fetch(new URL(`/api/certify/${id}/events`, base));
  if (!response.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`/api/certify/${id}/events answered ${response.status} ${response.headers.get('content-type')}`);
  const seen: ServiceEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const e = JSON.parse(data.slice(6)) as ServiceEvent;
      seen.push(e);
      if (until(e)) {
        await reader.cancel().catch(() => {});
        return seen;
      }
    }
  }
  return seen;
}
