// Certify's Auth 2.0 checks (harness/certify/auth.ts) on every fixture Auth 2.0 profile, in process:
// each broken profile is named by exactly the step its declaration breaks, the correct ones pass,
// and no request carries a cookie or credentials.

import { expect, test } from '../support/browserless.ts';
import { AUTH_PROFILES } from '../../fixtures/auth/profiles.ts';
import { authUrls } from '../../fixtures/auth/routes.ts';
import { type AuthRequest, certifyAuth } from '../../harness/certify/auth.ts';
import { ORIGINS, fixture } from './fixtures-helpers.ts';

const STEP_OF = { none: [], probe: ['probe'], 'token-message': ['token'], 'access-cookie': ['access-cookie'], tiles: ['tiles'], deployment: ['deployment'] } as const;

function inProcess(sent: Record<string, string>[]): AuthRequest {
  return async (method, url, headers) => {
    sent.push(headers);
    const u = new URL(url);
    const res = await fixture.app.request(`${u.pathname}${u.search}`, { method, headers: { host: u.host, ...headers } });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
}

for (const profile of AUTH_PROFILES) {
  test(`certify names the broken Auth 2.0 step of ${profile.name}: ${profile.broken}`, async () => {
    const sent: Record<string, string>[] = [];
    const request = inProcess(sent);
    const info = JSON.parse((await request('GET', authUrls(ORIGINS.image, profile.name).info(), {})).body) as Record<string, unknown>;
    const result = (await certifyAuth(info, ORIGINS.viewer, request))!;
    const failing = result.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.observed}`);
    expect(result.broken, failing.join('\n')).toEqual([...STEP_OF[profile.broken]]);
    expect(result.verdict).toBe(profile.broken === 'none' ? 'pass' : 'fail');
    expect(result.checks.find((c) => c.step === 'access')!.status).toBe('not-checked');
    for (const [engine, answer] of Object.entries(result.engines)) {
      expect(answer.fails, engine).toBe(profile.broken === 'none' ? null : STEP_OF[profile.broken][0]);
    }
    expect(sent.every((h) => !Object.keys(h).some((k) => ['cookie', 'authorization'].includes(k.toLowerCase())))).toBe(true);
  });
}

test('certify answers per engine for a correct deployment on another site than the viewer', async () => {
  const request = inProcess([]);
  const info = JSON.parse((await request('GET', authUrls(ORIGINS.imageCrossSite, 'auth-correct').info(), {})).body) as Record<string, unknown>;
  const result = (await certifyAuth(info, ORIGINS.viewer, request))!;
  expect(result.verdict).toBe('pass');
  // As auth/flow-cross-site observed: Chromium blocks the third-party cookie, Firefox partitions it, WebKitGTK sends it.
  expect(result.engines.chromium?.fails).toBe('token-cookie');
  expect(result.engines.firefox?.fails).toBe('token-cookie');
  expect(result.engines.webkit?.fails).toBeNull();
});

test('an info.json without Auth 2.0 services is not an auth target', async () => {
  expect(await certifyAuth({ id: 'https://example.org/iiif/x', service: [] }, ORIGINS.viewer, inProcess([]))).toBeNull();
});
