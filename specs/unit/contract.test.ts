// The contracts layer: matrix.schema.json is what the declaration generates (run `npm run schema`
// after changing contract/), standard JSON Schema tools accept it, and the reporter's own
// checker and ajv agree on what a valid matrix is.

import { readFileSync } from 'node:fs';
import { expect, test } from '../support/browserless.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { CertifyResultSchema } from '../../contract/certify.ts';
import { ContractError, matrixContract } from '../../contract/validate.ts';
import { MATRIX_SCHEMA_FILE, matrixSchemaText } from '../../contract/write-schema.ts';
import { matrixJson } from '../../harness/matrix/reporter.ts';
import { sampleMatrix } from '../support/sample-matrix.ts';
import type { CertifyReport } from '../../harness/certify/types.ts';
import { certifyJson } from '../../harness/certify/report.ts';

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

test('certify --json: the document is checked against contract/certify.ts before it is written', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  expect(ajv.validateSchema(JSON.parse(JSON.stringify(CertifyResultSchema)) as object)).toBe(true);
  const report = sampleCertifyReport();
  expect(JSON.parse(certifyJson(report))).toEqual(report);
  expect(ajv.validate(JSON.parse(JSON.stringify(CertifyResultSchema)) as object, report), JSON.stringify(ajv.errors)).toBe(true);
  // A document certify must never write: a verdict outside the vocabulary, a field the contract does not name.
  const invalid = { ...report, verdict: 'maybe' } as unknown as CertifyReport;
  expect(() => certifyJson(invalid)).toThrow(ContractError);
  expect(() => certifyJson(invalid)).toThrow(/\/verdict/);
  expect(() => certifyJson({ ...report, extra: 1 } as unknown as CertifyReport)).toThrow(ContractError);
});

function sampleCertifyReport(): CertifyReport {
  const tile = { url: 'http://127.0.0.1:8080/iiif/img/0,0,256,256/256,/0/default.jpg', scaleFactor: 1, region: '0,0,256,256' };
  const evidence = { method: 'GET' as const, url: tile.url, request: { Origin: 'http://localhost:1' }, status: 200, headers: { 'access-control-allow-origin': '*' } };
  return {
    input: 'http://127.0.0.1:8080/iiif/img/info.json',
    target: {
      input: 'http://127.0.0.1:8080/iiif/img/info.json',
      kind: 'info.json',
      manifest: null,
      service: { version: 3, id: 'http://127.0.0.1:8080/iiif/img', width: 256, height: 256, level: 0, tiles: [{ width: 256, height: 256, scaleFactors: [1] }], sizes: [], extraFeatures: [], formats: ['jpg'], qualities: ['default'] },
      plan: { tiles: [tile], sampled: [tile], freshTile: tile, thumbnail: null, full: null, notChecked: [{ what: 'full', why: 'level 0' }] },
      urls: { info: 'http://127.0.0.1:8080/iiif/img/info.json', base: 'http://127.0.0.1:8080/iiif/img', unknownIdentifier: 'http://127.0.0.1:8080/iiif/x/info.json', invalidRegion: 'http://127.0.0.1:8080/iiif/img/x/max/0/default.jpg' },
    },
    startedAt: '2026-12-04T12:00:00.000Z',
    durationMs: 1200,
    wallMs: 3400,
    viewerOrigin: 'http://localhost:1',
    viewerOriginKind: 'own',
    engines: [{ project: 'chromium', engine: 'chromium', browser: 'Chromium', version: '1', source: 'system', protocol: 'cdp', executable: '/usr/bin/chromium', headless: true, profile: 'persistent', cookiePolicy: 'default' }],
    server: { origin: 'nginx', cache: null, seen: [{ server: 'nginx', evidence: 'server: nginx' }] },
    checks: [{ id: 'tiles', title: 'Tiles', kind: 'browser', results: { chromium: { status: 'fail', observed: 'blocked', causes: ['no-acao'], failed: 1, of: 1, evidence: [evidence] } } }],
    diagnoses: [{ cause: 'no-acao', severity: 'fail', title: 'No ACAO', observed: 'blocked', explains: { tiles: ['chromium'] }, fix: { server: 'nginx', text: 'add_header …' } }],
    requests: [evidence],
    verdict: 'fail',
  };
}
