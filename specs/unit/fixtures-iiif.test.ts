// The IIIF content itself (Image API 3.0 info.json and image requests, Presentation 3.0 manifests),
// bad input (400/404, never 5xx, no escape from the content table), the viewer index page and the
// request log.

import { connect } from 'node:net';
import { expect, test } from '../support/browserless.ts';
import sharp from 'sharp';
import { PROFILE_NAMES } from '../../fixtures/profiles.ts';
import { RequestLog } from '../../fixtures/request-log.ts';
import { ORIGINS, call, fixture } from './fixtures-helpers.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';

const img = (path: string) => call(`/p/correct/iiif/3/${path}`);
async function dims(path: string) {
  const r = await img(path);
  expect(r.status, path).toBe(200);
  const meta = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
  return { type: r.headers.get('content-type'), format: meta.format, width: meta.width, height: meta.height, channels: meta.channels };
}

test.describe('Image API 3.0', () => {
  test('info.json: ids on the origin + profile the request arrived on, level 2 fields', async () => {
    const r = await call('/p/info-only/iiif/3/landscape/info.json', { on: ORIGINS.other });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('link')).toBe('<http://iiif.io/api/image/3/level2.json>;rel="profile"');
    expect(await r.json()).toEqual({
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: `${ORIGINS.other}/p/info-only/iiif/3/landscape`,
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level2',
      width: 1024,
      height: 768,
      maxWidth: 2048,
      maxHeight: 2048,
      sizes: [
        { width: 128, height: 96 },
        { width: 256, height: 192 },
        { width: 512, height: 384 },
        { width: 1024, height: 768 },
      ],
      tiles: [{ width: 256, height: 256, scaleFactors: [1, 2, 4] }],
      extraQualities: ['gray', 'bitonal'],
      extraFormats: ['webp'],
      extraFeatures: ['mirroring', 'rotationArbitrary', 'sizeUpscaling'],
    });
  });

  test('info.json is JSON-LD with the context profile when asked', async () => {
    const r = await call('/p/correct/iiif/3/portrait/info.json', { headers: { accept: 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"' } });
    expect(r.headers.get('content-type')).toBe('application/ld+json;profile="http://iiif.io/api/image/3/context.json"');
    expect(await r.json()).toMatchObject({ width: 600, height: 900 });
  });

  test('region, size, rotation, quality and format produce real pixels of the right shape', async () => {
    const cases: [string, Partial<Awaited<ReturnType<typeof dims>>>][] = [
      ['landscape/full/max/0/default.jpg', { format: 'jpeg', width: 1024, height: 768, type: 'image/jpeg' }],
      ['landscape/square/max/0/default.png', { format: 'png', width: 768, height: 768, type: 'image/png' }],
      ['landscape/0,0,256,256/256,/0/default.jpg', { width: 256, height: 256 }],
      ['landscape/768,512,512,512/256,/0/default.jpg', { width: 256, height: 256 }], // clipped to 256×256 at the corner
      ['landscape/pct:0,0,50,50/max/0/default.jpg', { width: 512, height: 384 }],
      ['landscape/full/,192/0/default.jpg', { width: 256, height: 192 }],
      ['landscape/full/pct:25/0/default.jpg', { width: 256, height: 192 }],
      ['landscape/full/100,100/0/default.jpg', { width: 100, height: 100 }],
      ['landscape/full/!200,200/0/default.jpg', { width: 200, height: 150 }],
      ['landscape/full/^2048,/0/default.jpg', { width: 2048, height: 1536 }],
      ['landscape/full/^max/0/default.jpg', { width: 2048, height: 1536 }],
      ['landscape/full/256,/90/default.jpg', { width: 192, height: 256 }],
      ['landscape/full/256,/!270/default.png', { width: 192, height: 256 }],
      ['landscape/full/256,/!0/gray.jpg', { width: 256, height: 192, channels: 1 }],
      ['landscape/full/256,/0/bitonal.png', { width: 256, height: 192 }],
      ['landscape/full/256,/0/color.webp', { format: 'webp', type: 'image/webp' }],
      ['landscape/full/100,/45/default.png', { channels: 4 }],
      ['portrait/full/max/0/default.jpg', { width: 600, height: 900 }],
    ];
    for (const [path, want] of cases) expect(await dims(path), path).toMatchObject(want);
  });

  test('mirroring flips the pixels; tiles differ from each other', async () => {
    const pixels = async (path: string) => sharp(Buffer.from(await (await img(path)).arrayBuffer())).raw().toBuffer();
    const plain = await pixels('landscape/0,0,64,64/64,/0/default.png');
    const mirrored = await pixels('landscape/0,0,64,64/64,/!0/default.png');
    expect(mirrored.subarray(0, 3)).toEqual(plain.subarray(63 * 3, 64 * 3));
    const other = await pixels('landscape/512,256,64,64/64,/0/default.png');
    expect(other.equals(plain)).toBe(false);
  });

  test('bitonal is black and white only', async () => {
    const raw = await sharp(Buffer.from(await (await img('landscape/full/128,/0/bitonal.png')).arrayBuffer())).raw().toBuffer();
    expect(new Set(raw)).toEqual(new Set([0, 255]));
  });

  test('base URI 303s to info.json, carrying the token', async () => {
    const r = await call('/p/correct/iiif/3/portrait?token=abc&other=x');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${ORIGINS.image}/p/correct/iiif/3/portrait/info.json?token=abc`);
  });

  test('HEAD is answered like GET without a body', async () => {
    const r = await call('/p/correct/iiif/3/landscape/info.json', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(await r.text()).toBe('');
  });
});

test.describe('Presentation API 3.0', () => {
  test('manifest canvases point at the image services on the same origin + profile', async () => {
    const r = await call('/p/tiles-only/manifest/sample.json', { headers: { accept: 'application/ld+json' } });
    expect(r.headers.get('content-type')).toBe('application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"');
    const m = (await r.json()) as { id: string; type: string; items: { type: string; width: number; items: { items: { body: { id: string; service: { id: string }[] } }[] }[] }[] };
    expect(m.id).toBe(`${ORIGINS.image}/p/tiles-only/manifest/sample.json`);
    expect(m.type).toBe('Manifest');
    expect(m.items.map((c) => [c.type, c.width])).toEqual([
      ['Canvas', 1024],
      ['Canvas', 600],
    ]);
    const body = m.items[0]?.items[0]?.items[0]?.body;
    expect(body?.service[0]?.id).toBe(`${ORIGINS.image}/p/tiles-only/iiif/3/landscape`);
    expect(body?.id).toBe(`${ORIGINS.image}/p/tiles-only/iiif/3/landscape/full/max/0/default.jpg`);
    expect((await call('/p/correct/manifest/portrait.json')).status).toBe(200);
    expect((await call('/p/correct/manifest/portrait.json')).headers.get('content-type')).toBe('application/json');
  });
});

test.describe('bad input', () => {
  const bad400 = [
    'landscape/nonsense/max/0/default.jpg',
    'landscape/0,0,0,10/max/0/default.jpg',
    'landscape/2000,0,10,10/max/0/default.jpg',
    'landscape/-1,0,10,10/max/0/default.jpg',
    'landscape/pct:a,0,10,10/max/0/default.jpg',
    'landscape/full/2000,/0/default.jpg',
    'landscape/full/pct:150/0/default.jpg',
    'landscape/full/0,/0/default.jpg',
    'landscape/full/,/0/default.jpg',
    'landscape/full/!100,/0/default.jpg',
    'landscape/full/^5000,/0/default.jpg',
    'landscape/full/max/361/default.jpg',
    'landscape/full/max/-90/default.jpg',
    'landscape/full/max/0/sepia.jpg',
    'landscape/full/max/0/default.gif',
    'landscape/full/max/0/default',
    'landscape/full/max/0/default.jpg%ZZ',
  ];
  for (const path of bad400) {
    test(`400 ${path}`, async () => {
      const r = await img(path);
      expect(r.status).toBe(400);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    });
  }

  const notFound = [
    '/p/correct/iiif/3/nope/info.json',
    '/p/correct/iiif/3/nope/full/max/0/default.jpg',
    '/p/correct/iiif/3/..%2F..%2Fpackage.json/info.json',
    '/p/correct/iiif/3/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/p/correct/iiif/3/landscape/../../../../package.json',
    '/p/correct/iiif/3/landscape/info.json/extra',
    '/p/correct/manifest/nope.json',
    '/p/correct/',
    '/p/correct',
    '/p/no-such-profile/iiif/3/landscape/info.json',
    '/p/%ZZ/iiif/3/landscape/info.json',
  ];
  for (const path of notFound) {
    test(`404 ${path}`, async () => {
      const r = await call(path);
      expect(r.status).toBe(404);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(await r.text()).not.toContain('"name"'); // never package.json
    });
  }

  test('other methods are 405 with the profile\'s error headers', async () => {
    const r = await call('/p/correct/iiif/3/landscape/info.json', { method: 'DELETE' });
    expect([r.status, r.headers.get('allow'), r.headers.get('access-control-allow-origin')]).toEqual([405, 'GET, HEAD, OPTIONS', '*']);
    const broken = await call('/p/errors-without-acao/iiif/3/landscape/info.json', { method: 'PUT' });
    expect([broken.status, broken.headers.get('access-control-allow-origin')]).toEqual([405, null]);
  });

  test('OPTIONS without Access-Control-Request-Method is not a preflight', async () => {
    const r = await call('/p/info-only/iiif/3/landscape/0,0,256,256/256,/0/default.jpg', { method: 'OPTIONS' });
    expect([r.status, r.headers.get('allow'), r.headers.get('access-control-allow-origin')]).toEqual([204, 'GET, HEAD, OPTIONS', null]);
  });

  test('hostile requests on the wire: no crash, no 5xx', async () => {
    const running = await startFixturesOnFreePorts();
    const { image } = running.ports;
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(image, '127.0.0.1', () => socket.end(text));
        let out = '';
        socket.on('data', (d) => (out += d.toString('latin1')));
        socket.on('close', () => resolve(out.split('\r\n')[0] ?? ''));
        socket.on('error', () => resolve(out.split('\r\n')[0] ?? ''));
      });
    try {
      const lines = await Promise.all([
        raw(`GET /p/correct/iiif/3/landscape/info.json HTTP/1.1\r\nHost: localhost:${image}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`),
        raw(`GET /p/correct/iiif/3/${'x'.repeat(60_000)}/info.json HTTP/1.1\r\nHost: localhost:${image}\r\nConnection: close\r\n\r\n`),
        raw(`GET /p/correct/iiif/3/landscape/info.json HTTP/1.1\r\nHost: a b c\r\nConnection: close\r\n\r\n`),
        raw(`GET /p/redirect-hop-no-acao/iiif/3/landscape/info.json HTTP/1.1\r\nHost: evil"host\r\nConnection: close\r\n\r\n`),
        raw(`GET /make?acao=%FF%FE HTTP/1.1\r\nHost: localhost:${image}\r\nConnection: close\r\n\r\n`),
        raw(`GET /p/correct/iiif/3/landscape/%00/max/0/default.jpg HTTP/1.1\r\nHost: localhost:${image}\r\nConnection: close\r\n\r\n`),
        raw(`GET /p/correct/iiif/3/landscape/info.json HTTP/1.1\r\nHost: localhost:${image}\r\nOrigin: \x7f\x80\r\nConnection: close\r\n\r\n`),
        raw(`GARBAGE\r\n\r\n`),
        raw(`GET /p/correct/iiif/3/landscape/info.json HTTP/1.0\r\n\r\n`),
      ]);
      for (const line of lines) expect(line).not.toMatch(/^HTTP\/1\.[01] 5/);
      expect(lines[0]).toMatch(/^HTTP\/1\.1 431/);
      expect(lines[8]).toMatch(/^HTTP\/1\.[01] [24]\d\d/); // no Host: node-server answers 400
      // Still serving afterwards.
      const after = await fetch(`http://localhost:${image}/p/correct/iiif/3/landscape/info.json`);
      expect(after.status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

test.describe('viewer index page', () => {
  test('lists every profile with links', async () => {
    const html = await (await call('/', { on: ORIGINS.viewer })).text();
    for (const name of PROFILE_NAMES) expect(html).toContain(`${ORIGINS.image}/p/${name}/iiif/3/landscape/info.json`);
  });
});

test.describe('request log', () => {
  test('records every field per token, preflights included; control traffic is not logged', async () => {
    await call('/p/correct/iiif/3/landscape/info.json?token=log-1', { headers: { cookie: 'a=1', referer: `${ORIGINS.viewer}/blank` } });
    await call('/p/options-404/iiif/3/landscape/info.json?token=log-1', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    await call('/__control/log?token=log-1', { on: ORIGINS.viewer });
    const entries = fixture.log.forToken('log-1');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      token: 'log-1',
      role: 'image',
      host: new URL(ORIGINS.image).host,
      port: Number(new URL(ORIGINS.image).port),
      method: 'GET',
      path: '/p/correct/iiif/3/landscape/info.json?token=log-1',
      origin: ORIGINS.viewer,
      cookie: 'a=1',
      referer: `${ORIGINS.viewer}/blank`,
      accessControlRequestMethod: null,
      preflight: false,
      profile: 'correct',
      status: 200,
    });
    expect(entries[1]).toMatchObject({ method: 'OPTIONS', preflight: true, accessControlRequestMethod: 'GET', accessControlRequestHeaders: 'authorization', profile: 'options-404', status: 404 });
    expect(entries[1]?.headers).toContainEqual(['access-control-request-headers', 'authorization']);
  });

  test('readable over HTTP on the control endpoint', async () => {
    await call('/make?token=log-2');
    const r = await call('/__control/log?token=log-2', { on: ORIGINS.viewer });
    expect(await r.json()).toMatchObject({ token: 'log-2', requests: [{ path: '/make?token=log-2', status: 200 }] });
    expect((await call('/__control/log', { on: ORIGINS.viewer })).status).toBe(400);
  });

  test('bounded: old tokens are evicted, long token lists are trimmed', () => {
    const log = new RequestLog({ maxTokens: 3, maxEntriesPerToken: 2, maxUntokened: 2 });
    const entry = (token: string | null, path = '/') => ({
      token, role: null, host: null, method: 'GET', path, origin: null, cookie: null, referer: null,
      accessControlRequestMethod: null, accessControlRequestHeaders: null, headers: [],
    });
    for (const t of ['a', 'b', 'c', 'a', 'd']) log.record(entry(t));
    expect(log.tokenCount).toBe(3);
    expect(log.forToken('b')).toEqual([]); // least recently written
    expect(log.forToken('a')).toHaveLength(2);
    for (const p of ['/1', '/2', '/3']) log.record(entry('d', p));
    expect(log.forToken('d').map((e) => e.path)).toEqual(['/2', '/3']);
    for (const p of ['/x', '/y', '/z']) log.record(entry(null, p));
    expect(log.recentUntokened().map((e) => e.path)).toEqual(['/y', '/z']);
  });
});
