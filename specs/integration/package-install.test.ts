// The package as a server owner gets it: `npm pack`, installed from the tarball into an empty
// folder, `npx cors-harness certify <url>` against a real nginx gives the same verdict, root causes
// and exit code as `npm run certify` in this project; `--help` comes from the built tables without
// loading TypeScript; the tarball ships no tests.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// One engine: the comparison is of verdicts between two ways of starting the same code; every
// engine is certified by certify.test.ts. Installing the tarball is most of the time.
const ENGINES = 'chromium';

// Installing the tarball took 4.6 min on this 2-core machine at load 24 (most of the test), and
// over 7 min at load 40; a quiet machine takes well under that.
test.describe.configure({ mode: 'serial', timeout: 900_000 });

const children = new Set<ReturnType<typeof spawn>>();

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CORS_ENGINES: ENGINES, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.on('close', () => children.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

let work: string;
let installed: string;
let nginx: Daemon | undefined;
test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cors-harness-pack-'));
  const { trees } = cutTrees(work);
  // The classic mistake: add_header without `always`, so 404s lack ACAO (errors-without-acao).
  const options = `      if ($request_method = OPTIONS) {\n        add_header Access-Control-Allow-Origin "*";\n        add_header Access-Control-Allow-Headers "Accept, Authorization";\n        return 204;\n      }`;
  nginx = await startNginx(work, trees, { iiif: `${options}\n      add_header Access-Control-Allow-Origin "*";` });
});
test.afterAll(async () => {
  // A timed-out test leaves its npm or certify running: end it before removing its folder.
  for (const child of children) child.kill('SIGKILL');
  await nginx?.stop();
  rmSync(work, { recursive: true, force: true, maxRetries: 5 });
});

test('npm pack → npm install <tarball> in an empty folder → npx cors-harness certify: same verdict as npm run certify', async () => {
  const pack = await run('npm', ['pack', '--pack-destination', work, '--json'], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  const [{ filename, files }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  const shipped = files.map((f) => f.path);
  expect(shipped).toContain('bin/cors-harness.js');
  expect(shipped).toContain('dist/commands.json');
  expect(shipped.filter((p) => /^specs\/(unit|integration)\/|^harness\/(bench|fuzz)\//.test(p))).toEqual([]);

  installed = join(work, 'empty');
  mkdirSync(installed);
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, filename)], installed);
  expect(install.status, install.stderr).toBe(0);
  expect(readdirSync(installed).sort()).toEqual(['node_modules', 'package-lock.json', 'package.json']);

  const url = `${nginx!.origin}/iiif/v3/img/info.json`;
  const [fromPackage, fromClone] = await Promise.all([
    run('npx', ['--no-install', 'cors-harness', 'certify', url, '--json', join(work, 'package.json.out'), '--quiet'], installed),
    run('npm', ['run', '--silent', 'certify', '--', url, '--json', join(work, 'clone.json.out'), '--quiet'], ROOT),
  ]);
  expect(fromPackage.status, fromPackage.stderr).toBe(1);
  expect(fromClone.status, fromClone.stderr).toBe(1);
  const read = (f: string) => JSON.parse(readFileSync(join(work, f), 'utf8')) as { verdict: string; diagnoses: { cause: string }[]; engines: { project: string; version: string }[] };
  const [a, b] = [read('package.json.out'), read('clone.json.out')];
  expect(a.verdict).toBe('fail');
  expect(a.verdict).toBe(b.verdict);
  expect(a.diagnoses.map((d) => d.cause)).toEqual(['errors-without-acao']);
  expect(a.diagnoses.map((d) => d.cause)).toEqual(b.diagnoses.map((d) => d.cause));
  expect(a.engines.map((e) => `${e.project} ${e.version}`)).toEqual(b.engines.map((e) => `${e.project} ${e.version}`));
  expect(fromPackage.stdout).toContain('FAIL: 1 root cause');
});

test('the installed command: --help from the built tables (no TypeScript loaded), usage errors, setup-browsers --check', async () => {
  expect(installed, 'needs the install of the test before, which failed').toBeTruthy(); // fails, never skips
  const bin = join(installed, 'node_modules/.bin/cors-harness');
  // CPU time of the help path, by bash's `time` (children included): the built help costs about
  // 0.15 s here, the TypeScript path over 2 s.
  for (const sub of ['', 'certify', 'matrix', 'fixtures', 'setup-browsers', 'browser-server']) {
    const timed = await run('bash', ['-c', `TIMEFORMAT='%U %S'; time "${bin}" ${sub} --help >/dev/null`], installed);
    const [user, sys] = timed.stderr.trim().split(/\s+/).map(Number);
    expect(timed.status).toBe(0);
    expect(user! + sys!, `cors-harness ${sub} --help CPU seconds`).toBeLessThan(0.6);
  }
  const help = await run(bin, ['certify', '--help'], installed);
  expect(help.stdout).toMatch(/^Usage: cors-harness certify <url> \[options\]/);
  expect(help.stdout).toContain('--viewer-origin <origin>');
  const bad = await run(bin, ['certify'], installed);
  expect(bad.status).toBe(2);
  // The cause, then the usage line with every alternative naming the installed command (none says `npm run`).
  const [cause, usage, hint] = bad.stderr.split('\n');
  expect(cause).toBe('certify: missing the URL to certify: give <url>, --list <file>, or --serve for the web page');
  expect(usage).toMatch(/^Usage: cors-harness certify <url> \[options\] {3}\| {3}cors-harness certify --list <file> \[options\] {3}\| {3}cors-harness certify --serve /);
  expect(usage).not.toContain('npm run');
  expect(hint).toBe('Run with --help for the options.');
  const unknown = await run(bin, ['certfy'], installed);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown command "certfy"');
  const check = await run(bin, ['setup-browsers', '--check', '--engines-only'], installed);
  expect(check.status, check.stdout + check.stderr).toBe(0);
});
