// Whole runs of the harness, checked from outside: the matrix validates against its schema, a
// baseline shows exactly the cells that changed, shards merge into the same matrix as one run,
// and a browser killed mid-run still leaves a valid matrix with the lost cells marked `error`.

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { copyProject, descendants, runCommand, runPlaywright, startPlaywright } from '../support/child-run.ts';
import { comparable } from '../support/matrix-compare.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const schema = JSON.parse(readFileSync(new URL('../../harness/matrix/matrix.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function readMatrix(dir: string): MatrixDocument {
  const doc = JSON.parse(readFileSync(join(dir, 'matrix.json'), 'utf8')) as MatrixDocument;
  expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
  return doc;
}

const essence = (doc: MatrixDocument) => doc.cells.map(({ scenario, engine, verdict, observed, server }) => ({ scenario, engine, verdict, observed, server }));

// A handful of real scenarios in one engine keeps each child run to a few seconds.
const GREP = ['--project', 'chromium', '--grep', 'simple/(no-acao|acao-star|acao-exact-origin|acao-trailing-slash):'];
let original: string;
let first: MatrixDocument;
const copies: string[] = [];
const copy = (...args: Parameters<typeof copyProject>) => {
  const dir = copyProject(...args);
  copies.push(dir);
  return dir;
};
test.beforeAll(() => {
  original = copy();
});
test.afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

test('a run writes matrix.json, matrix.md and index.html, and the JSON validates against the schema', async () => {
  const out = join(original, 'report-a');
  const run = await runPlaywright(original, ['test', ...GREP], { MATRIX_OUTPUT_DIR: out });
  expect(run.status, run.output).toBe(0);
  first = readMatrix(out);
  expect(first.run.status).toBe('complete');
  expect(first.cells.map((c) => `${c.scenario}@${c.engine}=${c.verdict}`).sort()).toEqual([
    'simple/acao-exact-origin@chromium=conforms',
    'simple/acao-star@chromium=conforms',
    'simple/acao-trailing-slash@chromium=conforms',
    'simple/no-acao@chromium=conforms',
  ]);
  expect(first.cells.every((c) => c.evidence.server.length > 0)).toBe(true);
  expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toContain('| `simple/no-acao`');
  expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('"simple/acao-star"');
});

test('a baseline lists exactly the cell whose declared deviation was edited', async () => {
  const edited = copy({}, {
    'specs/deviations.ts': (text) =>
      text.replace('// --- simple ---', "// --- simple ---\n  'simple/acao-star': { chromium: { observed: { result: 'blocked' }, cite: 'edited for the baseline test' } },"),
  });
  const out = join(edited, 'report-b');
  const run = await runPlaywright(edited, ['test', ...GREP], { MATRIX_OUTPUT_DIR: out, MATRIX_BASELINE: join(original, 'report-a', 'matrix.json') });
  expect(run.status).toBe(1); // the edited deviation no longer matches what Chromium does
  const doc = readMatrix(out);
  expect(doc.run.baseline?.engineVersions).toEqual([]);
  expect(doc.run.baseline?.changes.map((c) => ({ scenario: c.scenario, engine: c.engine, kind: c.kind, before: c.before?.verdict, after: c.after?.verdict }))).toEqual([
    { scenario: 'simple/acao-star', engine: 'chromium', kind: 'verdict', before: 'conforms', after: 'unexpected' },
  ]);
  expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toMatch(/Changes since baseline[\s\S]*`simple\/acao-star` \| chromium \| verdict/);
  expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('"engineVersions":[]');
});

test('two shards merged by the nightly workflow script give the same matrix as one run, and its exit code judges changes', async () => {
  const blobs = join(original, 'blobs');
  mkdirSync(blobs, { recursive: true });
  for (const shard of ['1/2', '2/2']) {
    const dir = join(original, `blob-${shard[0]}`);
    const run = await runPlaywright(original, ['test', ...GREP, '--shard', shard, '--reporter', 'blob'], { PLAYWRIGHT_BLOB_OUTPUT_DIR: dir });
    expect(run.status, run.output).toBe(0);
    cpSync(dir, blobs, { recursive: true });
  }
  // The same script, with the same arguments, as .github/workflows/nightly.yml's merge step.
  const mergeMatrix = (out: string, previous: string) => runCommand(original, 'sh', ['harness/ci/merge-matrix.sh', blobs, previous], { MATRIX_OUTPUT_DIR: out });
  const out = join(original, 'report-merged');
  const merged = await mergeMatrix(out, join(original, 'no-previous-night.json'));
  expect(merged.status, merged.output).toBe(0);
  expect(merged.output).toContain('nothing to compare with');
  const doc = readMatrix(out);
  expect(essence(doc)).toEqual(essence(first));
  // Everything else too, run info included (engines, versions, shard, status, summary, evidence), but
  // for what specs/support/matrix-compare.ts lists: timestamps, request counters, tokens, ports.
  expect(comparable(doc)).toEqual(comparable(first));

  const same = await mergeMatrix(join(original, 'report-same'), join(original, 'report-a', 'matrix.json'));
  expect(same.status, same.output).toBe(0);

  const previous = join(original, 'previous-night.json');
  const edited = JSON.parse(readFileSync(join(original, 'report-a', 'matrix.json'), 'utf8')) as MatrixDocument;
  edited.cells.find((c) => c.scenario === 'simple/acao-star')!.verdict = 'known-deviation';
  writeFileSync(previous, JSON.stringify(edited));
  const changed = await mergeMatrix(join(original, 'report-changed'), previous);
  expect(changed.status, changed.output).toBe(1);
  expect(changed.output).toContain('1 change(s) against the baseline');
  expect(readFileSync(join(original, 'report-changed', 'matrix.md'), 'utf8')).toMatch(/Changes since baseline[\s\S]*`simple\/acao-star` \| chromium/);
});

