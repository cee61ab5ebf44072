// Whole runs, checked from outside: listing
// tests never touches the last report, and a partial run says in its run info what it covered.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyProject, runPlaywright } from '../support/child-run.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let dir: string;
test.beforeAll(() => {
  dir = copyProject();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('`playwright test --list` writes no matrix: the last report stays as it was', async () => {
  const out = join(dir, 'report-list');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'matrix.json'), '{"the last real report":true}');
  const run = await runPlaywright(dir, ['test', '--list'], { MATRIX_OUTPUT_DIR: out });
  expect(run.status, run.output).toBe(0);
  expect(readFileSync(join(out, 'matrix.json'), 'utf8')).toBe('{"the last real report":true}');
  expect(run.output).toContain('left as it was');
});

test('a --grep run in one engine records the selection it covers in run info', async () => {
  const out = join(dir, 'report-grep');
  const grep = 'simple/(no-acao|acao-star):';
  const run = await runPlaywright(dir, ['test', '--project=chromium', '--grep', grep], { MATRIX_OUTPUT_DIR: out });
  expect(run.status, run.output).toBe(0);
  const doc = JSON.parse(readFileSync(join(out, 'matrix.json'), 'utf8')) as MatrixDocument;
  expect(doc.run.selection).toEqual({ complete: false, projects: ['chromium'], grep, grepInvert: null, cells: 2 });
  expect(doc.cells.map((c) => `${c.scenario} ${c.verdict}`)).toEqual(['simple/acao-star conforms', 'simple/no-acao conforms']);
});
