// The unit project is browserless by construction: every unit test takes `test` from
// specs/support/browserless.ts, which fails a test that starts a program; that guard has teeth;
// and `--project unit` starts no fixture server (config.webServer).

import { exec, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { needsFixtureServer } from '../../harness/runner/test-projects.ts';
import { expect, takeForbiddenStarts, test } from '../support/browserless.ts';

test('every unit test file takes `test` from specs/support/browserless.ts', () => {
  const dir = import.meta.dirname;
  const unguarded = readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return /from '@playwright\/test'/.test(text) || !text.includes("from '../support/browserless.ts'");
    });
  expect(unguarded).toEqual([]);
});

test('a program started any way is caught, a browser included', async () => {
  spawnSync(process.execPath, ['-e', '']);
  execFileSync('true');
  await new Promise((resolve) => spawn('/usr/bin/chromium', ['--version']).on('error', resolve).on('close', resolve));
  await new Promise((resolve) => exec('nginx -v', resolve));
  expect(takeForbiddenStarts()).toEqual([`${process.execPath} -e `, 'true', '/usr/bin/chromium --version', '/bin/sh -c nginx -v']);
});

test('`--project unit` and `--project integration` start no fixture server; an engine project does', () => {
  expect(needsFixtureServer(['node', 'playwright', 'test', '--project', 'unit'])).toBe(false);
  expect(needsFixtureServer(['node', 'playwright', 'test', '--project=unit', '--project', 'integration', '--grep', 'x'])).toBe(false);
  expect(needsFixtureServer(['node', 'playwright', 'test', '--project', 'unit', 'chromium'])).toBe(true);
  expect(needsFixtureServer(['node', 'playwright', 'test', '--project', 'unit', '--project', 'webkit'])).toBe(true);
  expect(needsFixtureServer(['node', 'playwright', 'test', '--project', 'uni*'])).toBe(true);
  expect(needsFixtureServer(['node', 'playwright', 'test'])).toBe(true);
});
