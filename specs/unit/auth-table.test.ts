// docs/auth.md's "Auth 2.0 deployments × engines" table is what `npm run auth:table` generates from
// the matrix it was made from: that matrix's deployment cells are recorded in
// specs/support/recorded/auth-deployments.matrix.json (written by the same run), so a hand edit of
// the table, or a generator change without regenerating it, fails here.

import { readFileSync } from 'node:fs';
import { expect, test } from '../support/browserless.ts';
import { DEPLOYMENT_ROWS, TABLE_END, TABLE_START, deploymentTable, readMatrix } from '../../harness/auth/deployments.ts';

test('the committed deployments table is the generator\'s output for the recorded matrix', () => {
  const doc = readFileSync('docs/auth.md', 'utf8');
  const committed = doc.slice(doc.indexOf(TABLE_START) + TABLE_START.length, doc.indexOf(TABLE_END)).trim();
  const recorded = readMatrix('specs/support/recorded/auth-deployments.matrix.json');
  expect(committed).toBe(deploymentTable(recorded, DEPLOYMENT_ROWS));
  // Every engine answers for every deployment (nothing "not run").
  expect(committed).not.toContain('not run');
  expect(recorded.run.engines.map((e) => e.project).sort()).toEqual(['chromium', 'firefox', 'webkit']);
});
