// `npm run certify -- --worker --queue redis://…`: takes runs from the queue the server fills
// (queue-redis.ts), runs each on engines it launched once (fresh profiles per run, as --serve
// does), behind its own address guard (a run is prepared again here: the checks are made where the
// connections are made), and sends progress, outcome and screenshots back through Redis.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineName } from '../../contract/engine.ts';
import { QueuedRunSchema, type RemoteOutcome, type ServiceEvent } from '../../contract/service.ts';
import { Certifier } from '../certify/run.ts';
import { type AddressPolicy, guardedDispatcher } from './address-guard.ts';
import { Job } from './jobs.ts';
import { CANCEL_CHANNEL, LOCK_MS, MAX_STALLED, QUEUE_NAME, STALLED_CHECK_MS, cancelledKey, connectRedis, filesKey, shownUrl } from './queue-redis.ts';
import { type Prepared, type RunLimits, prepare, runJob } from './runner.ts';

export interface WorkerOptions {
  queueUrl: string;
  engines: EngineName[];
  policy: AddressPolicy;
  run: RunLimits;
  /** Runs at once on this worker. */
  concurrency: number;
  /** How long screenshots wait in Redis for the server. */
  keepMs: number;
  log: (line: string) => void;
}

export interface RunningWorker {
  name: string;
  /** Graceful: waits for the runs in hand. `force`: drops them (BullMQ gives them to another worker). */
  close(force?: boolean): Promise<void>;
}

const queuedShape = TypeCompiler.Compile(QueuedRunSchema);

export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const name = `${hostname()}:${process.pid}`;
  const [redis, subscriber, forWorker] = await Promise.all([connectRedis(o.queueUrl), connectRedis(o.queueUrl), connectRedis(o.queueUrl)]);
  o.log(`Starting ${o.engines.join(', ')} (shared by every run; each run gets fresh profiles)…`);
  const shared = await Certifier.start({ engines: o.engines, limits: o.run.fetch, samples: o.run.samples, progress: o.log });
  const dispatcher = guardedDispatcher(o.policy, o.run.fetch.timeoutMs);
  const root = mkdtempSync(join(tmpdir(), 'certify-worker-'));
  const inHand = new Map<string, Job<Prepared>>();

  // The server's cancel: stop a run this worker has.
  await subscriber.subscribe(CANCEL_CHANNEL);
  subscriber.on('message', (_channel: string, id: string) => {
    const job = inHand.get(id);
    if (job && !job.abort.signal.aborted) {
      job.error = 'cancelled by the client';
      job.abort.abort(new Error(job.error));
    }
  });

  const worker = new Worker(
    QUEUE_NAME,
    async (bull) => {
      if (!queuedShape.Check(bull.data)) throw new Error('the queued run has a shape this worker does not understand (a server of another version?)');
      const { id, request, engines } = bull.data;
      if (await redis.exists(cancelledKey(id))) throw new Error('cancelled by the client');
      const missing = engines.filter((e) => !o.engines.includes(e));
      if (missing.length) throw new Error(`worker ${name} runs ${o.engines.join(', ')}, not ${missing.join(', ')}: start workers with the engines the server offers (CORS_ENGINES)`);
      const emit = (e: ServiceEvent) => void bull.updateProgress(e).catch(() => {});
      emit({ type: 'worker', worker: name, message: `worker ${name} took the run${bull.attemptsStarted > 1 ? ' (again: its previous worker was lost)' : ''}` });
      o.log(`run ${id} taken: ${request.url}`);
      const prepared = await prepare(request, o.engines, o.policy, dispatcher, o.run);
      const job = new Job<Prepared>(id, 'queue', request.url, prepared.engines, prepared);
      inHand.set(id, job);
      const dir = join(root, id);
      try {
        const outcome = await runJob(shared, job, job.abort.signal, emit, o.run, dir);
        let files: string[] = [];
        try {
          files = readdirSync(dir).filter((f) => /^[\w.-]+\.png$/.test(f));
        } catch {}
        if (files.length) {
          await redis.hset(filesKey(id), Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f))])));
          await redis.expire(filesKey(id), Math.ceil(o.keepMs / 1000));
        }
        o.log(`run ${id} done: ${outcome.verdictLine}`);
        return { verdictLine: outcome.verdictLine, result: outcome.result, worker: name, files } satisfies RemoteOutcome;
      } catch (error) {
        o.log(`run ${id} failed: ${(error as Error).message}`);
        throw error;
      } finally {
        inHand.delete(id);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { connection: forWorker, concurrency: o.concurrency, name, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: MAX_STALLED },
  );
  worker.on('error', (error) => o.log(`queue: ${error.message}`));
  await worker.waitUntilReady();
  o.log(`worker ${name} takes runs from ${shownUrl(o.queueUrl)}`);
  return {
    name,
    close: async (force = false) => {
      await worker.close(force);
      for (const job of inHand.values()) job.abort.abort(new Error('the worker is stopping'));
      await shared.close();
      await dispatcher.close();
      for (const c of [redis, subscriber, forWorker] as Redis[]) c.disconnect();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
