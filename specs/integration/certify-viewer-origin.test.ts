// Whole-run browser test of `certify --viewer-origin`: a server that allows only one origin
// (the fixture profile allow-listed-viewer, https://viewer.example.org only; then a real nginx
// configured the way sites write such an allow-list) is certified twice by the CLI in every engine. From that origin it passes (exit 0) and the fixture server's own log
// shows each engine's requests carrying exactly `Origin: https://viewer.example.org`; from
// certify's own loopback origin it fails (exit 1) with the one root cause origin-not-allowed.
// Expectations come from the profile's definition (fixtures/profiles.ts), written before running.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LISTED_VIEWER_ORIGIN } from '../../fixtures/profiles.ts';
import { DEFAULT_LOG_LIMITS, type LoggedRequest, RequestLog } from '../../fixtures/request-log.ts';
import { headerOf } from '../../contract/server.ts';
import type { RunningFixtures } from '../../fixtures/server.ts';
import { localCa } from '../../fixtures/tls.ts';
import { FIXES } from '../../harness/certify/fixes.ts';
import { parseViewerOrigin } from '../../harness/certify/viewer-origin.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';
import { certifyCli } from '../support/certify-cli.ts';
import { nginxAllowList, startNginx } from '../support/real-server-configs.ts';
import { cutTrees } from '../support/real-servers.ts';
import type { CertifyReport } from '../../harness/certify/types.ts';

test.describe.configure({ mode: 'default', timeout: 240_000 });

