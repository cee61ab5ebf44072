// No target's answer, however odd, ends in a stack trace: the certify CLI against hostile answers
// from a local server (broken JSON shapes, impossible sizes, images that are not images, tiles that
// fail, headers nobody should send, redirects nowhere), against every server of the real-server
// corpus (specs/support/real-server-corpus.ts: nginx, Apache, Caddy, Varnish, lighttpd + iipsrv,
// and nginx sending each malformed ACAO), and against a real nginx serving a level-0 tree with
// --viewers (the tree has no full/: the viewer check once crashed there). Each run's stderr is
// checked, and each run is killed if it outlives its time bound. One engine (Chromium) per run: the
// subject is certify's own error handling; the diagnoses in every engine are the corpus tests'.

import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { certifyCli } from '../support/certify-cli.ts';
import { startNginx } from '../support/real-server-configs.ts';
import { ACAO_ROWS, REAL_SERVERS, startAcaoRow } from '../support/real-server-corpus.ts';
import { cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'default', timeout: 200_000 });

const info = (o: string, extra: Record<string, unknown>) => JSON.stringify({ '@context': 'http://iiif.io/api/image/3/context.json', id: `${o}/iiif/x`, type: 'ImageService3', protocol: 'http://iiif.io/api/image', profile: 'level0', width: 1000, height: 700, tiles: [{ width: 256, scaleFactors: [1, 2] }], ...extra });

interface Answer {
  body: string;
  headers?: Record<string, string>;
  status?: number;
}
/** Name → what the hostile server answers for its info.json (or manifest), and for everything else (`image`: tiles, base URI, errors; default HTML as a JPEG). */
const HOSTILE: Record<string, (o: string) => Answer & { image?: Answer }> = {
  'width-as-string': (o) => ({ body: info(o, { width: '1000' }) }),
  'negative-size': (o) => ({ body: info(o, { width: -5, height: 0 }) }),
  'zero-scale-factor': (o) => ({ body: info(o, { tiles: [{ width: 0, scaleFactors: [0] }] }) }),
  'huge-image': (o) => ({ body: info(o, { width: 1e9, height: 1e9, tiles: [{ width: 1, scaleFactors: [1] }] }) }),
  'array-body': () => ({ body: '[1,2,3]' }),
  'null-body': () => ({ body: 'null' }),
  'id-elsewhere': () => ({ body: info('http://127.0.0.1:9', {}) }),
  'tiles-not-images': (o) => ({ body: info(o, {}) }),
  'odd-acao': (o) => ({ body: info(o, {}), headers: { 'access-control-allow-origin': '*, http://x, null, ""' } }),
  'sizes-garbage': (o) => ({ body: info(o, { sizes: [{ width: 'a' }, null, 7, { width: 300, height: 200 }] }) }),
  'id-not-a-url': () => ({ body: info('not a url', {}) }),
  'id-javascript': () => ({ body: info('javascript:alert(1)', {}) }),
  'id-ftp': () => ({ body: info('ftp://127.0.0.1/iiif/x', {}) }),
  'info-location-malformed': () => ({ body: '', status: 302, headers: { location: 'http://[' } }),
  'info-location-ftp': () => ({ body: '', status: 302, headers: { location: 'ftp://127.0.0.1/x/info.json' } }),
  'info-redirect-loop': (o) => ({ body: '', status: 302, headers: { location: `${o}/info.json` } }),
  'tiles-location-malformed': (o) => ({ body: info(o, {}), image: { body: '', status: 302, headers: { location: 'http://[', 'access-control-allow-origin': '*' } } }),
  'tiles-redirect-loop': (o) => ({ body: info(o, {}), image: { body: '', status: 307, headers: { location: `${o}/full/max/0/default.jpg`, 'access-control-allow-origin': '*' } } }),
  'tiles-status-599': (o) => ({ body: info(o, {}), image: { body: '', status: 599 } }),
  'tiles-no-status-text-body': (o) => ({ body: info(o, {}), image: { body: '\u0000'.repeat(100), status: 200, headers: { 'content-type': 'text/plain; charset=utf-16' } } }),
  'manifest-loop': (o) => ({ body: JSON.stringify({ '@context': 'http://iiif.io/api/presentation/3/context.json', type: 'Manifest', id: `${o}/m`, items: [{ items: [{ items: [{ body: { service: [{ id: `${o}/m`, type: 'ImageService3' }] } }] }] }] }) }),
};

