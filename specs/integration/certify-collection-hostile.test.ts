// Hostile collections end in bounded time with a clear message and exit 2 (nothing certifiable)
// or a listed failure: a collection that includes itself, 10^6 listed members, a 50 MB manifest,
// members on a host that accepts connections and never answers. Served from loopback by Node.

import { createServer as createHttp, type Server } from 'node:http';
import { type Server as NetServer, type Socket, createServer as createNet } from 'node:net';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { certifyCli } from '../support/certify-cli.ts';

test.describe.configure({ mode: 'default', timeout: 120_000 });

let http: Server;
let hang: NetServer;
const held: Socket[] = [];
let origin = '';
let hangOrigin = '';
let dir: string;

const collection = (id: string, members: string[]) => JSON.stringify({ '@context': 'http://iiif.io/api/presentation/3/context.json', id, type: 'Collection', label: { en: ['x'] }, items: members.map((m) => ({ id: m, type: 'Manifest' })) });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certify-hostile-'));
  hang = createNet((socket) => held.push(socket)); // accepts, never answers
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  hangOrigin = `http://127.0.0.1:${(hang.address() as { port: number }).port}`;
  http = createHttp((req, res) => {
    const url = req.url ?? '/';
    if (url === '/self.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ '@context': 'http://iiif.io/api/presentation/3/context.json', id: `${origin}/self.json`, type: 'Collection', label: { en: ['self'] }, items: [{ id: `${origin}/self.json`, type: 'Collection' }] }));
    if (url === '/hanging.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(collection(`${origin}/hanging.json`, [1, 2, 3, 4, 5].map((i) => `${hangOrigin}/m${i}.json`)));
    if (url === '/huge.json') {
      // 50 MB: a manifest's opening, then canvases without end.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"@context":"http://iiif.io/api/presentation/3/context.json","id":"${origin}/huge.json","type":"Manifest","items":[`);
      const canvas = `{"id":"${origin}/c","type":"Canvas","label":{"en":["${'x'.repeat(900)}"]}},`;
      let sent = 0;
      const more = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += canvas.length;
          if (!res.write(canvas)) return void res.once('drain', more);
        }
        res.end('{}]}');
      };
      res.on('error', () => {});
      return more();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  for (const s of held) s.destroy();
  hang?.close();
  http?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ENV = { CORS_ENGINES: 'chromium' };

async function timed(args: string[]) {
  const t0 = performance.now();
  const run = await certifyCli(args, ENV);
  return { ...run, seconds: (performance.now() - t0) / 1000 };
}

test('a collection that includes itself: read once, said so, exit 2', async () => {
  const run = await timed([`${origin}/self.json`, '--quiet']);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain(`cannot certify ${origin}/self.json: found no image service to certify`);
  expect(run.stderr).toContain('a collection that includes itself or an ancestor is not followed twice');
  expect(run.seconds).toBeLessThan(60);
});

test('a 50 MB manifest: not read past 20 MB, exit 2', async () => {
  const run = await timed([`${origin}/huge.json`, '--quiet']);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toMatch(/huge\.json: larger than 20 MB: not read/);
  expect(run.seconds).toBeLessThan(60);
});

test('members on a host that never answers: each listed with its timeout, exit 2', async () => {
  const run = await timed([`${origin}/hanging.json`, '--timeout', '2', '--quiet']);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toMatch(/5 could not be read, e\.g\. http:\/\/127\.0\.0\.1:\d+\/m\d\.json: GET .*: no response within 2 s/);
  expect(run.seconds).toBeLessThan(60);
});

test('10^6 listed members: the list is read up to --max-documents, the cap is said, exit 2', async () => {
  const list = join(dir, 'million.txt');
  const out = createWriteStream(list);
  for (let i = 0; i < 1_000_000; i++) if (!out.write(`${origin}/m/${i}.json\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  const run = await timed(['--list', list, '--max-documents', '300', '--rate', '300', '--quiet']);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain('the list has more than 300 entries: only the first 300 were read (--max-documents)');
  expect(run.stderr).toMatch(/300 could not be read, e\.g\. .*: answered 404/);
  expect(run.seconds).toBeLessThan(60);
});
