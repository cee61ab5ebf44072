// /make: the parameter contract (parse ⇄ build), strict validation, and the exact headers of
// actual responses, redirect hops and preflights.

import { expect, test } from '../support/browserless.ts';
import { MAKE_PARAM_NAMES, MakeParamsError, makeUrl, parseMakeParams } from '../../fixtures/make-params.ts';
import { ORIGINS, call, rawGet } from './fixtures-helpers.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';
import type { MakeParams } from '../../contract/page.ts';

const corsHeaders = (r: Response) => Object.fromEntries([...r.headers].filter(([k]) => k.startsWith('access-control-') || ['vary', 'cache-control', 'location', 'content-type'].includes(k)));

test.describe('makeUrl / parseMakeParams', () => {
  const full: MakeParams = {
    token: 'tok-1',
    status: 418,
    acao: ['$origin', '*'],
    acao_if_origin: '$origin',
    acac: 'true',
    acam: 'PUT, DELETE',
    acah: 'X-Custom, Authorization',
    aceh: 'Link',
    max_age: -1,
    vary: 'Origin',
    cache: 'public, max-age=60',
    location: '/elsewhere?a=1&b=2',
    set_cookie: ['a=1; Path=/', 'b=2; SameSite=None; Secure'],
    header: ['X-Custom: 1', 'Timing-Allow-Origin: *'],
    body: 'jpeg',
    hops: 3,
    etag: 'v1',
    nm_header: ['Access-Control-Expose-Headers: X-Custom'],
    pf_status: 200,
    pf_acao: ['null'],
    pf_acac: 'True',
    pf_acam: 'put',
    pf_acah: '*',
    pf_max_age: 7200,
    pf_vary: 'Access-Control-Request-Headers',
    pf_location: 'http://localhost:1/x',
    pf_header: ['X-Preflight: yes'],
  };

  test('every parameter round-trips', () => {
    expect(Object.keys(full).sort()).toEqual([...MAKE_PARAM_NAMES].sort());
    const url = new URL(makeUrl('http://localhost:1234', full));
    expect(url.pathname).toBe('/make');
    expect(parseMakeParams(url.searchParams)).toEqual({ ok: true, params: full });
  });

  test('an empty object is a bare /make', () => {
    expect(makeUrl('http://localhost:1234/', {})).toBe('http://localhost:1234/make');
    expect(parseMakeParams(new URLSearchParams(''))).toEqual({ ok: true, params: {} });
  });

  test('makeUrl refuses what the server would refuse', () => {
    expect(() => makeUrl('http://x', { status: 99 })).toThrow(MakeParamsError);
    expect(() => makeUrl('http://x', { header: ['no colon and spaces'] })).toThrow(/header/);
  });
});

test.describe('/make validation → 400 naming the parameter, readable cross-origin', () => {
  const long = 'x'.repeat(8 * 1024 + 1);
  const cases: [string, string][] = [
    ['bogus=1', 'bogus'],
    ['status=abc', 'status'],
    ['status=199', 'status'],
    ['status=600', 'status'],
    ['status=2.5', 'status'],
    ['pf_status=1000', 'pf_status'],
    ['hops=31', 'hops'],
    ['hops=-1', 'hops'],
    ['max_age=1e3', 'max_age'],
    ['body=gif', 'body'],
    ['acac=true&acac=true', 'acac'],
    [Array.from({ length: 21 }, () => 'acao=*').join('&'), 'acao'],
    ['acao=a%0D%0AX-Injected:%201', 'acao'],
    ['location=%2Fa%0Ab', 'location'],
    ['vary=a%00b', 'vary'],
    ['set_cookie=a%0Db', 'set_cookie'],
    ['acah=%01', 'acah'],
    ['acao=%E2%82%AC', 'acao'],
    ['header=Bad%20Name:%201', 'header'],
    ['header=:%20novalue', 'header'],
    ['header=X(y):%201', 'header'],
    ['header=Content-Length:%201', 'header'],
    ['pf_header=Transfer-Encoding:%20chunked', 'pf_header'],
    ['pf_acao=$none&pf_acao=*', 'pf_acao'],
    [`aceh=${long}`, 'aceh'],
  ];
  for (const [query, parameter] of cases) {
    test(query.length > 60 ? `${query.slice(0, 40)}… (${parameter})` : query, async () => {
      const r = await call(`/make?${query}`);
      expect(r.status).toBe(400);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(await r.json()).toMatchObject({ error: 'bad-parameter', parameter });
    });
  }

  test('20 repeats are fine', async () => {
    const r = await call(`/make?${Array.from({ length: 20 }, () => 'acao=*').join('&')}`);
    expect(r.status).toBe(200);
  });
});

