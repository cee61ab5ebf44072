// Runs the harness as a user would, in a throwaway copy of this project, for tests about whole
// runs (reports, baselines, shards, crashes). A copy lets a test edit a deviation or add a spec
// without any test-only hook in the product code.

import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { candidateFixturePorts } from '../../harness/free-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// .github too, so a copy is the project as CI checks it out.
// Every unit file is loaded when a child run lists its tests, so what they read at load time (action.yml, README.md, docs/) comes along.
const COPIED = ['.github', 'action.yml', 'bin', 'contract', 'docs', 'fixtures', 'harness', 'specs', 'package.json', 'playwright.config.ts', 'README.md', 'tsconfig.json'];

export function copyProject(files: Record<string, string> = {}, edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-harness-copy-'));
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [path, edit] of Object.entries(edits)) writeFileSync(join(dir, path), edit(readFileSync(join(dir, path), 'utf8')));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

export interface ChildRun {
  child: ChildProcess;
  done: Promise<{ status: number | null; output: string }>;
}

/** `playwright <args>` in `dir`, on its own free ports, with a clean Playwright environment. */
export async function startPlaywright(dir: string, args: string[], env: Record<string, string> = {}): Promise<ChildRun> {
  return startCommand(dir, join(ROOT, 'node_modules/.bin/playwright'), args, env);
}

/** Runs to the end; started again on other ports when the fixture server found its port taken. */
export async function runPlaywright(dir: string, args: string[], env: Record<string, string> = {}) {
  return runCommand(dir, join(ROOT, 'node_modules/.bin/playwright'), args, env);
}

/** Any command in `dir` (a script the CI workflows call, say), with the same environment and retry. */
export async function runCommand(dir: string, command: string, args: string[], env: Record<string, string> = {}) {
  for (let attempt = 1; ; attempt++) {
    const run = await (await startCommand(dir, command, args, env)).done;
    if (run.status === 0 || attempt >= 5 || !/is already in use\. Stop whatever holds it/.test(run.output)) return run;
  }
}

async function startCommand(dir: string, command: string, args: string[], env: Record<string, string>): Promise<ChildRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|FORCE_COLOR)/.test(k)));
  const ports = candidateFixturePorts();
  const child = spawn(command, args, {
    cwd: dir,
    env: { ...inherited, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), CI: '1', CORS_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const done = new Promise<{ status: number | null; output: string }>((resolveDone) => child.on('close', (status) => resolveDone({ status, output })));
  return { child, done };
}

export { descendants } from '../../harness/engines/hung.ts';
