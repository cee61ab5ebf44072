// The action's certify step (harness/action/certify.sh) run as the runner runs it: inputs as
// INPUT_* variables, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP set, against fixture server
// profiles whose diagnosis is known (correct; errors-without-acao). Checks the step summary, the
// outputs, the reports kept for the artifact and the exit code the job ends with.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';
import type { RunningFixtures } from '../../fixtures/server.ts';
import { originsFor } from '../../fixtures/origins.ts';

const ROOT = resolve(import.meta.dirname, '../..');
test.describe.configure({ mode: 'default', timeout: 240_000 });

let fixtures: RunningFixtures;
let temp: string;
test.beforeAll(async () => {
  fixtures = await startFixturesOnFreePorts();
});
test.afterAll(() => fixtures?.close());
test.beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'cors-action-'));
});
test.afterEach(() => rmSync(temp, { recursive: true, force: true }));

const info = (profile: string) => `${originsFor(fixtures.ports).image}/p/${profile}/iiif/3/landscape/info.json`;

/** certify.sh with the runner's environment: what a composite step gets. */
function runStep(inputs: Record<string, string>): Promise<{ status: number | null; output: string; summary: string; outputs: Record<string, string> }> {
  const files = { GITHUB_STEP_SUMMARY: join(temp, 'summary.md'), GITHUB_OUTPUT: join(temp, 'output'), GITHUB_ENV: join(temp, 'env') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env = {
    ...process.env,
    ...files,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_WORKSPACE: temp,
    REPORT_DIR: join(temp, 'cors-certify'),
    INPUT_ENGINES: 'chromium',
    INPUT_FAIL_ON: 'fail',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replaceAll('-', '_')}`, v])),
  };
  return new Promise((done) => {
    const child = spawn('bash', [join(ROOT, 'harness/action/certify.sh')], { cwd: temp, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('close', (status) => {
      const outputs = Object.fromEntries(
        readFileSync(files.GITHUB_OUTPUT, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      done({ status, output, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), outputs });
    });
  });
}

test('a list with a correct and a broken server: both reports in the summary, reports kept, the job fails (exit 1)', async () => {
  const run = await runStep({ list: `${info('correct')}\n${info('errors-without-acao')}\n` });
  expect(run.status, run.output).toBe(1);
  expect(run.outputs).toEqual({ verdict: 'fail', 'report-dir': join(temp, 'cors-certify') });
  // certify --format md: one report per URL, in order.
  expect(run.summary.indexOf(info('correct'))).toBeGreaterThanOrEqual(0);
  expect(run.summary.indexOf(info('errors-without-acao'))).toBeGreaterThan(run.summary.indexOf(info('correct')));
  expect(run.summary).toMatch(/PASS/);
  expect(run.summary).toMatch(/FAIL/);
  expect(run.summary).toContain('errors-without-acao');
  const kept = readdirSync(join(temp, 'cors-certify')).sort();
  expect(kept.filter((f) => f.endsWith('.json'))).toEqual(['certify-1.json', 'certify-2.json']);
  const verdicts = ['certify-1.json', 'certify-2.json'].map((f) => (JSON.parse(readFileSync(join(temp, 'cors-certify', f), 'utf8')) as { verdict: string }).verdict);
  expect(verdicts).toEqual(['pass', 'fail']);
  expect(run.output).toContain(`FAIL ${info('errors-without-acao')} (CORS)`);
});

test('fail-on: warn turns a CORS failure into a warning annotation and exit 0', async () => {
  const run = await runStep({ url: info('errors-without-acao'), 'fail-on': 'warn' });
  expect(run.status, run.output).toBe(0);
  expect(run.outputs.verdict).toBe('fail');
  expect(run.output).toContain('::warning::CORS failures found (fail-on: warn)');
  expect(run.summary).toContain('errors-without-acao');
});

test('an unreachable target fails the job whatever fail-on says (exit 2), with the reason in the summary', async () => {
  const run = await runStep({ url: 'http://127.0.0.1:9/iiif/x/info.json', 'fail-on': 'warn' });
  expect(run.status, run.output).toBe(2);
  expect(run.outputs.verdict).toBe('unusable');
  expect(run.summary).toContain('certify could not check http://127.0.0.1:9/iiif/x/info.json');
  expect(run.output).toMatch(/::error::certify could not check/);
});

test('bad inputs are named, not run: no URL; a fail-on that is neither fail nor warn', async () => {
  const none = await runStep({});
  expect(none.status).toBe(2);
  expect(none.output).toContain('::error::give the URL to certify');
  const bad = await runStep({ url: info('correct'), 'fail-on': 'never' });
  expect(bad.status).toBe(2);
  expect(bad.output).toContain('::error::fail-on takes fail or warn, got "never"');
  expect(existsSync(join(temp, 'cors-certify', 'certify-1.json'))).toBe(false);
});
