// An engine that failed to start twice in a run is not started again in it: every later worker's
// tests fail at once with the last failure's message. Without this, each test of the project
// restarts a worker that tries again (a WebDriver end refusing the capabilities, a missing browser):
// minutes of identical failures, more on a loaded machine. Twice, not once: a launch that timed out
// on a loaded machine is often a transient, and the next worker's launch succeeds.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineUnavailableError } from '../engines/types.ts';

/** `<runner pid>-<start time>`: set by the test runner before its workers start; workers inherit it. */
const RUN_ENV = 'CORS_HARNESS_RUN';

/**
 * Names this run, in every process that loads the config. A worker (the runner's child) keeps its
 * runner's name; any other process starts a run of its own, in particular a `playwright test` that
 * a test starts: it inherits the name, and its engines refused on purpose (a bogus remote end, a
 * channel not installed) must not mark the outer run's engines unavailable.
 */
export function markRun(): void {
  const owner = Number(process.env[RUN_ENV]?.split('-')[0]);
  if (owner === process.pid || owner === process.ppid) return;
  process.env[RUN_ENV] = `${process.pid}-${Date.now()}`;
  // The runner that named the run removes its folder as it exits; its workers only write there.
  const folder = runFolder(process.env[RUN_ENV]);
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}

const runFolder = (run: string) => join(tmpdir(), `cors-harness-run-${run}`);

function fileFor(project: string, launch: string): string | undefined {
  const run = process.env[RUN_ENV];
  if (!run) return undefined;
  const name = `${project}-${launch}`.replace(/[^\w.-]+/g, '_');
  return join(runFolder(run), `${name}.unavailable`);
}

const ATTEMPTS = 2;

const failures = (file: string): string[] => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : []);

/** The last error `project` (launched as `launch`) failed to start with, once it failed ATTEMPTS times in this run. */
export function knownUnavailable(project: string, launch: string): EngineUnavailableError | undefined {
  const file = fileFor(project, launch);
  const seen = file ? failures(file) : [];
  if (seen.length < ATTEMPTS) return undefined;
  return new EngineUnavailableError(`${seen.at(-1)} (failed to start ${seen.length} times in this run: not tried again)`);
}

export function rememberUnavailable(project: string, launch: string, error: unknown): void {
  const file = fileFor(project, launch);
  if (!file || !(error instanceof EngineUnavailableError)) return;
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify([...failures(file), error.message]));
}