const engines = selectedEngines();
/** What each engine's requests say they are (Node's own corroboration says "node"). */
const USER_AGENT: Record<string, RegExp> = { chromium: /Chrome\//, firefox: /Firefox\//, webkit: /AppleWebKit\/(?!.*Chrome)/ };

let fixtures: RunningFixtures;
let dir: string;
let target: string;
/** Node (certify's corroboration) must trust the local CA like the engines do: the target is https. */
const env = () => ({ NODE_EXTRA_CA_CERTS: localCa().caFile });

test.beforeAll(async () => {
  // Certify's requests carry no scenario token: keep every untokened entry of the run.
  fixtures = await startFixturesOnFreePorts({ log: new RequestLog({ ...DEFAULT_LOG_LIMITS, maxUntokened: 50_000 }) });
  // https: WebKitGTK blocks fetch() of http://localhost from an https page (specs/deviations.ts).
  target = `https://localhost:${fixtures.ports.image}/p/allow-listed-viewer/iiif/3/landscape/info.json`;
  dir = mkdtempSync(join(tmpdir(), 'certify-viewer-origin-'));
});
test.afterAll(async () => {
  await fixtures?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fromAllowList = () => fixtures.log.recentUntokened().filter((r) => r.profile === 'allow-listed-viewer');
// Header lines are logged as sent (name case kept): look them up case-insensitively.
const userAgent = (r: LoggedRequest) => headerOf(r, 'user-agent') ?? '';

test(`--viewer-origin ${LISTED_VIEWER_ORIGIN}: a server that allows only that origin passes in every engine, and the requests carry it`, async () => {
  const json = join(dir, 'with.json');
  const before = fixtures.log.recentUntokened().at(-1)?.seq ?? 0;
  const { status, stdout, stderr } = await certifyCli([target, '--viewer-origin', LISTED_VIEWER_ORIGIN, '--json', json], env());
  expect(status, `${stdout}\n${stderr}`).toBe(0);
  expect(stdout).toContain(`Viewer origin: ${LISTED_VIEWER_ORIGIN} (--viewer-origin, served locally)`);
  expect(stderr).toContain(`Viewer origin: ${LISTED_VIEWER_ORIGIN}`);
  const report = JSON.parse(readFileSync(json, 'utf8')) as CertifyReport;
  expect([report.verdict, report.viewerOrigin, report.viewerOriginKind]).toEqual(['pass', LISTED_VIEWER_ORIGIN, 'given']);
  expect(report.engines.map((e) => e.project).sort()).toEqual([...engines].sort());
  // The target's own log: each engine's requests arrived carrying exactly the user's Origin.
  const seen = fromAllowList().filter((r) => r.seq > before);
  for (const engine of engines) {
    const mine = seen.filter((r) => USER_AGENT[engine]!.test(userAgent(r)) && r.origin !== null);
    expect(mine.length, `${engine}: requests with an Origin at the target`).toBeGreaterThan(5);
    expect([...new Set(mine.map((r) => r.origin))], engine).toEqual([LISTED_VIEWER_ORIGIN]);
    expect(mine.some((r) => r.preflight), `${engine}: a preflight (the profile Accept header, Authorization)`).toBe(true);
  }
});

test('without --viewer-origin the same server fails, naming origin-not-allowed as the one root cause', async () => {
  const json = join(dir, 'without.json');
  const { status, stdout, stderr } = await certifyCli([target, '--json', json], env());
  expect(status, `${stdout}\n${stderr}`).toBe(1);
  expect(stdout).toContain(FIXES['origin-not-allowed'].title);
  expect(stdout).toMatch(/^Viewer origin: http:\/\/127\.0\.0\.1:\d+ \(certify's own/m);
  const report = JSON.parse(readFileSync(json, 'utf8')) as CertifyReport;
  expect(report.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause)).toEqual(['origin-not-allowed']);
  const columns = new Set(Object.values(report.diagnoses[0]!.explains).flat());
  for (const engine of engines) expect(columns.has(engine), `origin-not-allowed seen in ${engine}`).toBe(true);
});

test('--viewer-origin takes an http or https origin without a path; anything else ends with exit 2 and the reason', async () => {
  const cases: [string, RegExp | string][] = [
    ['https://viewer.example.org', 'https://viewer.example.org'],
    ['https://Viewer.Example.org/', 'https://viewer.example.org'],
    ['https://viewer.example.org:443', 'https://viewer.example.org'],
    ['http://viewer.example.org:8080', 'http://viewer.example.org:8080'],
    ['https://viewer.example.org/mirador/', /more than an origin/],
    ['https://viewer.example.org?x=1', /more than an origin/],
    ['ftp://viewer.example.org', /not an http or https origin/],
    ['viewer.example.org', /not a URL|not an http or https origin/],
    ['http://localhost:3000', /loopback/],
  ];
  for (const [value, want] of cases) {
    const parsed = parseViewerOrigin(value);
    if (typeof want === 'string') expect(parsed, value).toEqual({ origin: want });
    else expect('problem' in parsed ? parsed.problem : `accepted as ${parsed.origin}`, value).toMatch(want);
  }
  const { status, stderr } = await certifyCli([target, '--viewer-origin', 'https://viewer.example.org/mirador/'], env());
  expect(status).toBe(2);
  expect(stderr).toMatch(/--viewer-origin takes an http or https origin without a path.*more than an origin/);
  expect(stderr).not.toMatch(/^\s+at /m);
});

// Written from the configuration (nginxAllowList): ACAO only for the listed origin, Vary: Origin on
// every answer, the preflight answered 204.
const NGINX_ALLOW_LIST = nginxAllowList(LISTED_VIEWER_ORIGIN);

test(`a real nginx allowing only ${LISTED_VIEWER_ORIGIN} (https, map $http_origin): passes with --viewer-origin, fails with origin-not-allowed without`, async () => {
  const ca = localCa();
  const keyFile = join(dir, 'leaf-key.pem');
  writeFileSync(keyFile, ca.fixtures.keyPem, { mode: 0o600 });
  const nginx = await startNginx(dir, cutTrees(dir).trees, { ...NGINX_ALLOW_LIST, tls: { certFile: ca.fixtures.certFile, keyFile } });
  try {
    const info = `${nginx.origin}/iiif/v3/img/info.json`;
    const allowed = await certifyCli([info, '--viewer-origin', LISTED_VIEWER_ORIGIN, '--json', join(dir, 'nginx-with.json')], env());
    expect(allowed.status, `${allowed.stdout}\n${allowed.stderr}`).toBe(0);
    const passed = JSON.parse(readFileSync(join(dir, 'nginx-with.json'), 'utf8')) as CertifyReport;
    expect(passed.engines.map((e) => e.project).sort()).toEqual([...engines].sort());
    for (const engine of engines) expect(passed.checks.filter((c) => c.results[engine]?.status === 'pass').length, engine).toBeGreaterThanOrEqual(8);
    const refused = await certifyCli([info, '--json', join(dir, 'nginx-without.json')], env());
    expect(refused.status, `${refused.stdout}\n${refused.stderr}`).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'nginx-without.json'), 'utf8')) as CertifyReport;
    expect(report.server.origin).toBe('nginx');
    expect(report.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause)).toEqual(['origin-not-allowed']);
    expect(refused.stdout).toContain('map $http_origin $cors_origin'); // the nginx fix
  } finally {
    await nginx.stop();
  }
});
