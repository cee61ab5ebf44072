// The fixture server a run uses is its own: a server of another build answering on the ports is
// refused, naming its PID and how to stop it (Playwright's webServer would reuse it silently);
// the same build's server is reused outside CI. A run killed with SIGKILL leaves no process
// behind (the fixture server ends with its runner) and keeps the last complete matrix in
// <out>/previous/ until a run completes.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURE_READY_LINE } from '../../contract/names.ts';
import { candidateFixturePorts } from '../../harness/free-fixtures.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import { killQuietly } from '../../harness/engines/hung.ts';
import { copyProject, descendants, runPlaywright, startPlaywright } from '../support/child-run.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const GREP = ['--project', 'chromium', '--grep', 'simple/(no-acao|acao-star):'];
type Ports = ReturnType<typeof candidateFixturePorts>;

let dir: string;
let otherBuild: string;
const servers: ChildProcess[] = [];
test.beforeAll(() => {
  dir = copyProject({ 'specs/slow.spec.ts': slowSpec(4) });
  // Another build: the same project with one fixture file edited (another fixtures/ hash).
  otherBuild = copyProject({}, { 'fixtures/index-page.ts': (text) => `${text}\n// another build\n` });
});
test.afterAll(() => {
  for (const server of servers) server.kill('SIGKILL');
  for (const d of [dir, otherBuild]) rmSync(d, { recursive: true, force: true });
});

/** `npm run fixtures -- --quiet` in `projectDir`, on free ports; resolves once it listens. */
async function startFixtureServer(projectDir: string): Promise<{ child: ChildProcess; ports: Ports }> {
  for (let attempt = 1; ; attempt++) {
    const ports = candidateFixturePorts();
    const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/cli.ts', '--quiet'], { cwd: projectDir, env: { ...process.env, ...ports }, stdio: ['ignore', 'pipe', 'pipe'] });
    servers.push(child);
    let output = '';
    const ready = await new Promise<boolean>((resolve) => {
      child.stdout!.on('data', (d: Buffer) => (output += d) && output.includes(FIXTURE_READY_LINE) && resolve(true));
      child.stderr!.on('data', (d: Buffer) => (output += d));
      child.on('exit', () => resolve(false));
      setTimeout(() => resolve(false), 60_000);
    });
    if (ready) return { child, ports };
    child.kill('SIGKILL');
    if (attempt >= 5 || !/already in use/.test(output)) throw new Error(`fixture server did not start: ${output}`);
  }
}

test("a run started while another build's fixture server answers on its ports fails naming its PID; this build's own is reused outside CI", async () => {
  const foreign = await startFixtureServer(otherBuild);
  const pid = foreign.child.pid!;
  const out = join(dir, 'report-foreign');
  const refused = await runPlaywright(dir, ['test', ...GREP], { ...foreign.ports, MATRIX_OUTPUT_DIR: out });
  expect(refused.status, refused.output).toBe(1);
  expect(refused.output).toContain(`A fixture server from other code answers on port ${foreign.ports.CORS_VIEWER_PORT} (viewer origin): PID ${pid}`);
  expect(refused.output).toContain(`Stop it with \`kill ${pid}\``);
  expect(refused.output).not.toMatch(/\n\s+at /); // a cause and what to do, no stack trace
  expect(existsSync(out), 'no test ran, nothing was written').toBe(false);
  expect(foreign.child.exitCode, 'the foreign server is left to its owner').toBeNull();
  foreign.child.kill();

  const own = await startFixtureServer(dir);
  const ownPid = own.child.pid!;
  const inCi = await runPlaywright(dir, ['test', ...GREP], { ...own.ports, MATRIX_OUTPUT_DIR: out });
  expect(inCi.status, inCi.output).toBe(1);
  expect(inCi.output).toContain(`A fixture server (PID ${ownPid}`);
  expect(inCi.output).toContain('CI never reuses one');
  const reused = await runPlaywright(dir, ['test', ...GREP], { ...own.ports, MATRIX_OUTPUT_DIR: out, CI: '' });
  expect(reused.status, reused.output).toBe(0);
  const health = (await (await fetch(`http://127.0.0.1:${own.ports.CORS_VIEWER_PORT}/__control/health`)).json()) as { pid: number };
  expect(health.pid, 'the run used the server that was there').toBe(ownPid);
  own.child.kill();
});

