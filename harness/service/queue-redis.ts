// `--queue redis://host:port`: the server only enqueues; workers (worker.ts) run. BullMQ on Redis
// carries the runs (a job per run, its id the run's id), the progress (job progress events), the
// outcome (the job's return value) and the screenshots (a Redis hash per run, read once by the
// server). A worker killed mid-run loses its lock; BullMQ's stalled-job check puts the run back
// in the queue and another worker runs it from the start; the server reports it once, when it ends.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Job as BullJob, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { type QueuedRun, RemoteOutcomeSchema, type ServiceEvent, ServiceEventSchema } from '../../contract/service.ts';
import type { Job, Outcome } from './jobs.ts';
import type { Prepared } from './runner.ts';

export const QUEUE_NAME = 'certify-runs';
/** A worker's lock on a run is renewed every half of this; a killed worker's run is free again after it. */
export const LOCK_MS = 30_000;
/** How often workers look for runs whose worker stopped renewing its lock. */
export const STALLED_CHECK_MS = 15_000;
/** Runs that lose their worker this many times fail (a target that kills workers cannot loop forever). */
export const MAX_STALLED = 2;
export const CANCEL_CHANNEL = `${QUEUE_NAME}:cancel`;
export const cancelledKey = (id: string) => `${QUEUE_NAME}:cancelled:${id}`;
export const filesKey = (id: string) => `${QUEUE_NAME}:files:${id}`;

export class QueueUrlError extends Error {}

/** Checks a --queue value; the error says what is accepted. */
export function parseQueueUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {}
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) throw new QueueUrlError(`--queue takes a Redis URL like redis://127.0.0.1:6379 (rediss:// for TLS, /<db> and user:password@ allowed), got "${raw}"`);
  return raw;
}

/** The URL as logs may show it (no password). */
export const shownUrl = (raw: string) => raw.replace(/\/\/[^@/]*@/, '//…@');

/**
 * A Redis connection for BullMQ (which wants maxRetriesPerRequest null), connected and answering,
 * or an error that names the URL and what to do: never a silent wait on a Redis that is not there.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: (times) => Math.min(times * 500, 5_000) });
  redis.on('error', () => {}); // reconnects on its own; the first failure is reported below
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref())]);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new QueueUrlError(`cannot reach Redis at ${shownUrl(url)} (${(error as Error).message}): start redis-server there (Debian: apt-get install redis-server) or give the right --queue URL`);
  }
}

interface Pending {
  job: Job<Prepared>;
  emit: (e: ServiceEvent) => void;
  started: () => void;
  resolve: (o: Outcome) => void;
  reject: (e: Error) => void;
  taken: number;
  /** The worker that last said it took the run. */
  worker?: string;
}

const eventShape = TypeCompiler.Compile(ServiceEventSchema);
const outcomeShape = TypeCompiler.Compile(RemoteOutcomeSchema);

/** The server's side: enqueues runs and follows them until a worker's outcome comes back. */
export class RemoteRuns {
  private readonly pending = new Map<string, Pending>();
  private readonly reconcileTimer: NodeJS.Timeout;

  private constructor(
    private readonly redis: Redis,
    private readonly connections: Redis[],
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly dirOf: (id: string) => string,
    private readonly keepMs: number,
  ) {
    events.on('active', ({ jobId }) => this.taken(jobId));
    events.on('progress', ({ jobId, data }) => {
      const p = this.pending.get(jobId);
      if (!p || !eventShape.Check(data)) return;
      if (data.type === 'worker') p.worker = data.worker;
      p.emit(data);
    });
    events.on('stalled', ({ jobId }) => {
      const p = this.pending.get(jobId);
      p?.emit({ type: 'worker', worker: p.worker ?? 'unknown', message: `worker ${p.worker ?? '?'} stopped answering (killed or cut off): the run goes back to the queue and starts again on another worker` });
    });
    events.on('completed', ({ jobId, returnvalue }) => void this.completed(jobId, returnvalue));
    events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
    // Events are the fast path; a look at each pending run's state now and then catches any missed.
    this.reconcileTimer = setInterval(() => void this.reconcile(), 5_000);
  }

