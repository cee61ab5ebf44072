// `npm run certify -- --serve`: launches the engines once, then serves the page and the API.
// Every run gets fresh probes on those engines; targets pass the address guard; runs queue.
// With a queue URL it launches no engine: runs go to Redis, workers run them (queue-redis.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve as serveNode } from '@hono/node-server';
import { Certifier } from '../certify/run.ts';
import type { EngineName } from '../../contract/engine.ts';
import { type AddressPolicy, guardedDispatcher } from './address-guard.ts';
import { serviceApp } from './app.ts';
import { JobQueue, type QueueLimits, type RunJob } from './jobs.ts';
import { RemoteRuns, shownUrl } from './queue-redis.ts';
import { type Prepared, type RunLimits, prepare, runJob } from './runner.ts';

export interface ServeOptions {
  host: string;
  port: number;
  engines: EngineName[];
  policy: AddressPolicy;
  queue: QueueLimits;
  run: RunLimits;
  log: (line: string) => void;
  /** redis://…: only enqueue; workers run. */
  queueUrl?: string;
}

export interface RunningService {
  url: string;
  close(): Promise<void>;
}

export async function startService(o: ServeOptions): Promise<RunningService> {
  const root = mkdtempSync(join(tmpdir(), 'certify-service-'));
  const dirOf = (id: string) => join(root, id);
  let runner: { run: RunJob<Prepared>; close(): Promise<void> };
  try {
    if (o.queueUrl) {
      const remote = await RemoteRuns.connect(o.queueUrl, dirOf, o.queue.keepMs);
      o.log(`Runs go to the workers on ${shownUrl(o.queueUrl)} (npm run certify -- --worker --queue …)`);
      runner = { run: remote.run, close: () => remote.close() };
    } else {
      o.log(`Starting ${o.engines.join(', ')} (shared by every run; each run gets fresh profiles)…`);
      const shared = await Certifier.start({ engines: o.engines, limits: o.run.fetch, samples: o.run.samples, progress: o.log });
      runner = { run: (job, signal, emit) => runJob(shared, job, signal, emit, o.run, dirOf(job.id)), close: () => shared.close() };
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const dispatcher = guardedDispatcher(o.policy, o.run.fetch.timeoutMs);
  // With a queue every run is handed to Redis at once (the workers bound how many run).
  const limits = o.queueUrl ? { ...o.queue, concurrency: Number.POSITIVE_INFINITY } : o.queue;
  const queue = new JobQueue<Prepared>(
    limits,
    runner.run,
    (job) => o.log(`run ${job.id} ${job.state}: ${job.input}${job.outcome ? ` → ${job.outcome.verdictLine}` : job.error ? ` (${job.error})` : ''}`),
    !o.queueUrl,
  );
  queue.onForget = (job) => rmSync(dirOf(job.id), { recursive: true, force: true });
  const app = serviceApp({ queue, engines: o.engines, dirOf, prepare: (request) => prepare(request, o.engines, o.policy, dispatcher, o.run) });
  const server = await new Promise<ReturnType<typeof serveNode>>((resolve, reject) => {
    const s = serveNode({ fetch: app.fetch, port: o.port, hostname: o.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/`;
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.close();
      await dispatcher.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
