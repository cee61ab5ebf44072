// docs/auth.md's "Auth 2.0 deployments × engines" table is what `npm run auth:table` generates from
// the matrix it was made from: that matrix's deployment cells are recorded in
// specs/support/recorded/auth-deployments.matrix.json (written by the same run), so a hand edit of
// the table, or a generator change without regenerating it, fails here.

import { readFileSync } from 'node:fs';
import { expect, test } from '../support/browserless.ts';
import { AUTH_TABLE_TITLE, DEPLOYMENT_ROWS, TABLE_END, TABLE_START, deploymentTable, readMatrix } from '../../harness/auth/deployments.ts';
import { renderMarkdown } from '../../harness/matrix/markdown.ts';
import { renderHtml } from '../../harness/matrix/html.ts';

test('the committed deployments table is the generator\'s output for the recorded matrix', () => {
  const doc = readFileSync('docs/auth.md', 'utf8');
  const committed = doc.slice(doc.indexOf(TABLE_START) + TABLE_START.length, doc.indexOf(TABLE_END)).trim();
  const recorded = readMatrix('specs/support/recorded/auth-deployments.matrix.json');
  expect(committed).toBe(deploymentTable(recorded, DEPLOYMENT_ROWS));
  // Every engine answers for every deployment (nothing "not run").
  expect(committed).not.toContain('not run');
  expect(recorded.run.engines.map((e) => e.project).sort()).toEqual(['chromium', 'firefox', 'webkit']);
});

test('the matrix report shows the same table when the run has the auth family, and none otherwise', () => {
  const recorded = readMatrix('specs/support/recorded/auth-deployments.matrix.json');
  const md = renderMarkdown(recorded);
  expect(md).toContain(`## ${AUTH_TABLE_TITLE}\n\n${deploymentTable(recorded, DEPLOYMENT_ROWS)}`);
  const html = renderHtml(recorded);
  expect(html).toContain('<details id="auth-deployments" open>');
  for (const row of DEPLOYMENT_ROWS) expect(html).toContain(`<code>${row.scenario}</code>`);
  const withoutAuth = { ...recorded, cells: recorded.cells.filter((c) => !c.scenario.startsWith('auth/')) };
  expect(renderMarkdown(withoutAuth)).not.toContain(AUTH_TABLE_TITLE);
  expect(renderHtml(withoutAuth)).not.toContain('auth-deployments');
});
