// `certify <info.json>` as a user runs it, on every Auth 2.0 fixture profile (fixtures/auth/profiles.ts):
// the CLI finds the AuthProbeService2, names exactly the broken step of each broken profile (its
// text report and its --json `auth` part), passes the correct ones, and the fixture server's log
// shows that no request certify made carried a cookie or an Authorization header. The engines are
// CORS_ENGINES (default here: chromium only; the Auth 2.0 checks are node-side, the same for all).
// Expectations come from each profile's declared `broken` step, written before running.

import { expect, test } from '@playwright/test';
import { AUTH_PROFILES } from '../../fixtures/auth/profiles.ts';
import { authUrls } from '../../fixtures/auth/routes.ts';
import { originsFor } from '../../fixtures/origins.ts';
import { DEFAULT_LOG_LIMITS, RequestLog } from '../../fixtures/request-log.ts';
import type { RunningFixtures } from '../../fixtures/server.ts';
import { localCa } from '../../fixtures/tls.ts';
import { headerOf } from '../../contract/server.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';
import { ENGINES_ENV } from '../../harness/engines/select.ts';
import type { CertifyReport } from '../../harness/certify/types.ts';
import { certifyCli } from '../support/certify-cli.ts';

test.describe.configure({ mode: 'default', timeout: 180_000 });

/** The certify step a profile's declared mistake breaks. */
const STEP_OF = { none: [], probe: ['probe'], 'token-message': ['token'], 'access-cookie': ['access-cookie'], tiles: ['tiles'], deployment: ['deployment'] } as const;

let fixtures: RunningFixtures;
test.beforeAll(async () => {
  fixtures = await startFixturesOnFreePorts({ log: new RequestLog({ ...DEFAULT_LOG_LIMITS, maxUntokened: 50_000 }) });
});
test.afterAll(async () => {
  await fixtures?.close();
});

for (const profile of AUTH_PROFILES) {
  test(`certify CLI on ${profile.name}: ${profile.broken === 'none' ? 'passes' : `names the broken step (${profile.broken})`}`, async () => {
    const { image } = originsFor(fixtures.ports, 'https');
    const before = fixtures.log.recentUntokened().at(-1)?.seq ?? 0;
    // A viewer origin the fixture's token services trust (they trust the viewer port on any host), served locally by certify.
    const viewer = `https://viewer.example.org:${fixtures.ports.viewer}`;
    const run = await certifyCli([authUrls(image, profile.name).info(), '--viewer-origin', viewer, '--json', '-', '--quiet'], { NODE_EXTRA_CA_CERTS: localCa().caFile, [ENGINES_ENV]: process.env[ENGINES_ENV] ?? 'chromium' }, 150_000);
    expect(run.status, run.stderr).not.toBe(2);
    const report = JSON.parse(run.stdout) as CertifyReport;
    expect(report.auth, 'the AuthProbeService2 was found').toBeDefined();
    const failing = report.auth!.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.observed}`);
    expect(report.auth!.broken, failing.join('\n')).toEqual([...STEP_OF[profile.broken]]);
    expect(report.auth!.checks.find((c) => c.step === 'access')).toMatchObject({ status: 'not-checked', observed: expect.stringContaining('credentials') });
    // A broken step stops a viewer in every engine; with none broken, the viewer origin being another
    // site than the images, an engine may still stop at its third-party cookie policy (token-cookie).
    for (const [engine, answer] of Object.entries(report.auth!.engines)) {
      if (profile.broken === 'none') expect([null, 'token-cookie'], engine).toContain(answer.fails);
      else expect(answer.fails, engine).toBe(STEP_OF[profile.broken][0]);
    }
    if (profile.broken !== 'none') expect(run.status).toBe(1);
    // What certify sent: never a cookie; Authorization only the made-up `Bearer cors-certify-probe` of
    // its standard auth-probe-bearer check on info.json, never a token, never to the Auth 2.0 services.
    const sent = fixtures.log.recentUntokened().filter((r) => r.seq > before && r.path.includes(`/auth2/${profile.name}/`));
    expect(sent.some((r) => r.path.endsWith('/probe/landscape'))).toBe(true);
    expect(sent.filter((r) => headerOf(r, 'cookie')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(sent.filter((r) => headerOf(r, 'authorization') && !(r.path.endsWith('/info.json') && headerOf(r, 'authorization') === 'Bearer cors-certify-probe')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
}

test('the text report names the broken Auth 2.0 step, what was seen and the fix', async () => {
  const { image } = originsFor(fixtures.ports, 'https');
  const viewer = `https://viewer.example.org:${fixtures.ports.viewer}`;
  const run = await certifyCli([authUrls(image, 'auth-tiles-star-credentials').info(), '--viewer-origin', viewer, '--quiet'], { NODE_EXTRA_CA_CERTS: localCa().caFile, [ENGINES_ENV]: process.env[ENGINES_ENV] ?? 'chromium' }, 150_000);
  expect(run.status, run.stderr).toBe(1);
  expect(run.stdout).toMatch(/Auth 2\.0 broken at tiles/);
  expect(run.stdout).toMatch(/IIIF Auth 2\.0 .*FAIL at tiles/);
  expect(run.stdout).toMatch(/FAIL tiles +Tiles allow credentialed CORS/);
  expect(run.stdout).toMatch(/fix: Echo the request Origin/);
  expect(run.stdout).toMatch(/n\/c {2}access +Access service/);
});
