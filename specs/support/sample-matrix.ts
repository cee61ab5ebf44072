// A small but complete matrix document (every verdict, a baseline change, an engine that did not
// run), for checking the report renderers without running the whole catalogue.

import { summarize } from '../../harness/matrix/model.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import type { Verdict } from '../../contract/verdict.ts';

function cell(scenario: string, engine: string, verdict: Verdict, observed: Cell['observed']): Cell {
  const family = scenario.split('/')[0] as Cell['family'];
  return {
    scenario,
    family,
    title: `title of ${scenario}`,
    engine,
    engineVersion: engine === 'webkit' ? null : '1.0',
    spec: {
      outcomes: [
        { observed: { result: 'blocked' }, server: { requests: 1 }, basis: 'normative', cite: 'https://fetch.spec.whatwg.org/#cors-check' },
        { label: 'refetched', observed: { result: 'blocked' }, server: { requests: 2 }, basis: 'wpt', cite: 'wpt cors/304.htm' },
      ],
      ...(family === 'simple' ? { wpt: ['fetch/api/cors/cors-basic.any.js'] } : { wpt: [], wptNote: 'none found; searched fetch/api/cors/' }),
    },
    ...(verdict === 'conforms' && { outcome: { index: 0, basis: 'normative' as const, cite: 'https://fetch.spec.whatwg.org/#cors-check' } }),
    ...(verdict === 'known-deviation' && { deviation: { observed: { result: 'readable' }, cite: 'https://bugs.example/1' } }),
    observed,
    server: observed ? { preflights: 0, requests: 1, methods: ['GET'], origins: ['viewer'], preflightOrigins: [], cookie: false, controlCookie: false, schemes: ['http'], preflightCookie: false, acrm: null, acrh: null, acrms: [], acrhs: [], authorization: [false], rejected: 0, cookies: [false], statuses: [200] } : null,
    verdict,
    differences: verdict === 'unexpected' ? ['observed.result: expected "blocked", got "readable"'] : [],
    ...(verdict === 'error' && { error: 'browser has been closed' }),
    fix: 'Send Access-Control-Allow-Origin on every response.',
    evidence: {
      action: null,
      server: observed ? [{ seq: 1, time: '2026-01-01T00:00:00.000Z', token: 't', role: 'image', host: 'localhost:1', method: 'GET', path: '/make?token=t', origin: 'http://localhost:2', cookie: null, referer: null, accessControlRequestMethod: null, accessControlRequestHeaders: null, headers: [] }] : [],
    },
  };
}

export function sampleMatrix(): MatrixDocument {
  const cells = [
    cell('simple/no-acao', 'chromium', 'conforms', { result: 'blocked', error: 'TypeError' }),
    cell('simple/no-acao', 'firefox', 'known-deviation', { result: 'readable', status: 200 }),
    cell('simple/no-acao', 'webkit', 'error', null),
    cell('preflight/put-allowed', 'chromium', 'unexpected', { result: 'readable', status: 200 }),
    cell('preflight/put-allowed', 'firefox', 'conforms', { result: 'blocked' }),
    cell('preflight/put-allowed', 'webkit', 'error', null),
  ];
  return {
    schemaVersion: 2,
    run: {
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      status: 'failed',
      os: { platform: 'linux', release: '6', arch: 'x64' },
      node: 'v20',
      harness: { version: '0.1.0', commit: 'abcdef0123456789' },
      playwright: '1.64.1',
      shard: null,
      selection: { complete: false, projects: ['chromium', 'firefox', 'webkit'], grep: null, grepInvert: null, cells: 6 },
      engines: [
        { project: 'chromium', engine: 'chromium', browser: 'Chromium', version: '1.0', source: 'system', protocol: 'cdp', headless: true },
        { project: 'firefox', engine: 'firefox', browser: 'Firefox ESR', version: '1.0', source: 'system', protocol: 'webdriver-bidi', headless: false },
        { project: 'webkit', engine: 'webkit', browser: null, version: null, source: null, protocol: null, headless: null, error: 'webkit is not installed' },
      ],
      baseline: {
        path: 'old/matrix.json',
        startedAt: '2025-12-31T00:00:00.000Z',
        changes: [{ scenario: 'preflight/put-allowed', engine: 'chromium', kind: 'verdict', before: { verdict: 'conforms', observed: { result: 'blocked' }, server: null }, after: { verdict: 'unexpected', observed: { result: 'readable', status: 200 }, server: null } }],
        engineVersions: [{ project: 'chromium', before: '0.9', after: '1.0' }],
      },
    },
    summary: summarize(cells),
    cells,
  };
}
