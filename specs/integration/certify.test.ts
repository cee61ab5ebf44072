// Certify, checked against servers whose mistakes we know: every misconfiguration profile of the
// fixture server gets exactly its diagnosis (in every engine), a real nginx is certified with and
// without `always`, and bad or hostile targets end quickly with exit code 2 and a clear message.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROFILE_LIST } from '../../fixtures/profiles.ts';
import { CHECKS } from '../../harness/certify/checks.ts';
import { Certifier } from '../../harness/certify/run.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { candidateFixturePorts, startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';
import { originsFor } from '../../fixtures/origins.ts';
import type { RunningFixtures } from '../../fixtures/server.ts';
import { certifyCli as cli } from '../support/certify-cli.ts';
import { copyProject, runPlaywright } from '../support/child-run.ts';
import { type CertifyReport, NODE_COLUMN } from '../../harness/certify/types.ts';

test.describe.configure({ mode: 'default', timeout: 120_000 });

/**
 * What certify must report per profile: `check:status` (in every engine, or `node` for node
 * checks) or `check:status@engine` (only there). Every check not listed must pass or be n/a.
 */
const EXPECTED: Record<string, string[]> = {
  correct: [],
  'correct-credentials': [],
  'no-cors-headers': [
    ...['tile-cache-poisoning', 'info-json', 'info-json-profile-accept', 'base-uri-redirect', 'tile-fetch', 'tile-canvas', 'thumbnail-canvas', 'full-canvas'].map((c) => `${c}:fail`),
    ...['error-unknown-identifier', 'error-invalid-region', 'auth-probe-bearer', 'redirect-hops-acao', 'auth-allow-headers-explicit'].map((c) => `${c}:fail`),
  ],
  // Certified from the fixture viewer, which it does not list: everything fails, for one cause
  // (origin-not-allowed); from its listed origin it passes (certify-viewer-origin.test.ts).
  'allow-listed-viewer': [
    ...['tile-cache-poisoning', 'info-json', 'info-json-profile-accept', 'base-uri-redirect', 'tile-fetch', 'tile-canvas', 'thumbnail-canvas', 'full-canvas'].map((c) => `${c}:fail`),
    ...['error-unknown-identifier', 'error-invalid-region', 'auth-probe-bearer', 'redirect-hops-acao', 'auth-allow-headers-explicit'].map((c) => `${c}:fail`),
  ],
  'info-only': ['tile-cache-poisoning', 'tile-fetch', 'tile-canvas', 'thumbnail-canvas', 'full-canvas', 'error-invalid-region'].map((c) => `${c}:fail`),
  'tiles-only': ['info-json', 'info-json-profile-accept', 'base-uri-redirect', 'error-unknown-identifier', 'auth-probe-bearer', 'redirect-hops-acao', 'auth-allow-headers-explicit'].map((c) => `${c}:fail`),
  'manifest-no-acao': ['manifest:fail'],
  'errors-without-acao': ['base-uri-redirect:fail', 'error-unknown-identifier:fail', 'error-invalid-region:fail', 'redirect-hops-acao:fail'],
  'base-redirect-no-acao': ['base-uri-redirect:fail', 'redirect-hops-acao:fail'],
  'redirect-hop-no-acao': [
    ...['tile-cache-poisoning', 'info-json', 'info-json-profile-accept', 'base-uri-redirect', 'tile-fetch', 'tile-canvas', 'thumbnail-canvas', 'full-canvas'].map((c) => `${c}:fail`),
    ...['error-unknown-identifier', 'error-invalid-region', 'auth-probe-bearer', 'redirect-hops-acao'].map((c) => `${c}:fail`),
  ],
  // Discovery follows the hop to the canonical id (as viewers do); the URL as given still fails.
  'https-redirect-style-hop': ['input-url:fail', 'base-uri-redirect:fail', 'redirect-hops-acao:fail'],
  'wildcard-with-credentials': ['no-wildcard-with-credentials:fail'],
  'acac-capitalised': ['security-reflect-any:warn', 'security-null-origin:warn'],
  // Re-run against the new certify (issue 9), two deliberate changes to this table: thumbnail-fetch
  // is folded into thumbnail-canvas (one check, both requests); and the node checks of redirect
  // hops and of the Authorization preflight now judge the ACAO value as the browser does, not its
  // mere presence, so a wrong ACAO fails them too (same root cause, invalid-acao: no extra finding).
  'acac-without-exact-origin': [
    ...['tile-cache-poisoning', 'info-json', 'info-json-profile-accept', 'base-uri-redirect', 'tile-fetch', 'tile-canvas', 'thumbnail-canvas', 'full-canvas'].map((c) => `${c}:fail`),
    ...['error-unknown-identifier', 'error-invalid-region', 'auth-probe-bearer', 'redirect-hops-acao', 'auth-allow-headers-explicit'].map((c) => `${c}:fail`),
  ],
  'exact-origin-without-acac': ['security-reflect-any:warn', 'security-null-origin:warn'],
  'set-cookie-with-wildcard': [],
  'preflight-missing-acac': ['security-reflect-any:fail', 'security-null-origin:fail'],
  // Only Chromium reuses the cached no-Origin tile (see canvas/cache-poisoned-* in the matrix).
  'reflect-origin-no-vary': ['tile-cache-poisoning:fail@chromium', 'vary-origin:fail', 'acao-without-origin:fail', 'security-reflect-any:warn', 'security-null-origin:warn'],
  'reflect-origin-with-vary': ['security-reflect-any:warn', 'security-null-origin:warn'],
  'reflect-any-with-credentials': ['security-reflect-any:fail', 'security-null-origin:fail'],
  'null-origin-trusted': ['security-null-origin:fail'],
  'prefix-match-origin': ['security-loose-match:fail'],
  'suffix-match-origin': ['security-loose-match:fail'],
  'unescaped-dot-origin': ['security-loose-match:fail'],
  'http-trusted-from-https-style': ['security-loose-match:fail'],
  ...Object.fromEntries(
    ['duplicate-acao', 'acao-list', 'acao-trailing-slash', 'acao-wrong-case', 'acao-null', 'acao-quoted-star'].map((name) => [
      name,
      [
        ...['tile-cache-poisoning', 'info-json', 'info-json-profile-accept', 'base-uri-redirect', 'tile-fetch', 'tile-canvas', 'thumbnail-canvas', 'full-canvas'].map((c) => `${c}:fail`),
        ...['error-unknown-identifier', 'error-invalid-region', 'auth-probe-bearer', 'redirect-hops-acao', 'auth-allow-headers-explicit'].map((c) => `${c}:fail`),
        ...(name === 'duplicate-acao' || name === 'acao-list' ? ['single-acao:fail'] : []),
        ...(name === 'acao-null' ? ['security-null-origin:warn'] : []),
      ],
    ]),
  ),
  ...Object.fromEntries(['options-404', 'options-405', 'options-403-no-acao', 'options-redirect', 'preflight-no-acao', 'preflight-missing-allow-headers'].map((name) => [name, ['info-json-profile-accept:fail', 'auth-probe-bearer:fail', 'auth-allow-headers-explicit:fail']])),
  'preflight-allow-headers-star': ['auth-allow-headers-explicit:warn'],
  // Viewers only GET: a missing Allow-Methods or Expose-Headers, or any Max-Age, breaks nothing they do.
  'preflight-missing-allow-methods': [],
  'expose-headers-missing': [],
  'expose-headers-star': [],
  'max-age-0': [],
  'max-age-minus-1': [],
  'max-age-600': [],
  'max-age-7200': [],
  'max-age-86400': [],
  'acao-only-when-origin-sent-no-vary': ['tile-cache-poisoning:fail@chromium', 'acao-without-origin:fail'],
};

