// The collection result and progress events are valid JSON Schemas, and a hand-made document and
// event fit them (the real documents are checked where certify writes them).

import { expect, test } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type CollectionResult, CollectionResultSchema } from '../../contract/collection.ts';
import { type ProgressEvent, ProgressEventSchema, progressLine } from '../../contract/progress.ts';
import { collectionContract, progressContract } from '../../contract/validate.ts';

const doc: CollectionResult = {
  kind: 'collection',
  schemaVersion: 1,
  input: 'http://127.0.0.1:1/collection.json',
  startedAt: '2026-12-04T14:00:00.000Z',
  durationMs: 1,
  engines: [],
  summary: { documents: 2, services: 1, hosts: 1, pass: 1, fail: 0, unusable: 0, checkedInBrowsers: 1 },
  limits: { maxServices: 10, maxDocuments: 10, maxDepth: 3, truncated: [] },
  groups: [
    {
      id: 'g1',
      host: 'http://127.0.0.1:2',
      server: 'nginx',
      fingerprint: { host: 'http://127.0.0.1:2', server: 'nginx', pathPattern: '/iiif/{id}', version: '3', responses: { 'info+origin': '200 acao=*' } },
      services: 1,
      representatives: ['http://127.0.0.1:2/iiif/a'],
      checkedInBrowsers: ['chromium'],
      verdict: 'pass',
      diagnoses: [],
    },
  ],
  services: [{ url: 'http://127.0.0.1:2/iiif/a', host: 'http://127.0.0.1:2', from: 'http://127.0.0.1:1/m1.json', verdict: 'pass', group: 'g1', checkedIn: 'browsers', diagnoses: [] }],
  unreachable: [],
  verdict: 'pass',
};

test('collection result and progress schemas are valid JSON Schema and accept their examples', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  expect(ajv.validateSchema(JSON.parse(JSON.stringify(CollectionResultSchema)) as object)).toBe(true);
  expect(ajv.validateSchema(JSON.parse(JSON.stringify(ProgressEventSchema)) as object)).toBe(true);
  expect(collectionContract.problems(doc)).toEqual([]);
  expect(collectionContract.problems({ ...doc, verdict: 'maybe' }).join()).toMatch(/verdict/);
  const events: ProgressEvent[] = [
    { type: 'phase', phase: 'discover', message: 'reading' },
    { type: 'count', documents: 3, servicesFound: 2, servicesFingerprinted: 1, servicesCertified: 0, perEngine: { chromium: 1 } },
    { type: 'engine', project: 'firefox', message: 'started' },
    { type: 'done', verdict: 'fail', exitCode: 1 },
  ];
  for (const e of events) {
    expect(progressContract.problems(e)).toEqual([]);
    expect(progressLine(e)).not.toMatch(/\n/);
  }
  expect(progressContract.problems({ type: 'count' }).length).toBeGreaterThan(0);
});
