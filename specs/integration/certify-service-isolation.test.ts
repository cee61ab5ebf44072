// One run's cache cannot change another's verdict. A target (a real HTTP server of the test's,
// serving a level-0 tree cut by libvips) answers run A with no CORS header at all and an hour of
// max-age (no Vary), so every engine's HTTP cache holds CORS-less tiles and info.json; then it is
// fixed (ACAO: *) and run B certifies it on the same service, the same shared engines, from the
// same viewer origin (the same cache partition). If anything from A's profile reached B, B's
// browser checks would see the cached CORS-less answers (tile-cache-poisoning loads a tile twice on
// purpose). B must match B alone (the CLI in a fresh process) check by check, in every engine, and
// the target's own log must show B's browsers asking again for every URL A's browsers asked for.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CertifyResult } from '../../contract/certify.ts';
import { type ServiceChild, api, runEvents, startServiceChild } from '../support/certify-service.ts';
import { cutTrees, treesFor } from '../support/real-servers.ts';

test.describe.configure({ mode: 'serial', timeout: 900_000 });

const TYPES: Record<string, string> = { '.json': 'application/json', '.jpg': 'image/jpeg' };

let dir: string;
let server: Server;
let origin: string;
let phase: 'A' | 'B' = 'A';
/** The target's own log: phase, method, path, and whether a browser sent it (its user agent). */
const log: { phase: 'A' | 'B'; method: string; path: string; browser: boolean }[] = [];
let service: ServiceChild;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-service-isolation-'));
  const { trees } = cutTrees(dir);
  let root = '';
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    log.push({ phase, method: req.method ?? '', path, browser: /Mozilla/.test(req.headers['user-agent'] ?? '') });
    // A: no CORS at all, cached an hour. B: ACAO * on everything (and the preflight answered).
    const cors: Record<string, string> = phase === 'B' ? { 'access-control-allow-origin': '*' } : {};
    const cache = { 'cache-control': 'public, max-age=3600' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, phase === 'B' ? { ...cors, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'Accept, Authorization' } : {}).end();
      return;
    }
    const base = /^\/iiif\/(v[23])\/([^/]+)$/.exec(path);
    if (base) {
      res.writeHead(303, { ...cors, location: `${path}/info.json` }).end();
      return;
    }
    const file = join(root, normalize(path));
    let body: Buffer | undefined;
    try {
      if (file.startsWith(root) && statSync(file).isFile()) body = readFileSync(file);
    } catch {}
    if (!body) {
      res.writeHead(404, cors).end();
      return;
    }
    res.writeHead(200, { ...cors, ...cache, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  root = treesFor(trees, join(dir, 'www'), `127.0.0.1:${port}`);
  // All three engines: each isolates runs its own way (Chromium and Firefox a fresh profile, WebKit a fresh WebDriver session).
  service = await startServiceChild(['--allow-private']);
});

test.afterAll(async () => {
  await service?.stop();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function runOnService(url: string): Promise<CertifyResult> {
  const posted = await api(service.url, '/api/certify', { body: { url } });
  expect(posted.status, JSON.stringify(posted.json)).toBe(202);
  const events = await runEvents(service.url, String(posted.json.id));
  expect(events.at(-1), JSON.stringify(events.at(-1))).toMatchObject({ type: 'status', status: 'done' });
  return (await api(service.url, `/api/certify/${posted.json.id}`)).json.result as CertifyResult;
}

/** check id → engine (or node) → status: what a verdict is made of. */
const statuses = (r: CertifyResult) => Object.fromEntries(r.checks.map((c) => [c.id, Object.fromEntries(Object.entries(c.results).map(([col, o]) => [col, o.status]))]));

test("run A's cached CORS-less answers do not reach run B: B on the shared engines equals B alone", async () => {
  const url = `${origin}/iiif/v3/img/info.json`;
  const a = await runOnService(url);
  expect(a.verdict, 'run A: no CORS header at all is a failure').toBe('fail');
  // A run's probe of a missing image is named afresh per run (cors-certify-missing-<random>): not comparable.
  const browserPaths = (p: 'A' | 'B') => new Set(log.filter((l) => l.phase === p && l.browser && l.method === 'GET' && !l.path.includes('cors-certify-missing-')).map((l) => l.path));
  const browserPathsA = browserPaths('A');
  expect(browserPathsA.size, "A's browsers fetched the target (and their caches now hold it)").toBeGreaterThan(2);

  phase = 'B';
  const b = await runOnService(url);
  const browserPathsB = browserPaths('B');
  expect([...browserPathsA].filter((p) => !browserPathsB.has(p)), 'every URL A\'s browsers fetched was fetched again by B\'s (none from a cache A filled)').toEqual([]);

  // B alone: the CLI in a fresh process, fresh engines, the same (fixed) target.
  // Not spawnSync: the target answers from this process.
  const alone = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', 'harness/certify/cli.ts', url, '--json', '-', '--quiet'], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
  expect(alone.status, alone.stderr).toBe(0);
  const bAlone = JSON.parse(alone.stdout) as CertifyResult;
  expect(bAlone.verdict).toBe('pass');
  expect(b.verdict, 'B after A on the shared engines').toBe(bAlone.verdict);
  expect(statuses(b)).toEqual(statuses(bAlone));
  expect(b.engines.map((e) => e.project).sort()).toEqual(['chromium', 'firefox', 'webkit']);
});