const engines = selectedEngines();

/** `check:status@column` for every finding, to compare with the expectation expanded the same way. */
function findings(report: CertifyReport): string[] {
  return report.checks.flatMap((c) => Object.entries(c.results).filter(([, o]) => o.status === 'fail' || o.status === 'warn').map(([col, o]) => `${c.id}:${o.status}@${col}`)).sort();
}

function expand(expected: string[]): string[] {
  return expected
    .flatMap((e) => {
      if (e.includes('@')) return engines.includes(e.split('@')[1] as (typeof engines)[number]) ? [e] : [];
      const check = CHECKS.find((c) => c.id === e.split(':')[0]);
      if (!check) throw new Error(`EXPECTED names unknown check ${e}`);
      return check.kind === 'node' ? [`${e}@${NODE_COLUMN}`] : engines.map((engine) => `${e}@${engine}`);
    })
    .sort();
}

let certifier: Certifier;
let fixtures: RunningFixtures;
/** The fixture server is the target; its viewer origin (which its profiles trust) is where the engines run from. */
const fixtureOrigins = () => originsFor(fixtures.ports);
test.beforeAll(async () => {
  test.setTimeout(120_000); // three engines launching on a busy 2-core machine
  fixtures = await startFixturesOnFreePorts();
  certifier = await Certifier.start({ engines, viewerOrigin: fixtureOrigins().viewer });
});
test.afterAll(async () => {
  await certifier?.close();
  await fixtures?.close();
});

