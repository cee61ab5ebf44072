// How our commands run Playwright's own CLI: this Node and the installed @playwright/test, without
// npx (which spends about half a second finding a binary we already know the path of).

import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');

/** `playwright <args>`, waited for; the exit status, 1 if it had none (killed by a signal). */
export function runPlaywright(args: string[], options: SpawnSyncOptions): number {
  return spawnSync(process.execPath, [cli, ...args], options).status ?? 1;
}
