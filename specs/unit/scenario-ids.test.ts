// A newcomer greps an id from the matrix and must land on its row: every scenario id is written out
// in full in specs/scenarios/ (an `<id>@https` variant under its base id, listed in https.ts).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HTTPS_SUFFIX } from '../scenarios/https.ts';
import { EVERY_SCENARIO } from '../scenarios/index.ts';
import { expect, test } from '../support/browserless.ts';

test('every scenario id is written literally in its table', () => {
  const dir = join(import.meta.dirname, '../scenarios');
  const tables = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const ids = EVERY_SCENARIO.map((s) => s.id.replace(HTTPS_SUFFIX, ''));
  expect(ids.filter((id) => !tables.includes(`'${id}'`))).toEqual([]);
});
