// The docs by topic: the README stays short, every shell command shown in it and in docs/ is in the
// table of checked commands (specs/support/doc-commands.ts) and every table row is still shown,
// every test a row names exists, and every relative link resolves (the pages other branches write
// are listed in docs/index.md ahead of their merge and allowed to be missing until then).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from '../support/browserless.ts';
import { DOC_COMMANDS, shellCommands } from '../support/doc-commands.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
/** Written by other branches (AGREEMENTS.md), linked from docs/index.md before they arrive. */
const OTHER_BRANCHES = ['docs/certify-causes.md', 'docs/certify-collection.md', 'docs/certify-service.md', 'docs/auth.md', 'docs/verdicts.md'];

test('README.md is at most 150 lines, keeps the two quick-start commands, and links docs/', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme.split('\n').length).toBeLessThanOrEqual(150);
  expect(readme).toContain('npm run matrix   # the scenario catalogue in all three engines');
  expect(readme).toContain('npm test         # the test suite');
  expect(readme).toContain('(docs/index.md)');
});

test('every command in README.md and docs/ is in the table of checked commands, and every row is still shown', () => {
  const shown = DOCS.flatMap((doc) => shellCommands(readFileSync(join(ROOT, doc), 'utf8')).map((command) => ({ doc, command })));
  expect(shown.filter(({ command }) => !(command in DOC_COMMANDS)).map(({ doc, command }) => `${doc}: ${command}`)).toEqual([]);
  const all = new Set(shown.map((s) => s.command));
  expect(Object.keys(DOC_COMMANDS).filter((c) => !all.has(c))).toEqual([]);
});

test('the tests and scripts the table names exist', () => {
  for (const [command, check] of Object.entries(DOC_COMMANDS)) {
    if (!('by' in check)) continue;
    const file = check.by.split(' ')[0]!;
    expect(existsSync(join(ROOT, file)), `${command}: ${file}`).toBe(true);
  }
});

test('every relative link in README.md and docs/ resolves', () => {
  const broken: string[] = [];
  for (const doc of DOCS) {
    for (const [, target] of readFileSync(join(ROOT, doc), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const path = join(dirname(join(ROOT, doc)), target!);
      const relative = path.slice(ROOT.length + 1);
      if (!existsSync(path) && !OTHER_BRANCHES.includes(relative)) broken.push(`${doc}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
