// Where a worker keeps the results of the batches it ran, until each scenario's test takes its own.
// Playwright replaces a worker after a failed test: the worker leaves the results no test took yet
// in a file of this run, and its successor picks them up instead of running the rest again.

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioRun } from '../scenarios/cell.ts';

/** The directory of one runner's batch results (the runner removes it at the end: removeBatchDir). */
export const batchDir = (runnerPid: number) => join(tmpdir(), `cors-batches-${runnerPid}`);
export const removeBatchDir = () => rmSync(batchDir(process.pid), { recursive: true, force: true });

/** Results older than this are never reused (a runner pid can come back in a later run). */
const FRESH_MS = 30 * 60_000;

export class BatchStore {
  private readonly runs = new Map<string, ScenarioRun>();
  /** One directory per Playwright runner process (the workers' parent). */
  private readonly dir = batchDir(process.ppid);

  constructor(private readonly project: string) {}

  /** A scenario's result, once: a retried or repeated test runs it again. */
  take(id: string): ScenarioRun | undefined {
    if (!this.runs.has(id)) this.load();
    const run = this.runs.get(id);
    this.runs.delete(id);
    this.taken.add(id);
    return run;
  }

  keep(runs: Map<string, ScenarioRun>): void {
    for (const [id, run] of runs) this.runs.set(id, run);
  }

  /** At the worker's end: the results no test took (a failed test ends the worker early). */
  leaveUntaken(): void {
    if (!this.runs.size) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, `${this.project}-${process.pid}.json`), JSON.stringify([...this.runs]));
    } catch {
      // Only an optimisation: the next worker runs those scenarios again.
    }
  }

  /** Results a previous worker of this run left for this project, not yet taken here. */
  private load(): void {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.startsWith(`${this.project}-`) && f !== `${this.project}-${process.pid}.json`);
    } catch {
      return;
    }
    for (const file of files) {
      const path = join(this.dir, file);
      try {
        if (Date.now() - statSync(path).mtimeMs > FRESH_MS) continue;
        for (const [id, run] of JSON.parse(readFileSync(path, 'utf8')) as [string, ScenarioRun][]) if (!this.taken.has(id)) this.runs.set(id, run);
      } catch {}
    }
  }

  private readonly taken = new Set<string>();
}
