// Browser channels (CORS_ENGINES=<engine>@<channel>): each is its own project, so one matrix holds
// several builds of an engine side by side with the exact version in every cell; a channel that is
// not installed fails every one of its cells naming what to install. This machine has only the
// Debian builds, so the side-by-side run uses the channels they answer to: `chromium` (Debian
// chromium, the default project) next to `chromium@chromium` (the same build named as a channel),
// and `firefox@moz-firefox` (Debian firefox-esr over BiDi).

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyProject, runPlaywright } from '../support/child-run.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

test.describe('whole runs', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });
  let dir: string;
  test.beforeAll(() => {
    dir = copyProject();
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const GREP = ['--grep', 'simple/(no-acao|acao-star|cross-site-star):'];
  const read = (out: string) => JSON.parse(readFileSync(join(out, 'matrix.json'), 'utf8')) as MatrixDocument;

  test('two channels of one engine land side by side in one matrix, the version in every cell', async () => {
    const out = join(dir, 'channels');
    const run = await runPlaywright(dir, ['test', ...GREP], { MATRIX_OUTPUT_DIR: out, CORS_ENGINES: 'chromium,chromium@chromium,firefox@moz-firefox', CORS_WORKERS: '2' });
    expect(run.status, run.output).toBe(0);
    const doc = read(out);
    expect(doc.run.engines.map((e) => [e.project, e.engine, e.browser])).toEqual([
      ['chromium', 'chromium', 'Chromium'],
      ['chromium@chromium', 'chromium', 'Chromium'],
      ['firefox@moz-firefox', 'firefox', 'Firefox ESR'],
    ]);
    expect(doc.cells).toHaveLength(9);
    for (const cell of doc.cells) expect(cell.engineVersion, cell.engine).toMatch(/^\d+\.\d+/);
    expect(doc.cells.map((c) => c.verdict)).toEqual(Array(9).fill('conforms'));
    const byProject = (p: string) => doc.cells.filter((c) => c.engine === p).map(({ scenario, verdict, observed }) => ({ scenario, verdict, observed }));
    expect(byProject('chromium@chromium')).toEqual(byProject('chromium'));
    const md = readFileSync(join(out, 'matrix.md'), 'utf8');
    expect(md).toContain('chromium@chromium');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('firefox@moz-firefox');
  });

  test('an uninstalled channel in the run fails its cells with what to install, and the other project still runs', async () => {
    const out = join(dir, 'missing');
    const run = await runPlaywright(dir, ['test', ...GREP], { MATRIX_OUTPUT_DIR: out, CORS_ENGINES: 'chromium,chromium@chrome-beta' });
    expect(run.status).toBe(1);
    expect(run.output).toContain('Google Chrome Beta is not installed');
    const doc = read(out);
    const beta = doc.cells.filter((c) => c.engine === 'chromium@chrome-beta');
    expect(beta.map((c) => c.verdict)).toEqual(['error', 'error', 'error']);
    for (const cell of beta) expect(cell.error).toMatch(/Google Chrome Beta is not installed.*google-chrome-beta/);
    // The run info says why that engine did not run (the matrix's "did not run:" line).
    expect(doc.run.engines.find((e) => e.project === 'chromium@chrome-beta')?.error).toMatch(/Google Chrome Beta is not installed/);
    expect(doc.cells.filter((c) => c.engine === 'chromium').map((c) => c.verdict)).toEqual(['conforms', 'conforms', 'conforms']);
  });
});
