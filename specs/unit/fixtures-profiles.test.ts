// Every misconfiguration profile, table-driven: the exact CORS headers (plus Vary, Set-Cookie and
// Allow) of a tile, info.json, a manifest, an error and a preflight, requested from the viewer
// origin. The expectations are written out by hand, independently of profiles.ts, so a change to a
// profile's behaviour has to be made twice, on purpose.

import { expect, test } from '../support/browserless.ts';
import { PROFILE_NAMES } from '../../fixtures/profiles.ts';
import { ORIGINS, call, rawGet } from './fixtures-helpers.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';

type Headers_ = Record<string, string>;
interface Expect {
  status: number;
  headers: Headers_;
}
interface Row {
  tile: Expect | Headers_;
  info: Expect | Headers_;
  manifest: Expect | Headers_;
  error: Expect | Headers_;
  preflight: Expect | Headers_;
}

const V = ORIGINS.viewer; // http://localhost:48901
const V2 = 'http://127.0.0.1:48901';
const S = { 'access-control-allow-origin': '*' };
const R = { 'access-control-allow-origin': V };
const RV = { ...R, vary: 'Origin' };
const RVC = { ...R, 'access-control-allow-credentials': 'true', vary: 'Origin' };
const M = { 'access-control-allow-methods': 'GET, HEAD, OPTIONS' };
const H = { 'access-control-allow-headers': 'authorization' };
/** A typical preflight answer: 204, the origin headers, methods and the requested header echoed. */
const pf = (origin: Headers_, more: Headers_ = {}) => ({ ...origin, ...M, ...H, ...more });
const plainOptions = { status: 200, headers: { allow: 'GET, HEAD, OPTIONS' } };
const same = (h: Headers_, preflight: Expect | Headers_ = pf(h)): Row => ({ tile: h, info: h, manifest: h, error: h, preflight });
const maxAge = (v: string) => same(S, pf(S, { 'access-control-max-age': v }));
const cookie = { ...S, 'set-cookie': 'fx_session_anon=1; Path=/' };

const TABLE: Record<string, Row> = {
  correct: same(
    { ...S, 'access-control-expose-headers': 'Link' },
    { ...S, 'access-control-expose-headers': 'Link', 'access-control-allow-methods': 'GET,HEAD,OPTIONS', ...H, vary: 'Access-Control-Request-Headers' },
  ),
  'correct-credentials': same(
    { ...RVC, 'access-control-expose-headers': 'Link' },
    { ...RVC, 'access-control-expose-headers': 'Link', 'access-control-allow-methods': 'GET,HEAD,OPTIONS', ...H, vary: 'Origin, Access-Control-Request-Headers' },
  ),
  // Asked from the fixture viewer, which is not the listed origin: no ACAO, Vary: Origin.
  'allow-listed-viewer': same(
    { 'access-control-expose-headers': 'Link', vary: 'Origin' },
    { 'access-control-expose-headers': 'Link', 'access-control-allow-methods': 'GET,HEAD,OPTIONS', ...H, vary: 'Origin, Access-Control-Request-Headers' },
  ),
  'no-cors-headers': same({}, plainOptions),
  'info-only': { tile: {}, info: S, manifest: S, error: S, preflight: pf(S) },
  'tiles-only': { tile: S, info: {}, manifest: {}, error: {}, preflight: plainOptions },
  'manifest-no-acao': { tile: S, info: S, manifest: {}, error: S, preflight: pf(S) },
  'errors-without-acao': { tile: S, info: S, manifest: S, error: {}, preflight: pf(S) },
  'base-redirect-no-acao': same(S),
  'redirect-hop-no-acao': {
    tile: { status: 302, headers: {} },
    info: { status: 302, headers: {} },
    manifest: { status: 302, headers: {} },
    error: { status: 404, headers: S }, // the error probe carries ?hopped=1
    preflight: pf(S),
  },
  'https-redirect-style-hop': {
    tile: { status: 301, headers: {} },
    info: { status: 301, headers: {} },
    manifest: { status: 301, headers: {} },
    error: { status: 301, headers: {} },
    preflight: pf(S),
  },
  'wildcard-with-credentials': same({ ...S, 'access-control-allow-credentials': 'true' }),
  'acac-capitalised': same({ ...RV, 'access-control-allow-credentials': 'True' }),
  'acac-without-exact-origin': same({ 'access-control-allow-origin': 'http://localhost', 'access-control-allow-credentials': 'true' }),
  'exact-origin-without-acac': same(RV),
  'set-cookie-with-wildcard': { tile: cookie, info: cookie, manifest: cookie, error: S, preflight: pf(S) },
  'preflight-missing-acac': same(RVC, pf(RV)),
  'reflect-origin-no-vary': same(R),
  'reflect-origin-with-vary': same(RV),
  'reflect-any-with-credentials': same(RVC),
  'null-origin-trusted': same(RVC),
  'prefix-match-origin': same(RVC),
  'suffix-match-origin': same(RVC),
  'unescaped-dot-origin': same(RVC),
  'http-trusted-from-https-style': same(RVC),
  'duplicate-acao': same({ 'access-control-allow-origin': '*, *' }),
  'acao-list': same({ 'access-control-allow-origin': `${V}, ${V2}` }),
  'acao-trailing-slash': same({ 'access-control-allow-origin': `${V}/` }),
  'acao-wrong-case': same({ 'access-control-allow-origin': 'HTTP://LOCALHOST:48901' }),
  'acao-null': same({ 'access-control-allow-origin': 'null' }),
  'acao-quoted-star': same({ 'access-control-allow-origin': '"*"' }),
  'options-404': same(S, { status: 404, headers: S }),
  'options-405': same(S, { status: 405, headers: { ...S, allow: 'GET, HEAD' } }),
  'options-403-no-acao': same(S, { status: 403, headers: {} }),
  'options-redirect': same(S, { status: 301, headers: pf(S) }),
  'preflight-no-acao': same(S, pf({})),
  'preflight-missing-allow-headers': same(S, { ...S, ...M }),
  'preflight-allow-headers-star': same(S, { ...S, ...M, 'access-control-allow-headers': '*' }),
  'preflight-missing-allow-methods': same(S, { ...S, ...H }),
  'expose-headers-missing': same(S),
  'expose-headers-star': same({ ...S, 'access-control-expose-headers': '*' }, pf(S)),
  'max-age-0': maxAge('0'),
  'max-age-minus-1': maxAge('-1'),
  'max-age-600': maxAge('600'),
  'max-age-7200': maxAge('7200'),
  'max-age-86400': maxAge('86400'),
  'acao-only-when-origin-sent-no-vary': same(S, pf(S)),
};