test('every fixture profile has an expected diagnosis', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(PROFILE_LIST.map((p) => p.name).sort());
});

for (const profile of PROFILE_LIST) {
  test(`certify profile ${profile.name}`, async ({}, testInfo) => {
    const { image, viewer } = fixtureOrigins();
    const input = profile.name === 'manifest-no-acao' ? `${image}/p/${profile.name}/manifest/sample.json` : `${image}/p/${profile.name}/iiif/3/landscape/info.json`;
    // The origin-matching profiles trust the viewer under both host names; name one as trusted.
    const report = await certifier.certify(input, { trustedOrigins: [viewer.replace('localhost', '127.0.0.1')] });
    await testInfo.attach('report', { body: JSON.stringify(report, null, 1), contentType: 'application/json' });
    expect(findings(report)).toEqual(expand(EXPECTED[profile.name] ?? []));
    expect(report.verdict).toBe(EXPECTED[profile.name]!.some((e) => e.includes(':fail')) ? 'fail' : 'pass');
    // Every CORS failure is explained by a root cause with a fix.
    for (const check of report.checks) for (const o of Object.values(check.results)) if (o.status === 'fail') expect(o.causes?.length, `${check.id}: ${o.observed}`).toBeGreaterThan(0);
  });
}

test('the correct profile passes from every kind of input: base URI, image request, manifest', async () => {
  const base = `${fixtureOrigins().image}/p/correct`;
  for (const [input, kind] of [
    [`${base}/iiif/3/landscape`, 'base-uri'],
    [`${base}/iiif/3/landscape/full/max/0/default.jpg`, 'image-request'],
    [`${base}/manifest/sample.json`, 'manifest'],
  ] as const) {
    const report = await certifier.certify(input);
    expect(report.target.kind).toBe(kind);
    expect(findings(report), input).toEqual([]);
  }
});

// Real servers (nginx, Apache, Caddy, Varnish, lighttpd + iipsrv): certify-real-servers.test.ts.

test.describe('hostile or unusable targets end in bounded time with exit code 2', () => {
  let server: Server;
  let origin: string;
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/drip/info.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), 500);
        res.on('close', () => clearInterval(timer));
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' }).end();
      } else if (req.url === '/huge/info.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 32);
        let sent = 0;
        const pump = () => {
          while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
          if (sent < 64 * 1024 * 1024) res.once('drain', pump);
          else res.end();
        };
        pump();
      } else if (req.url === '/plain/info.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  test.afterAll(() => server.close());

  // Seconds include starting tsx, which alone took 11 s on a 2-core machine at load 20.
  const cases: [string, (o: string) => string[], RegExp, number][] = [
    ['no URL', () => [], /missing the URL/, 25],
    ['not a URL', () => ['iiif please'], /is not a URL/, 25],
    ['a bad option', () => ['--frobnicate'], /Unknown option/, 25],
    ['an unreachable host', () => ['http://127.0.0.1:9/iiif/x/info.json'], /cannot certify.*(ECONNREFUSED|bad port)/, 30],
    ['a slow-drip response', (o) => [`${o}/drip/info.json`, '--timeout', '2'], /not complete within the time limit|no response within/, 35],
    ['a redirect loop', (o) => [`${o}/loop`], /more than 10 redirects/, 30],
    ['a huge body', (o) => [`${o}/huge/info.json`], /larger than \d+ (bytes|MB)/, 35],
    ['JSON that is not IIIF', (o) => [`${o}/plain/info.json`], /is not a IIIF Image API info.json/, 30],
  ];
  for (const [what, args, message, seconds] of cases) {
    test(what, async () => {
      const started = Date.now();
      const { status, stderr } = await cli(args(origin));
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
      expect(status).toBe(2);
      expect(Date.now() - started).toBeLessThan(seconds * 1000);
    });
  }
});

