// Hostile collections end in bounded time with a clear message and exit 2 (nothing certifiable)
// or a listed failure: a collection that includes itself, 10^6 listed members, a 50 MB manifest,
// members on a host that accepts connections and never answers. Served from loopback by Node.
// "Bounded" rests on the product's own limits, not on this machine's speed: each run must end
// within what its --timeout, caps and --rate allow, plus twice what starting the command costs
// right now (`certify --help`, measured before each run: the shared machine may be loaded). None of
// these inputs has an image service, so no engine is started at all (the launch waits for one).

import { createServer as createHttp, type Server } from 'node:http';
import { type Server as NetServer, type Socket, createServer as createNet } from 'node:net';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { certifyCli } from '../support/certify-cli.ts';

test.describe.configure({ mode: 'default', timeout: 300_000 });

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

/** Seconds to start the command and exit (module loading, Node startup) on this machine now. */
async function startupSeconds(): Promise<number> {
  const t0 = performance.now();
  const help = await certifyCli(['--help'], ENV);
  expect(help.status, help.stderr).toBe(0);
  return (performance.now() - t0) / 1000;
}

/**
 * Runs certify on a hostile input: `productSeconds` is what the product's own limits allow for it
 * (timeouts × requests in sequence, documents / rate). A run past the bound is killed (status null).
 */
async function bounded(args: string[], productSeconds: number) {
  const startup = await startupSeconds();
  const bound = productSeconds + 2 * startup;
  const t0 = performance.now();
  const run = await certifyCli(args, ENV, bound * 1000 + 5_000);
  const seconds = (performance.now() - t0) / 1000;
  // No engine is launched for an input without an image service.
  expect(run.stderr).not.toContain('[launch]');
  expect(seconds, `ended in ${seconds.toFixed(1)} s; bound ${productSeconds} s (product) + 2 × ${startup.toFixed(1)} s (startup now)`).toBeLessThan(bound);
  return run;
}

const T = 5; // --timeout for every run (seconds, per request, headers and body)

test('a collection that includes itself: read once, said so, exit 2', async () => {
  // Two GETs in sequence: is it a collection? (cli), then the walk's read.
  const run = await bounded([`${origin}/self.json`, '--timeout', String(T)], 2 * T);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain(`cannot certify ${origin}/self.json: found no image service to certify`);
  expect(run.stderr).toContain('a collection that includes itself or an ancestor is not followed twice');
});

test('a 50 MB manifest: not read past 20 MB, exit 2', async () => {
  // Two GETs in sequence, each stopped at 20 MB or T seconds.
  const run = await bounded([`${origin}/huge.json`, '--timeout', String(T)], 2 * T);
  expect(run.status, run.stderr).toBe(2);
  // The collection reader's cap (20 MB), or, when its read ran out of --timeout first (a loaded machine), the single-target reader's (4 MB).
  expect(run.stderr).toMatch(/huge\.json: larger than 20 MB: not read|huge\.json is larger than 4194304 bytes; not a IIIF document/);
});

test('members on a host that never answers: each listed with its timeout, exit 2', async () => {
  // Two GETs of the collection, then its 5 members at once (--concurrency 8): three timeouts in sequence at most.
  const run = await bounded([`${origin}/hanging.json`, '--timeout', '2'], 3 * 2);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toMatch(/5 could not be read, e\.g\. http:\/\/127\.0\.0\.1:\d+\/m\d\.json: GET .*: no response within 2 s/);
});

test('10^6 listed members: the list is read up to --max-documents, the cap is said, exit 2', async () => {
  const list = join(dir, 'million.txt');
  const out = createWriteStream(list);
  for (let i = 0; i < 1_000_000; i++) if (!out.write(`${origin}/m/${i}.json\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  // 300 documents at 300 a second on one host, each answered at once (404) or within T.
  const run = await bounded(['--list', list, '--max-documents', '300', '--rate', '300', '--timeout', String(T)], 300 / 300 + T);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain('the list has more than 300 entries: only the first 300 were read (--max-documents)');
  expect(run.stderr).toMatch(/300 could not be read, e\.g\. .*: answered 404/);
});
