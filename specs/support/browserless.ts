// The `unit` project's `test`: every child process a unit test starts is recorded (all of
// node:child_process goes through ChildProcess#spawn or the *Sync exports patched here), and a test
// that started a browser, a server or any other program fails, naming it. Whatever needs one
// belongs in specs/integration/. Servers inside the test process (Hono on node:http) are fine.

import childProcess, { ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/** Commands a unit test may run (matched against "program arg…"), each with why it is neither a browser nor a server. */
const ALLOWED_COMMANDS: { command: RegExp; why: string }[] = [
  { command: /^\S*\/esbuild --service=/, why: "esbuild's build service: the in-process fixture server bundles OpenLayers for its viewer pages" },
  { command: /^sh \S*\/harness\/ci\/[\w-]+\.sh /, why: 'the CI helper scripts, run against a stand-in `gh` in workflows.test.ts' },
];

const started: string[] = [];

function note(file: unknown, args: unknown): void {
  const command = [String(file), ...(Array.isArray(args) ? args.map(String) : [])].join(' ');
  started.push(command);
}

// Installed once per worker, on first import; the patched functions only record, then call through.
const SYNC = ['spawnSync', 'execSync', 'execFileSync'] as const;
// ChildProcess#spawn is untyped (internal), but every asynchronous spawn, exec and fork calls it.
type SpawnOptions = { file: string; args?: string[] };
const proto = ChildProcess.prototype as ChildProcess & { spawn: ((options: SpawnOptions) => unknown) & { recorded?: true } };
if (!proto.spawn.recorded) {
  const spawn = proto.spawn;
  proto.spawn = Object.assign(function (this: ChildProcess, options: SpawnOptions) {
    note(options.file, options.args?.slice(1));
    return spawn.call(this, options);
  }, { recorded: true as const });
  for (const name of SYNC) {
    const original = childProcess[name] as (...args: unknown[]) => unknown;
    (childProcess as Record<string, unknown>)[name] = (...args: unknown[]) => {
      note(args[0], args[1]);
      return original(...args);
    };
  }
  syncBuiltinESMExports();
}

/** The commands started since the last call that ALLOWED_COMMANDS does not allow. */
export function takeForbiddenStarts(): string[] {
  return started.splice(0).filter((command) => !ALLOWED_COMMANDS.some((allowed) => allowed.command.test(command)));
}

function refuse(commands: string[], where: string): void {
  if (!commands.length) return;
  throw new Error(
    `the unit project starts no browser, server or other program, but ${where} started:\n  ${commands.join('\n  ')}\n` +
      'Move the test to specs/integration/ (the `integration` project), or start the server in-process.',
  );
}

export const test = base.extend<{ noChildProcesses: void }, { noChildProcessesInHooks: void }>({
  // Per test, so the failure names the test; beforeAll/afterAll hooks are caught per worker.
  noChildProcesses: [
    async ({}, use) => {
      refuse(takeForbiddenStarts(), 'a hook before this test');
      await use();
      refuse(takeForbiddenStarts(), 'this test');
    },
    { auto: true },
  ],
  noChildProcessesInHooks: [
    async ({}, use) => {
      await use();
      refuse(takeForbiddenStarts(), 'an afterAll hook');
    },
    { auto: true, scope: 'worker' },
  ],
});