test('the CLI prints the table, writes --json and exits 1 when a check fails', async () => {
  const json = join(mkdtempSync(join(tmpdir(), 'certify-json-')), 'result.json');
  const { image } = fixtureOrigins();
  const { status, stdout } = await cli([`${image}/p/errors-without-acao/iiif/3/landscape/info.json`, '--json', json, '--quiet']);
  expect(status).toBe(1);
  expect(stdout).toMatch(/error-unknown-identifier\s+FAIL\s+FAIL\s+FAIL/);
  expect(stdout).toMatch(/Error responses \(4xx\/5xx\) lack Access-Control-Allow-Origin/);
  expect(stdout).toMatch(/^FAIL: 2 root causes/m); // errors and the 303 both lack ACAO (separate fixes for nginx)
  expect(existsSync(json)).toBe(true);
  expect((JSON.parse(readFileSync(json, 'utf8')) as CertifyReport).verdict).toBe('fail');
});

test('--viewers: OpenSeadragon WebGL shows nothing on info-only (tiles without ACAO), the canvas drawer and Mirador show the image, judged by pixels, screenshots beside --json', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'certify-viewers-'));
  const { image } = fixtureOrigins();
  const { status, stdout } = await cli([`${image}/p/info-only/manifest/landscape.json`, '--viewers', '--json', join(dir, 'result.json'), '--quiet']);
  expect(status).toBe(1); // the tile checks fail: tiles carry no ACAO
  const report = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as CertifyReport;
  for (const engine of engines) {
    const shows = (check: string) => report.viewers?.find((v) => v.engine === engine && v.check === check)?.shows;
    expect([shows('osd-webgl'), shows('osd-canvas'), shows('mirador')], engine).toEqual([false, true, true]);
    expect(existsSync(join(dir, `viewer-osd-webgl-${engine}.png`))).toBe(true);
  }
  expect(stdout).toMatch(/^ {2}osd-webgl +chromium NO/m);
});

test.describe('CORS_TARGET: certify through `npx playwright test`', () => {
  // A whole child Playwright run (its own fixture server and Chromium): 46 s alone, over 120 s at load 25.
  test.describe.configure({ timeout: 240_000 });
  let project: string;
  test.beforeAll(() => {
    project = copyProject();
  });
  test.afterAll(() => rmSync(project, { recursive: true, force: true }));
  for (const [profile, passes] of [['correct', true], ['info-only', false]] as const) {
    test(`${profile} ${passes ? 'passes' : 'fails the tile checks'}`, async () => {
      // The child's own fixture server is the target: its image port must be known up front.
      const ports = candidateFixturePorts();
      const target = `http://localhost:${ports.CORS_IMAGE_PORT}/p/${profile}/iiif/3/landscape/info.json`;
      const env = { ...ports, CORS_TARGET: target, CORS_WORKERS: '2' };
      const run = await runPlaywright(project, ['test', '--grep', '@certify', '--project', 'integration', '--project', 'chromium', '--reporter', 'list'], env);
      expect(run.status, run.output).toBe(passes ? 0 : 1);
      expect(run.output).toMatch(/certify security-reflect-any/); // node checks ran (integration project)
      expect(run.output).toMatch(/certify tile-canvas/); // browser checks ran (chromium)
      if (!passes) expect(run.output).toMatch(/✘.*\[chromium\].*certify tile-fetch/);
    });
  }
});