const DEFAULT_STATUS = { tile: 200, info: 200, manifest: 200, error: 404, preflight: 204 } as const;
const KEPT = (name: string) => name.startsWith('access-control-') || name === 'vary' || name === 'set-cookie' || name === 'allow';
const observed = (r: Response) => Object.fromEntries([...r.headers].filter(([name]) => KEPT(name)));

const PROBES = {
  tile: (p: string) => call(`/p/${p}/iiif/3/landscape/0,0,256,256/256,/0/default.jpg`),
  info: (p: string) => call(`/p/${p}/iiif/3/landscape/info.json`),
  manifest: (p: string) => call(`/p/${p}/manifest/sample.json`),
  error: (p: string) => call(`/p/${p}/iiif/3/no-such-image/info.json?hopped=1`),
  preflight: (p: string) =>
    call(`/p/${p}/iiif/3/landscape/info.json`, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } }),
};

test('the table covers every profile, and there are at least 30', () => {
  expect(Object.keys(TABLE).sort()).toEqual([...PROFILE_NAMES].sort());
  expect(PROFILE_NAMES.length).toBeGreaterThanOrEqual(30);
});

for (const [profile, row] of Object.entries(TABLE)) {
  test(`profile ${profile}: tile, info.json, manifest, error, preflight`, async () => {
    for (const cls of ['tile', 'info', 'manifest', 'error', 'preflight'] as const) {
      const want = row[cls];
      const { status, headers } = 'status' in want && 'headers' in want ? (want as Expect) : { status: DEFAULT_STATUS[cls], headers: want as Headers_ };
      const r = await PROBES[cls](profile);
      expect.soft({ cls, status: r.status, headers: observed(r) }, `${profile} ${cls}`).toEqual({ cls, status, headers });
      if (cls === 'preflight') expect.soft(await r.text(), `${profile} preflight body`).toBe('');
    }
  });
}

