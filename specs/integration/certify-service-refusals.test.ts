// A hosted certify (no --allow-private) refuses what it must not reach, with a 4xx that says why,
// and nothing reaches the refused target: each target here is a loopback server that logs every
// request, and its own log must stay empty. Names are answered by a DNS server of the test's
// (the service's --dns-server); 127.0.0.2 plays a public address (--test-public-address), since
// tests may send traffic only to loopback. 10.0.0.1 is refused before any connection is tried.

import { expect, test } from '@playwright/test';
import { type LoggingTarget, type ServiceChild, api, fakeDns, loggingTarget, startServiceChild } from '../support/certify-service.ts';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let service: ServiceChild;
let target: LoggingTarget;
let target6: LoggingTarget;
let publicServer: LoggingTarget;
let dns: Awaited<ReturnType<typeof fakeDns>>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  target = await loggingTarget('127.0.0.1', 0, () => ({ status: 200, headers: { 'content-type': 'application/json' } }));
  target6 = await loggingTarget('::1');
  // The "public" server shares the target's port, so a hop or a rebound name that slipped through would land on the target.
  publicServer = await loggingTarget('127.0.0.2', target.port, (url) => (url.startsWith('/redirect') ? { status: 302, headers: { location: `http://127.0.0.1:${target.port}/iiif/info.json` } } : { status: 404 }));
  dns = await fakeDns({ 'public.test': ['127.0.0.2'], 'evil.test': ['127.0.0.1'], 'rebind.test': ['127.0.0.2', '127.0.0.1'] });
  service = await startServiceChild(['--dns-server', dns.server, '--test-public-address', '127.0.0.2'], { CORS_ENGINES: 'chromium' });
});

test.afterAll(async () => {
  await service?.stop();
  await Promise.all([target, target6, publicServer].map((t) => t?.close()));
  dns?.close();
});

const REFUSED = [
  { name: 'loopback IPv4 literal', url: () => `${target.origin}/iiif/info.json`, reason: /refused: 127\.0\.0\.1 is loopback/ },
  { name: 'private IPv4 literal (no connection tried)', url: () => 'http://10.0.0.1/iiif/info.json', reason: /refused: 10\.0\.0\.1 is private/ },
  { name: 'loopback IPv6 literal', url: () => `${target6.origin}/iiif/info.json`, reason: /refused: ::1 is loopback/ },
  { name: 'a public-looking name resolving to 127.0.0.1', url: () => `http://evil.test:${target.port}/iiif/info.json`, reason: /refused: 127\.0\.0\.1 is loopback \(evil\.test resolves to it\)/ },
  { name: 'a public URL redirecting to 127.0.0.1', url: () => `http://public.test:${target.port}/redirect`, reason: /refused: 127\.0\.0\.1 is loopback/ },
  { name: 'a name that resolves public, then to 127.0.0.1 (DNS rebinding)', url: () => `http://rebind.test:${target.port}/iiif/info.json`, reason: /refused: 127\.0\.0\.1 is loopback \(rebind\.test resolves to it\)/ },
];

for (const row of REFUSED) {
  test(`refused: ${row.name}`, async () => {
    const started = Date.now();
    const { status, json } = await api(service.url, '/api/certify', { body: { url: row.url() } });
    expect(status, JSON.stringify(json)).toBe(403);
    expect(json.field).toBe('url');
    expect(String(json.error)).toMatch(row.reason);
    expect(String(json.error)).toContain('--allow-private');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(target.log, 'the refused target received nothing').toEqual([]);
    expect(target6.log, 'the refused target received nothing').toEqual([]);
  });
}

test('the redirect was fetched from the public server, its hop to loopback was not', () => {
  expect(publicServer.log).toEqual(['GET /redirect']);
  // The rebinding name was resolved twice: once for the check, once where the connection was made.
  expect(dns.queries.filter((q) => q === 'A rebind.test').length).toBe(2);
});

test('bad input gets a 400 naming the field, never a stack', async () => {
  const cases: [unknown, RegExp, string][] = [
    [{ url: 'ftp://example.org/x' }, /only http and https/, 'url'],
    [{ url: 'not a url' }, /is not a URL/, 'url'],
    [{ url: 'https://user:pw@example.org/x' }, /never sends credentials/, 'url'],
    [{ url: 'https://example.org/x', engines: ['netscape'] }, /\/engines\/0/, 'engines'],
    [{ url: 'https://example.org/x', extra: 1 }, /shape/, 'extra'],
    [{}, /\/url/, 'url'],
  ];
  for (const [body, reason, field] of cases) {
    const { status, json } = await api(service.url, '/api/certify', { body });
    expect(status, JSON.stringify(body)).toBe(400);
    expect(String(json.error)).toMatch(reason);
    expect(json.field).toBe(field);
    expect(String(json.error)).not.toMatch(/\bat .*\.ts:\d+/);
  }
  const notJson = await fetch(new URL('/api/certify', service.url), { method: 'POST', body: 'url=x' });
  expect(notJson.status).toBe(400);
  expect(target.log).toEqual([]);
});

test('the page carries a CSP without inline script and refuses framing', async () => {
  const response = await fetch(service.url);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  const page = await response.text();
  expect(page).toMatch(/<label for="url">URL<\/label>/);
  expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});