test.describe('/make actual responses', () => {
  test('defaults: 200, text body, Cache-Control no-store, no CORS headers', async () => {
    const r = await call('/make');
    expect(r.status).toBe(200);
    expect(corsHeaders(r)).toEqual({ 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' });
    expect(await r.text()).toBe('make-body');
  });

  test('$origin reflects verbatim, including null; absent Origin sends nothing', async () => {
    expect((await call('/make?acao=$origin')).headers.get('access-control-allow-origin')).toBe(ORIGINS.viewer);
    expect((await call('/make?acao=$origin', { from: 'null' })).headers.get('access-control-allow-origin')).toBe('null');
    expect((await call('/make?acao=$origin', { from: null })).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('acao_if_origin: only with an Origin header, and never a Vary', async () => {
    const withOrigin = await call('/make?acao_if_origin=*&cache=public,max-age=60');
    expect(corsHeaders(withOrigin)).toEqual({ 'access-control-allow-origin': '*', 'cache-control': 'public,max-age=60', 'content-type': 'text/plain; charset=utf-8' });
    const without = await call('/make?acao_if_origin=*&cache=public,max-age=60', { from: null });
    expect(without.headers.get('access-control-allow-origin')).toBeNull();
    expect(without.headers.get('vary')).toBeNull();
  });

  test('every actual-response header parameter lands as written', async () => {
    const r = await call(
      '/make?status=201&acao=*&acac=True&acam=PUT&acah=X-A&aceh=X-Custom&max_age=5&vary=Origin&cache=max-age=1&location=/x&set_cookie=a=1&set_cookie=b=2&header=X-Custom:%201&body=json',
    );
    expect(r.status).toBe(201);
    expect(corsHeaders(r)).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'True',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'X-A',
      'access-control-expose-headers': 'X-Custom',
      'access-control-max-age': '5',
      vary: 'Origin',
      'cache-control': 'max-age=1',
      location: '/x',
      'content-type': 'application/json',
    });
    expect(r.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(r.headers.get('x-custom')).toBe('1');
    expect(await r.json()).toEqual({ ok: true });
  });

  test('image and empty bodies', async () => {
    const png = await call('/make?body=png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const jpeg = await call('/make?body=jpeg');
    expect([...new Uint8Array(await jpeg.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xd8]);
    const empty = await call('/make?body=empty');
    expect(empty.headers.get('content-type')).toBeNull();
    expect(await empty.text()).toBe('');
    const overridden = await call('/make?body=json&header=Content-Type:%20text/html');
    expect(overridden.headers.get('content-type')).toBe('text/html');
  });

  test('hops: each hop redirects to the same URL with hops-1 (token kept), then serves', async () => {
    const first = await call('/make?token=tk&acao=*&hops=2&status=307');
    expect(first.status).toBe(307);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const second = new URL(first.headers.get('location') ?? '');
    expect(second.origin).toBe(ORIGINS.image);
    expect(Object.fromEntries(second.searchParams)).toEqual({ token: 'tk', acao: '*', hops: '1', status: '307' });
    const hop2 = await call(second.pathname + second.search);
    expect(hop2.status).toBe(307);
    const last = new URL(hop2.headers.get('location') ?? '');
    expect(last.searchParams.get('hops')).toBe('0');
    const end = await call(last.pathname + last.search);
    expect(end.status).toBe(200);
    expect(await end.text()).toBe('make-body');
    // Without status, hops use 302.
    expect((await call('/make?hops=1')).status).toBe(302);
  });

  test('a 3xx with location but no hops is served as asked', async () => {
    const r = await call('/make?status=301&location=http://localhost:9/elsewhere');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('http://localhost:9/elsewhere');
  });

  test('every method is served', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const r = await call('/make?acao=*', { method });
      expect(r.status, method).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

test.describe('/make preflights', () => {
  const pf = (query: string, from: string | null = ORIGINS.viewer) =>
    call(`/make?${query}`, { method: 'OPTIONS', from, headers: { 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-a' } });

  test('defaults: 204, ACAO/ACAC from the actual parameters, nothing else, no body', async () => {
    const r = await pf('acao=$origin&acac=true&aceh=X&cache=max-age=9');
    expect(r.status).toBe(204);
    expect(corsHeaders(r)).toEqual({ 'access-control-allow-origin': ORIGINS.viewer, 'access-control-allow-credentials': 'true' });
    expect(await r.text()).toBe('');
  });

  test('pf_* parameters', async () => {
    const r = await pf('acao=*&pf_status=200&pf_acao=$origin&pf_acac=true&pf_acam=PUT&pf_acah=X-A&pf_max_age=600&pf_vary=Origin&pf_header=X-P:%201');
    expect(r.status).toBe(200);
    expect(corsHeaders(r)).toEqual({
      'access-control-allow-origin': ORIGINS.viewer,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'X-A',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(r.headers.get('x-p')).toBe('1');
  });

  test('pf_location makes the preflight a redirect; $none drops the defaults', async () => {
    const redirect = await pf('acao=*&pf_location=/make');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/make');
    const none = await pf('acao=*&acac=true&pf_acao=$none&pf_acac=$none&pf_acam=PUT');
    expect(corsHeaders(none)).toEqual({ 'access-control-allow-methods': 'PUT' });
  });

  test('OPTIONS without Access-Control-Request-Method is an actual request', async () => {
    const r = await call('/make?acao=*&pf_status=500', { method: 'OPTIONS' });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('make-body');
  });
});

test.describe('/make on the wire', () => {
  test('repeated acao are separate header lines; the log keeps raw request headers', async () => {
    const running = await startFixturesOnFreePorts();
    const { viewer, image } = running.ports;
    try {
      const url = makeUrl(`http://localhost:${image}`, { token: 'wire-1', acao: ['*', '$origin'], set_cookie: ['a=1', 'b=2'] });
      const { status, lines } = await rawGet(url, { Origin: `http://localhost:${viewer}`, 'X-Dup': 'one' });
      expect(status).toBe(200);
      expect(lines.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin')).toEqual([
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Origin', `http://localhost:${viewer}`],
      ]);
      expect(lines.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v)).toEqual(['a=1', 'b=2']);
      const [entry] = running.log.forToken('wire-1');
      expect(entry).toMatchObject({ role: 'image', port: image, origin: `http://localhost:${viewer}`, status: 200, preflight: false });
      // One list of header lines, as sent: name case kept.
      expect(entry?.headers).toContainEqual(['X-Dup', 'one']);
    } finally {
      await running.close();
    }
  });
});

test.describe('/make revalidation and the parser-rejected log', () => {
  test('etag: a matching If-None-Match gets a 304 with only the nm_header lines', async () => {
    const { createFixtureApp } = await import('../../fixtures/app.ts');
    const { app } = createFixtureApp({ ports: { viewer: 1, image: 2, other: 3 } });
    const url = 'http://localhost:2/make?acao=*&etag=v1&nm_header=Access-Control-Expose-Headers%3A%20X-Custom';
    const first = await app.request(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"v1"');
    const second = await app.request(url, { headers: { 'If-None-Match': '"v1"' } });
    expect(second.status).toBe(304);
    expect(second.headers.get('access-control-allow-origin')).toBeNull();
    expect(second.headers.get('access-control-expose-headers')).toBe('X-Custom');
  });

  test('rejectedToLogEntry reads the method, path, token and headers of what the parser refused', async () => {
    const { rejectedToLogEntry } = await import('../../fixtures/request-log.ts');
    const raw = Buffer.from('patch /make?token=t1 HTTP/1.1\r\nHost: localhost:2\r\nOrigin: http://localhost:1\r\n\r\n', 'latin1');
    expect(rejectedToLogEntry(raw, 'image', 'HPE_INVALID_METHOD')).toMatchObject({
      method: 'patch', path: '/make?token=t1', token: 't1', origin: 'http://localhost:1', status: 400, rejected: 'HPE_INVALID_METHOD', preflight: false,
    });
    expect(rejectedToLogEntry(Buffer.from([0x16, 0x03, 0x01]), 'image', 'HPE_INVALID_METHOD')).toBeNull();
  });
});