test('killing the browser mid-run still yields a valid matrix with the lost cell marked error', async () => {
  const dir = copy({ 'specs/slow.spec.ts': slowSpec('slow', 4) });
  const out = join(dir, 'report-kill');
  const run = await startPlaywright(dir, ['test', 'specs/slow.spec.ts', '--project', 'chromium'], { MATRIX_OUTPUT_DIR: out });
  const killed = await killBrowserOnceACellIsObserved(run.child.pid!, join(out, 'matrix.json'));
  const { status, output } = await run.done;
  expect(killed, 'found a chromium process to kill').toBeGreaterThan(0);
  expect(status, output).toBe(1);
  const doc = readMatrix(out);
  expect(doc.cells).toHaveLength(4);
  expect(doc.run.status).toBe('failed');
  const lost = doc.cells.filter((c) => c.verdict === 'error');
  expect(lost.length).toBeGreaterThan(0);
  for (const cell of lost) expect(cell.error, output).toMatch(/closed|crash|disconnected|Target/i);
  expect(doc.cells.filter((c) => c.verdict === 'conforms').length).toBeGreaterThan(0);
});

test('a browser that hangs (SIGSTOP) mid-run is caught in bounded time: its lost cells are error with the reason and the other engine keeps its cells', async () => {
  const dir = copy({ 'specs/hang.spec.ts': slowSpec('hang', 6) });
  const out = join(dir, 'report-hang');
  // One worker per engine at once, and a short test timeout: the hang must surface as a timeout. The
  // other engine is WebKit, whose fresh sessions start in a fraction of headed Firefox's seconds, so
  // a loaded machine cannot push its cells past the short timeout.
  const run = await startPlaywright(dir, ['test', 'specs/hang.spec.ts', '--project', 'chromium', '--project', 'webkit', '--workers', '2', '--timeout', '15000'], { MATRIX_OUTPUT_DIR: out, CORS_WORKERS: '2' });
  const stopped = await stopBrowserOnceACellIsObserved(run.child.pid!, join(out, 'matrix.json'));
  // Bounded from the hang on: the runner's start-up before it is the machine's load, not detection.
  const stoppedAt = Date.now();
  const { status, output } = await run.done;
  const seconds = (Date.now() - stoppedAt) / 1000;
  expect(stopped, 'found a chromium process to stop').toBeGreaterThan(0);
  expect(status, output).toBe(1);
  expect(seconds, 'detected and reported within bounded time').toBeLessThan(150);
  const doc = readMatrix(out);
  const lost = doc.cells.filter((c) => c.engine === 'chromium' && c.verdict === 'error');
  expect(lost.length).toBeGreaterThan(0);
  for (const cell of lost) expect(cell.error).toMatch(/timeout|timed out|closed|not run/i);
  const other = doc.cells.filter((c) => c.engine === 'webkit');
  expect(other.map((c) => c.verdict), `${JSON.stringify(other.map((c) => c.error ?? c.verdict))}\n${output}`).toEqual(Array(6).fill('conforms'));
  test.info().annotations.push({ type: 'hang', description: `stopped chromium; run ended ${seconds.toFixed(1)} s after the stop; ${lost.length} chromium cell(s) error` });
});

async function stopBrowserOnceACellIsObserved(runnerPid: number, matrixPath: string): Promise<number> {
  return signalBrowserOnceACellIsObserved(runnerPid, matrixPath, 'SIGSTOP');
}

/** A spec of `count` slow scenarios (a 1.5 s wait before the fetch): a moment to kill or stop the browser. */
function slowSpec(name: string, count: number): string {
  // isolation 'fresh': each runs alone, so a browser lost after the first cell loses the later ones
  // (an in-page batch would have observed them all at once; specs/unit/scenario-batch.test.ts covers a batch's crash).
  const scenario = (n: number) => `{ id: 'simple/${name}-${n}', family: 'simple', title: '${name} ${n}', isolation: 'fresh',
    action: { kind: 'sequence', steps: [{ kind: 'wait', ms: 1500 }, { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } } }] },
    spec: { observed: { result: 'done' }, server: { requests: 1 }, cite: 'harness self-test' } }`;
  return `import { scenarioTests } from '../harness/runner/scenario-tests.ts';\nscenarioTests([${Array.from({ length: count }, (_, i) => scenario(i + 1)).join(',')}], {});\n`;
}

async function killBrowserOnceACellIsObserved(runnerPid: number, matrixPath: string): Promise<number> {
  return signalBrowserOnceACellIsObserved(runnerPid, matrixPath, 'SIGKILL');
}

async function signalBrowserOnceACellIsObserved(runnerPid: number, matrixPath: string, signal: NodeJS.Signals): Promise<number> {
  // The first cell comes after the runner, the fixture server and a browser started: over 60 s at load 15.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    let observed = 0;
    try {
      observed = (JSON.parse(readFileSync(matrixPath, 'utf8')) as MatrixDocument).cells.filter((c) => c.observed && c.engine === 'chromium').length;
    } catch {}
    if (observed === 0) continue;
    const browsers = descendants(runnerPid).filter((p) => /chrom/.test(p.cmdline) && !/--type=/.test(p.cmdline));
    for (const b of browsers) process.kill(b.pid, signal);
    return browsers.length;
  }
  return 0;
}
