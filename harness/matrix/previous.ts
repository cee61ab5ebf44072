// The last complete matrix survives a run that never completes. When a run starts writing its
// report, a complete matrix already there is copied to <out>/previous/ first; a run that completes
// removes previous/ again (it is now the last complete one); a run that is interrupted, crashes or
// is killed (SIGKILL included: nothing runs at its end) leaves previous/ as it was.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const PREVIOUS_DIR = 'previous';

/** Whether `dir` holds a matrix.json of a run that observed every cell it selected. */
export function holdsCompleteMatrix(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'matrix.json'), 'utf8')) as { run?: { status?: string } }).run?.status === 'complete';
  } catch {
    return false;
  }
}

/** Before a run's first write: a complete report in `outDir` becomes `outDir/previous/` (its files, not its subdirectories). */
export function keepLastComplete(outDir: string): void {
  if (!holdsCompleteMatrix(outDir)) return;
  const staging = join(outDir, `${PREVIOUS_DIR}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const entry of readdirSync(outDir, { withFileTypes: true })) if (entry.isFile()) copyFileSync(join(outDir, entry.name), join(staging, entry.name));
  rmSync(join(outDir, PREVIOUS_DIR), { recursive: true, force: true });
  renameSync(staging, join(outDir, PREVIOUS_DIR));
}

/** After a run completes: its own report is the last complete one. */
export function dropPrevious(outDir: string): void {
  rmSync(join(outDir, PREVIOUS_DIR), { recursive: true, force: true });
}

export const previousKept = (outDir: string) => existsSync(join(outDir, PREVIOUS_DIR, 'matrix.json'));