  static async connect(url: string, dirOf: (id: string) => string, keepMs: number): Promise<RemoteRuns> {
    const [redis, forQueue, forEvents] = await Promise.all([connectRedis(url), connectRedis(url), connectRedis(url)]);
    const queue = new Queue(QUEUE_NAME, { connection: forQueue });
    const events = new QueueEvents(QUEUE_NAME, { connection: forEvents });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new RemoteRuns(redis, [forQueue, forEvents], queue, events, dirOf, keepMs);
  }

  /** JobQueue's RunJob with --queue. */
  run = (job: Job<Prepared>, signal: AbortSignal, emit: (e: ServiceEvent) => void, started: () => void): Promise<Outcome> =>
    new Promise<Outcome>((resolve, reject) => {
      const entry: Pending = { job, emit, started, resolve, reject, taken: 0 };
      this.pending.set(job.id, entry);
      const done = () => this.pending.delete(job.id);
      entry.resolve = (o) => (done(), resolve(o));
      entry.reject = (e) => (done(), reject(e));
      signal.addEventListener('abort', () => void this.cancel(job.id, entry), { once: true });
      const data: QueuedRun = { id: job.id, request: job.prepared.request, engines: job.prepared.engines };
      const keep = { age: Math.ceil(this.keepMs / 1000), count: 1000 };
      this.queue.add('certify', data, { jobId: job.id, attempts: 1, removeOnComplete: keep, removeOnFail: keep }).catch((error: Error) => entry.reject(new Error(`could not queue the run in Redis: ${error.message}`)));
    });

  private taken(jobId: string): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    p.taken++;
    p.started();
  }

  private async completed(jobId: string, value: unknown): Promise<void> {
    const p = this.pending.get(jobId);
    if (!p) return;
    if (!outcomeShape.Check(value)) return p.reject(new Error('the worker answered with a result this server does not understand (a worker of another version?)'));
    try {
      // Screenshots come once through Redis, then live with the run on this server.
      const files = value.files.length ? await this.redis.hgetallBuffer(filesKey(jobId)) : {};
      if (value.files.length) {
        mkdirSync(this.dirOf(jobId), { recursive: true });
        for (const name of value.files) if (files[name]) writeFileSync(join(this.dirOf(jobId), name), files[name]);
        await this.redis.del(filesKey(jobId));
      }
    } catch (error) {
      p.emit({ type: 'phase', phase: 'report', message: `screenshots could not be fetched from Redis: ${(error as Error).message}` });
    }
    p.resolve({ result: value.result, verdictLine: value.verdictLine, worker: value.worker });
  }

  private failed(jobId: string, reason: string): void {
    this.pending.get(jobId)?.reject(new Error(reason));
  }

  /** A run still waiting in Redis is removed; one a worker has is stopped there (pub/sub, and a key it checks before starting). */
  private async cancel(jobId: string, p: Pending): Promise<void> {
    const reason = p.job.error ?? 'cancelled by the client';
    try {
      await this.redis.set(cancelledKey(jobId), '1', 'EX', Math.ceil(this.keepMs / 1000));
      const bull = await BullJob.fromId(this.queue, jobId);
      const state = bull ? await bull.getState() : 'unknown';
      if (bull && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) await bull.remove().catch(() => {});
      await this.redis.publish(CANCEL_CHANNEL, jobId);
    } finally {
      p.reject(new Error(reason));
    }
  }

  private async reconcile(): Promise<void> {
    for (const [id, p] of this.pending) {
      try {
        const bull = await BullJob.fromId(this.queue, id);
        if (!bull) continue;
        const state = await bull.getState();
        if (state === 'active' && p.job.state === 'queued') this.taken(id);
        else if (state === 'completed') await this.completed(id, bull.returnvalue);
        else if (state === 'failed') this.failed(id, bull.failedReason);
      } catch {}
    }
  }

  async close(): Promise<void> {
    clearInterval(this.reconcileTimer);
    await this.events.close();
    await this.queue.close();
    for (const c of [this.redis, ...this.connections]) c.disconnect();
  }
}
