// Where a worker keeps the results of the batches it ran, until each scenario's test takes its own.
// Also written to a file per run: Playwright replaces a worker after a failed test, and the new
// worker picks up the batch results instead of running the rest of the family again.

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioRun } from './cell.ts';

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
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, `${this.project}-${process.pid}-${Date.now()}.json`), JSON.stringify([...runs]));
    } catch {
      // Only an optimisation: a replaced worker runs the rest of the batch again.
    }
  }

  /** Results a previous worker of this run left for this project, not yet taken here. */
  private load(): void {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.startsWith(`${this.project}-`) && !f.startsWith(`${this.project}-${process.pid}-`));
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
