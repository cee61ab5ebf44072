// CORS_FAMILIES narrows `npm run matrix` to some scenario families (the doc tests' quick runs):
// the grep it gives selects exactly those families' tests, a narrowed run is never "complete",
// and a misspelt family is named with the list of real ones.

import { expect, test } from '../support/browserless.ts';
import { CATALOGUE_GREP, familiesGrep, runSelection } from '../../harness/runner/selection.ts';

test('CORS_FAMILIES: unset is the whole catalogue; simple,preflight greps those two; a narrowed run is not complete; a typo is named', () => {
  expect(familiesGrep(undefined)).toBe(CATALOGUE_GREP);
  expect(familiesGrep(' ')).toBe(CATALOGUE_GREP);
  const grep = new RegExp(familiesGrep('preflight, simple'));
  expect(grep.test('simple/no-acao: GET … @simple')).toBe(true);
  expect(grep.test('preflight/put: … @preflight')).toBe(true);
  expect(grep.test('redirect/hop: … @redirect')).toBe(false);
  expect(grep.test('simple/x … @simplest')).toBe(false);
  const config = { argv: ['node', 'playwright', 'test', '--grep', familiesGrep('simple')], shard: null } as unknown as Parameters<typeof runSelection>[0];
  const all = ['chromium', 'firefox', 'webkit'];
  expect(runSelection(config, all, all, 171).complete).toBe(false);
  expect(() => familiesGrep('simple,redirects')).toThrow('CORS_FAMILIES names unknown family redirects; use a comma-separated list of simple, credentialed, preflight, redirect, canvas, secure, viewer, auth, or leave it unset for all.');
});
