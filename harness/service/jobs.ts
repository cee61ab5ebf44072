// The in-process queue of the hosted certify: at most `concurrency` runs at once (default 1: one
// run already keeps three browsers busy on two cores), at most `perClient` unfinished runs per
// client, at most `maxQueued` waiting in all; finished runs are kept `keepMs` and at most `maxKept`.
// Each run's events are kept with it, so a page that subscribes late still sees them all.
// With --queue the runs are handed to Redis at once (concurrency unbounded here, bounded by the
// workers) and a run counts as running only when a worker takes it (`started`).

import { randomBytes } from 'node:crypto';
import type { CertifyResult } from '../../contract/certify.ts';
import type { JobState, JobStatus, ServiceEvent } from '../../contract/service.ts';

export interface QueueLimits {
  concurrency: number;
  perClient: number;
  maxQueued: number;
  keepMs: number;
  maxKept: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { concurrency: 1, perClient: 2, maxQueued: 100, keepMs: 60 * 60_000, maxKept: 200 };

export interface Outcome {
  result: CertifyResult;
  verdictLine: string;
  /** With --queue: the worker that ran it. */
  worker?: string;
}

/**
 * What the queue runs: resolves with the outcome, or rejects with a message users can read.
 * `started` marks the run as running (in-process: at once; with --queue: when a worker takes it).
 */
export type RunJob<P> = (job: Job<P>, signal: AbortSignal, emit: (e: ServiceEvent) => void, started: () => void) => Promise<Outcome>;

export class Job<P> {
  state: JobState = 'queued';
  readonly createdAt = new Date();
  finishedAt?: Date;
  outcome?: Outcome;
  error?: string;
  readonly events: ServiceEvent[] = [];
  readonly listeners = new Set<(e: ServiceEvent) => void>();
  readonly abort = new AbortController();
  constructor(
    readonly id: string,
    readonly client: string,
    readonly input: string,
    readonly engines: string[],
    readonly prepared: P,
  ) {}

  emit(e: ServiceEvent): void {
    // Per-check events are many: only the latest per engine is kept for late subscribers.
    if (e.type === 'check') {
      const at = this.events.findIndex((x) => x.type === 'check' && x.project === e.project);
      if (at >= 0) this.events.splice(at, 1);
    }
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'failed' || this.state === 'cancelled';
  }
}

export class RefusedError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 422 | 429 | 503,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class JobQueue<P> {
  private readonly jobs = new Map<string, Job<P>>();
  /** Runs not started yet, in order (handed to `run` or not). */
  private readonly waiting: Job<P>[] = [];
  /** Runs handed to `run` and not finished. */
  private readonly dispatched = new Set<Job<P>>();
  /** Jobs whose run ended (for tests and the closing figures). */
  completed = 0;

  constructor(
    private readonly limits: QueueLimits,
    private readonly run: RunJob<P>,
    private readonly onFinished: (job: Job<P>) => void = () => {},
    /** false with --queue: a run waits in Redis until a worker calls `started`. */
    private readonly startsOnDispatch = true,
  ) {}

  private get running(): number {
    return [...this.dispatched].filter((j) => j.state === 'running').length;
  }

  /** Throws RefusedError (429) when the client or the queue is full; call before the costly preparation. */
  admit(client: string, alsoPending = 0): void {
    this.sweep();
    const mine = [...this.jobs.values()].filter((j) => j.client === client && !j.finished).length + alsoPending;
    if (mine >= this.limits.perClient) throw new RefusedError(`you already have ${mine} run(s) queued or running (at most ${this.limits.perClient} per client): wait for one to finish or cancel it`, 429);
    if (this.waiting.length >= this.limits.maxQueued) throw new RefusedError(`the queue is full (${this.limits.maxQueued} runs waiting): try again in a few minutes`, 503);
  }

  submit(client: string, input: string, engines: string[], prepared: P): Job<P> {
    this.admit(client);
    const job = new Job(randomBytes(9).toString('base64url'), client, input, engines, prepared);
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    job.emit({ type: 'status', status: 'queued', position: this.position(job)! });
    this.pump();
    return job;
  }