test('a run killed with SIGKILL leaves the previous complete matrix in place and no process behind', async () => {
  test.setTimeout(600_000); // three child runs; a loaded machine takes minutes
  const out = join(dir, 'report-kill');
  const first = await runPlaywright(dir, ['test', ...GREP], { MATRIX_OUTPUT_DIR: out });
  expect(first.status, first.output).toBe(0);
  const complete = readFileSync(join(out, 'matrix.json'), 'utf8');
  expect((JSON.parse(complete) as MatrixDocument).run.status).toBe('complete');

  const ports = candidateFixturePorts();
  const run = await startPlaywright(dir, ['test', 'specs/slow.spec.ts', '--project', 'chromium'], { ...ports, MATRIX_OUTPUT_DIR: out });
  const runner = run.child.pid!;
  let output = '';
  for (const stream of [run.child.stdout!, run.child.stderr!]) stream.on('data', (d: Buffer) => (output += d));
  let behind: { pid: number; cmdline: string }[] = [];
  try {
    await expect.poll(() => slowCellsObserved(join(out, 'matrix.json')), { message: `a slow cell observed; the run so far:\n${output}`, timeout: 240_000, intervals: [100] }).toBeGreaterThan(0);
    behind = descendants(runner);
    expect(behind.map((p) => p.cmdline).join('\n')).toMatch(/fixtures\/cli\.ts .*--exit-with/);
    expect(behind.map((p) => p.cmdline).join('\n')).toMatch(/chrom/);
    process.kill(runner, 'SIGKILL');
    // Every process the run had started ends by itself: workers, browsers, the fixture server.
    await expect.poll(() => stillRunning(behind).map((p) => `${p.pid} ${p.cmdline.slice(0, 120)}`), { timeout: 30_000, intervals: [250] }).toEqual([]);
    await expect.poll(() => answers(Number(ports.CORS_VIEWER_PORT)), { timeout: 5_000 }).toBe(false);
  } finally {
    for (const pid of [runner, ...stillRunning(behind).map((p) => p.pid)]) killQuietly(pid);
  }
  // The last complete matrix, as it was; the killed run's own (never finished) beside it.
  expect(readFileSync(join(out, 'previous', 'matrix.json'), 'utf8')).toBe(complete);
  expect((JSON.parse(readFileSync(join(out, 'matrix.json'), 'utf8')) as MatrixDocument).run.status).toBe('running');

  // A run that completes is the last complete matrix again: previous/ goes.
  const next = await runPlaywright(dir, ['test', ...GREP], { MATRIX_OUTPUT_DIR: out });
  expect(next.status, next.output).toBe(0);
  expect(existsSync(join(out, 'previous'))).toBe(false);
});

function slowCellsObserved(path: string): number {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as MatrixDocument).cells.filter((c) => c.scenario.startsWith('simple/slow-') && c.observed).length;
  } catch {
    return 0;
  }
}

/** The processes of `list` still running (a zombie waiting for its reaper has ended). */
function stillRunning(list: { pid: number; cmdline: string }[]) {
  return list.filter(({ pid }) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  });
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/__control/health`, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

/** Slow scenarios (a 1.5 s wait before the fetch), each alone in a fresh browser: time to kill the run mid-way. */
function slowSpec(count: number): string {
  const scenario = (n: number) => `{ id: 'simple/slow-${n}', family: 'simple', title: 'slow ${n}', isolation: 'fresh',
    action: { kind: 'sequence', steps: [{ kind: 'wait', ms: 1500 }, { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } } }] },
    spec: { observed: { result: 'done' }, server: { requests: 1 }, cite: 'harness self-test' } }`;
  return `import { scenarioTests } from '../harness/runner/scenario-tests.ts';\nscenarioTests([${Array.from({ length: count }, (_, i) => scenario(i + 1)).join(',')}], {});\n`;
}