test.describe('profiles: the cases one origin cannot show', () => {
  const info = (profile: string, from: string | null) => call(`/p/${profile}/iiif/3/landscape/info.json`, { from });
  const acao = async (profile: string, from: string | null) => (await info(profile, from)).headers.get('access-control-allow-origin');

  test('origin-matching profiles trust what they should not, and not everything', async () => {
    expect(await acao('null-origin-trusted', 'null')).toBe('null');
    expect(await acao('null-origin-trusted', 'http://evil.test')).toBeNull();
    expect(await acao('prefix-match-origin', `${V}.evil.test`)).toBe(`${V}.evil.test`);
    expect(await acao('prefix-match-origin', 'http://evil.test')).toBeNull();
    expect(await acao('suffix-match-origin', 'http://evillocalhost:48901')).toBe('http://evillocalhost:48901');
    expect(await acao('suffix-match-origin', 'http://localhost:1')).toBeNull();
    expect(await acao('unescaped-dot-origin', 'http://127x0x0x1:48901')).toBe('http://127x0x0x1:48901');
    expect(await acao('unescaped-dot-origin', 'http://127.0.0.2:48901')).toBeNull();
    expect(await acao('http-trusted-from-https-style', 'https://localhost:48901')).toBe('https://localhost:48901');
    expect(await acao('http-trusted-from-https-style', 'http://evil.test')).toBeNull();
    expect(await acao('reflect-any-with-credentials', 'http://evil.test')).toBe('http://evil.test');
    expect(await acao('correct-credentials', 'http://evil.test')).toBeNull();
    expect(await acao('correct-credentials', 'http://127.0.0.1:48902')).toBe('http://127.0.0.1:48902');
  });

  test('acao-only-when-origin-sent-no-vary: nothing without Origin, cacheable, never Vary', async () => {
    const without = await info('acao-only-when-origin-sent-no-vary', null);
    expect(observed(without)).toEqual({});
    expect(without.headers.get('cache-control')).toBe('public, max-age=3600');
    const withOrigin = await info('acao-only-when-origin-sent-no-vary', V);
    expect(observed(withOrigin)).toEqual(S);
  });

  test('reflect-origin-no-vary echoes a second origin without Vary', async () => {
    expect(observed(await info('reflect-origin-no-vary', V2))).toEqual({ 'access-control-allow-origin': V2 });
  });

  test('redirect-hop-no-acao: one same-origin hop (token kept), then ACAO *', async () => {
    const hop = await call('/p/redirect-hop-no-acao/iiif/3/landscape/info.json?token=tk');
    const location = new URL(hop.headers.get('location') ?? '');
    expect(location.origin).toBe(ORIGINS.image);
    expect(Object.fromEntries(location.searchParams)).toEqual({ token: 'tk', hopped: '1' });
    const end = await call(location.pathname + location.search);
    expect(end.status).toBe(200);
    expect(end.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('https-redirect-style-hop: 301 to the same path on the other origin, served there with ACAO *', async () => {
    const hop = await call('/p/https-redirect-style-hop/iiif/3/landscape/0,0,256,256/256,/0/default.jpg?token=tk');
    expect(hop.headers.get('location')).toBe(`${ORIGINS.other}/p/https-redirect-style-hop/iiif/3/landscape/0,0,256,256/256,/0/default.jpg?token=tk`);
    const there = await call('/p/https-redirect-style-hop/iiif/3/landscape/0,0,256,256/256,/0/default.jpg?token=tk', { on: ORIGINS.other, from: 'null' });
    expect(there.status).toBe(200);
    expect(observed(there)).toEqual(S);
    const error = await call('/p/https-redirect-style-hop/iiif/3/nope/info.json', { on: ORIGINS.other });
    expect([error.status, observed(error)]).toEqual([404, S]);
  });

  test('options-redirect: the preflight 301 points at the same URL (token kept)', async () => {
    const r = await call('/p/options-redirect/iiif/3/landscape/info.json?token=tk', { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } });
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(`${ORIGINS.image}/p/options-redirect/iiif/3/landscape/info.json?token=tk&hopped=1`);
  });

  test('base-URI 303: ACAO on correct, none on base-redirect-no-acao and errors-without-acao', async () => {
    for (const [profile, want] of [
      ['correct', '*'],
      ['base-redirect-no-acao', null],
      ['errors-without-acao', null],
      ['info-only', '*'],
    ] as const) {
      const r = await call(`/p/${profile}/iiif/3/landscape?token=t`);
      expect(r.status, profile).toBe(303);
      expect(r.headers.get('location')).toBe(`${ORIGINS.image}/p/${profile}/iiif/3/landscape/info.json?token=t`);
      expect(r.headers.get('access-control-allow-origin'), profile).toBe(want);
    }
  });

  test('errors follow the profile: 400 for a malformed request, 5xx never', async () => {
    for (const profile of PROFILE_NAMES) {
      const r = await call(`/p/${profile}/iiif/3/landscape/nonsense/max/0/default.jpg?hopped=1`, { on: ORIGINS.other });
      expect(r.status, profile).toBe(400);
    }
    expect((await call('/p/correct/iiif/3/landscape/nonsense/max/0/default.jpg')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await call('/p/errors-without-acao/iiif/3/landscape/nonsense/max/0/default.jpg')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await call('/p/info-only/iiif/3/landscape/nonsense/max/0/default.jpg')).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('duplicate-acao sends two separate lines on the wire', async () => {
    const running = await startFixturesOnFreePorts();
    const { viewer, image } = running.ports;
    try {
      const { status, lines } = await rawGet(`http://localhost:${image}/p/duplicate-acao/iiif/3/landscape/info.json`, { Origin: `http://localhost:${viewer}` });
      expect(status).toBe(200);
      expect(lines.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin')).toEqual([
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Origin', '*'],
      ]);
      const pfl = await rawGet(`http://localhost:${image}/p/duplicate-acao/iiif/3/landscape/info.json?token=dup`, { Origin: `http://localhost:${viewer}`, 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
      expect(pfl.status).toBe(204);
      expect(pfl.lines.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin')).toHaveLength(2);
      expect(running.log.forToken('dup')[0]).toMatchObject({ preflight: true, status: 204, profile: 'duplicate-acao' });
    } finally {
      await running.close();
    }
  });
});
