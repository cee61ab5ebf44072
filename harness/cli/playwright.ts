// How our commands run Playwright's own CLI: this Node and the installed @playwright/test, without
// npx (which spends about half a second finding a binary we already know the path of).

import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
/** The project (or installed package) root: its config and specs, wherever the command runs from. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `playwright <args>`, waited for; the exit status, 1 if it had none (killed by a signal). Run from
 * another folder (the installed `cors-harness matrix`), `test` is pointed at the package's config;
 * reports are still written under the folder it runs from.
 */
export function runPlaywright(args: string[], options: SpawnSyncOptions): number {
  const cwd = resolve(String(options.cwd ?? process.cwd()));
  const config = args[0] === 'test' && !args.some((a) => a === '-c' || a.startsWith('--config')) && !existsSync(join(cwd, 'playwright.config.ts')) ? ['--config', join(PROJECT_ROOT, 'playwright.config.ts')] : [];
  return spawnSync(process.execPath, [cli, args[0]!, ...config, ...args.slice(1)], options).status ?? 1;
}