  get(id: string): Job<P> | undefined {
    this.sweep();
    return this.jobs.get(id);
  }

  position(job: Job<P>): number | undefined {
    const at = this.waiting.indexOf(job);
    return at < 0 ? undefined : at + this.running;
  }

  /** A queued run is dropped; a running one is aborted (its probes closed, its requests stopped). */
  cancel(job: Job<P>, reason = 'cancelled by the client'): void {
    if (job.finished) return;
    const at = this.waiting.indexOf(job);
    if (at >= 0 && !this.dispatched.has(job)) {
      this.waiting.splice(at, 1);
      this.finish(job, 'cancelled', undefined, reason);
      this.announcePositions();
      return;
    }
    job.error = reason;
    job.abort.abort(new Error(reason));
  }

  get stats() {
    return { running: this.running, queued: this.waiting.length, kept: this.jobs.size, completed: this.completed };
  }

  status(job: Job<P>, withResult: boolean): JobStatus {
    const links = { self: `/api/certify/${job.id}`, events: `/api/certify/${job.id}/events`, page: `/r/${job.id}` };
    const position = this.position(job);
    return {
      id: job.id,
      status: job.state,
      input: job.input,
      createdAt: job.createdAt.toISOString(),
      engines: job.engines,
      links,
      ...(position !== undefined && { position }),
      ...(job.outcome && { verdictLine: job.outcome.verdictLine }),
      ...(job.outcome?.worker && { worker: job.outcome.worker }),
      ...(job.error && { error: job.error }),
      ...(job.finishedAt && { expiresAt: new Date(job.finishedAt.getTime() + this.limits.keepMs).toISOString() }),
      ...(withResult && job.outcome && { result: job.outcome.result }),
    };
  }

  private pump(): void {
    for (const job of [...this.waiting]) {
      if (this.dispatched.size >= this.limits.concurrency) return;
      if (this.dispatched.has(job)) continue;
      this.dispatched.add(job);
      if (this.startsOnDispatch) this.start(job);
      this.run(job, job.abort.signal, (e) => job.emit(e), () => this.start(job))
        .then(
          (outcome) => this.finish(job, job.abort.signal.aborted ? 'cancelled' : 'done', job.abort.signal.aborted ? undefined : outcome),
          (error: unknown) => this.finish(job, job.abort.signal.aborted ? 'cancelled' : 'failed', undefined, job.error ?? (error as Error).message),
        )
        .finally(() => {
          this.dispatched.delete(job);
          this.pump();
        });
    }
  }

  private start(job: Job<P>): void {
    if (job.state !== 'queued') return;
    this.waiting.splice(this.waiting.indexOf(job), 1);
    job.state = 'running';
    job.emit({ type: 'status', status: 'running' });
    this.announcePositions();
  }

  private announcePositions(): void {
    this.waiting.forEach((j) => j.emit({ type: 'status', status: 'queued', position: this.position(j)! }));
  }

  private finish(job: Job<P>, state: JobState, outcome?: Outcome, error?: string): void {
    const at = this.waiting.indexOf(job);
    if (at >= 0) this.waiting.splice(at, 1);
    job.state = state;
    job.finishedAt = new Date();
    if (outcome) job.outcome = outcome;
    if (error) job.error = error;
    this.completed++;
    job.emit({ type: 'status', status: state, ...(error && { error }), ...(outcome && { verdictLine: outcome.verdictLine }) });
    if (at >= 0) this.announcePositions();
    this.onFinished(job);
    this.sweep();
  }

  /** Forgets finished runs past their time, and the oldest beyond the count. */
  private sweep(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finished).sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime());
    finished.forEach((j, i) => {
      if (now - j.finishedAt!.getTime() > this.limits.keepMs || finished.length - i > this.limits.maxKept) {
        this.jobs.delete(j.id);
        this.onForget(j);
      }
    });
  }

  /** Set by the owner: removes a forgotten run's files. */
  onForget: (job: Job<P>) => void = () => {};
}
