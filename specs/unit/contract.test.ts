// The contracts layer: matrix.schema.json is what the declaration generates (run `npm run schema`
// after changing contract/), standard JSON Schema tools accept it, and the reporter's own
// checker and ajv agree on what a valid matrix is.

import { readFileSync } from 'node:fs';
import { expect, test } from '../support/browserless.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type CertifyResult, CertifyResultSchema } from '../../contract/certify.ts';
import { matrixContract } from '../../contract/validate.ts';
import type { CertifyReport } from '../../harness/certify/run.ts';
import { MATRIX_SCHEMA_FILE, matrixSchemaText } from '../../contract/write-schema.ts';
import { matrixJson } from '../../harness/matrix/reporter.ts';
import { sampleMatrix } from '../support/sample-matrix.ts';

test('the committed matrix.schema.json is the one generated from contract (npm run schema)', () => {
  expect(readFileSync(MATRIX_SCHEMA_FILE, 'utf8')).toBe(matrixSchemaText());
});

test('ajv and the reporter checker both accept a sample matrix and both refuse a broken cell', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(matrixSchemaText()) as object);
  const doc = JSON.parse(matrixJson(sampleMatrix())) as unknown;
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(matrixContract.problems(doc)).toEqual([]);

  const broken = sampleMatrix();
  (broken.cells[0] as unknown as { evidence: { page: unknown } }).evidence.page = {};
  expect(validate(broken)).toBe(false);
  expect(matrixContract.problems(broken).join()).toMatch(/evidence/);
});

test('matrix.json is written one cell per line and parses back to the same document', () => {
  const doc = sampleMatrix();
  const text = matrixJson(doc);
  expect(JSON.parse(text)).toEqual(doc);
  expect(text.split('\n').filter((line) => line.startsWith('{"scenario":'))).toHaveLength(doc.cells.length);
});

test('certify --json: what certify writes fits the exported result contract', () => {
  // Compile-time: a CertifyReport (plus the CLI's wallMs) is a CertifyResult.
  const fits = (report: CertifyReport & { wallMs: number }): CertifyResult => report;
  expect(typeof fits).toBe('function');
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  expect(ajv.validateSchema(JSON.parse(JSON.stringify(CertifyResultSchema)) as object)).toBe(true);
});
