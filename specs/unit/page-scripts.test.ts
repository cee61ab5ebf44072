// Every page script (the typed modules in browser/ folders) bundles into one plain script that
// parses as a classic script and pulls nothing of Node or of the harness into the page: type
// imports vanish, values come only from the page's own folder.

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pageScriptSync } from '../../fixtures/page-script.ts';
import { expect, test } from '../support/browserless.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ENTRIES = [
  'fixtures/browser/runner.ts',
  'fixtures/viewers/browser/osd.ts',
  'fixtures/viewers/browser/mirador.ts',
  'fixtures/viewers/browser/ol.ts',
  'harness/matrix/browser/matrix-page.ts',
  'harness/report/browser/report-page.ts',
];

test('every browser/ module is an entry above or imported by one', () => {
  const found = ['fixtures', 'harness'].flatMap((top) =>
    readdirSync(join(ROOT, top), { recursive: true, encoding: 'utf8' })
      .filter((f) => /(^|\/)browser\/[^/]+\.ts$/.test(f))
      .map((f) => relative(ROOT, join(ROOT, top, f))),
  );
  const shared = ['fixtures/viewers/browser/common.ts', 'fixtures/viewers/browser/libraries.ts'];
  expect(found.sort()).toEqual([...ENTRIES, ...shared].sort());
});

for (const entry of ENTRIES) {
  test(`${entry} bundles into one plain script`, () => {
    const script = pageScriptSync(pathToFileURL(join(ROOT, entry)));
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/\brequire\(|^import |@sinclair\/typebox|node:/m);
  });
}
