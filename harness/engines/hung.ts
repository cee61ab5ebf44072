// A browser that no longer answers (SIGSTOPped, deadlocked) or died while starting: a test that
// hangs must cost its timeout and a few seconds, not the worker's whole teardown budget, and a
// launch whose browser is gone must fail now, not at its timeout. Linux /proc; elsewhere nothing
// is found and the browser is left to Playwright's own clean-up.

import { readFileSync, readdirSync, rmSync } from 'node:fs';

/** Whether `promise` settled within `ms`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function processes(): { pid: number; ppid: number; cmdline: string }[] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return [{ pid: Number(name), ppid, cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') }];
    } catch {
      return [];
    }
  });
}

export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}

/** Kills every process whose command line names `text` (a browser's unique profile directory). */
function killProcessesNaming(text: string): void {
  for (const p of processes()) if (p.pid !== process.pid && p.cmdline.includes(text)) killQuietly(p.pid);
}

/**
 * Settles when every process whose command line names `text` (a browser's profile directory) has
 * ended, having been seen at least once; `stop()` ends the watch. Linux /proc: elsewhere it never settles.
 */
export function watchProcessesNaming(text: string, everyMs = 200): { ended: Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let seen = false;
  const ended = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      const alive = processes().some((p) => p.pid !== process.pid && p.cmdline.includes(text));
      if (alive) seen = true;
      else if (seen) resolve();
    }, everyMs);
  });
  return { ended, stop: () => clearInterval(timer) };
}

/** Every process below `pid`, with its command line. */
export function descendants(pid: number): { pid: number; cmdline: string }[] {
  const all = processes();
  const out: { pid: number; cmdline: string }[] = [];
  const walk = (parent: number) => {
    for (const p of all) if (p.ppid === parent) { out.push({ pid: p.pid, cmdline: p.cmdline }); walk(p.pid); }
  };
  walk(pid);
  return out;
}

/**
 * Removes a browser's profile directory. A browser that crashed or was killed leaves its child
 * processes (renderers, storage service) writing there for a moment: they are ended first, and the
 * removal is retried while the directory still fills (ENOTEMPTY). Clean-up never fails a test.
 */
export function removeProfileDir(dir: string): void {
  killProcessesNaming(dir);
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  } catch (error) {
    process.emitWarning(`could not remove the browser profile ${dir}: ${(error as Error).message}`);
  }
}