let server: Server;
/** The level-0 trees, cut once when a test first needs them. */
let trees: string | undefined;
let origin: string;
let dir: string;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certify-no-stack-'));
  server = createServer((req, res) => {
    const [, name, rest] = /^\/([^/]+)(\/.*)?$/.exec(req.url ?? '/') ?? [];
    const o = `${origin}/${name}`;
    const answer = name && HOSTILE[name];
    if (!answer) return res.writeHead(404).end();
    const a = answer(o);
    if (rest === '/info.json' || name === 'manifest-loop') return res.writeHead(a.status ?? 200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...a.headers }).end(a.body);
    // Image requests: HTML where a JPEG is expected, unless the answer says otherwise.
    if (a.image) return res.writeHead(a.image.status ?? 200, { 'content-type': 'image/jpeg', ...a.image.headers }).end(a.image.body);
    res.writeHead(200, { 'content-type': 'image/jpeg', 'access-control-allow-origin': '*', ...a.headers }).end('<html>not an image</html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
test.afterAll(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const noStack = (stderr: string) => {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/internal error/);
};

for (const name of Object.keys(HOSTILE)) {
  test(`hostile answer — ${name}`, async () => {
    const url = name === 'manifest-loop' ? `${origin}/${name}/m` : `${origin}/${name}/info.json`;
    const { status, stderr, stdout } = await certifyCli([url, '--viewers', '--quiet', '--json', join(dir, `${name}.json`)], { CORS_ENGINES: 'chromium' }, 150_000);
    noStack(stderr);
    expect([0, 1, 2], `${stdout}\n${stderr}`).toContain(status);
  });
}

test('real nginx, level-0 tree (no full/), --viewers: answers without a stack trace', async () => {
  const nginx = await startNginx(dir, (trees ??= cutTrees(dir).trees), { iiif: '      add_header Access-Control-Allow-Origin "*" always;' });
  try {
    const { status, stderr, stdout } = await certifyCli([`${nginx.origin}/iiif/v3/img/info.json`, '--viewers', '--quiet', '--json', join(dir, 'level0.json')], { CORS_ENGINES: 'chromium' }, 170_000);
    noStack(stderr);
    expect(status, `${stdout}\n${stderr}`).toBe(1); // OPTIONS is not answered (405): the preflight checks fail
    expect(stdout).toMatch(/osd-canvas/);
    expect(stdout).not.toMatch(/could not fetch the reference image/);
  } finally {
    await nginx.stop();
  }
});

// The corpus: every real server certify is tested against, each path as users would run it.
const corpus = [
  ...REAL_SERVERS.map((row) => ({ name: row.name, paths: row.paths, fails: row.expected.length > 0, start: (d: string, t: string) => row.start(d, t, d) })),
  ...ACAO_ROWS.filter((row) => !row.viewerOrigin).map((row) => ({ name: `nginx sending ACAO ${row.sends}`, paths: ['/iiif/v3/img/info.json'], fails: true, start: async (d: string, t: string) => [await startAcaoRow(d, t, row)] })),
];
for (const row of corpus) {
  test(`real-server corpus — ${row.name}`, async () => {
    trees ??= cutTrees(dir).trees;
    const daemons = await row.start(dir, trees);
    try {
      for (const path of row.paths) {
        const started = Date.now();
        const { status, stderr, stdout } = await certifyCli([`${daemons[0]!.origin}${path}`, '--quiet', '--samples', '3', '--json', join(dir, 'corpus.json')], { CORS_ENGINES: 'chromium' }, 120_000);
        noStack(stderr);
        // Exit 1 exactly when the row's configuration has a root cause (written before running: the corpus rows' `expected`).
        expect(status, `${path} (${Date.now() - started} ms)\n${stdout}\n${stderr}`).toBe(row.fails ? 1 : 0);
      }
    } finally {
      for (const d of daemons) await d.stop();
    }
  });
}
