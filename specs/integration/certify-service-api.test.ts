// The hosted certify's API end to end against a real nginx (Debian's, serving a level-0 tree cut by
// libvips with correct CORS): two runs posted at once (the second queued behind the first: one run
// at a time), each done with the CLI's --json document; a run cancelled by its client; one run's
// browser cache not reaching the next (fresh profiles per run).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { expect, test } from '@playwright/test';
import { CertifyResultSchema } from '../../contract/certify.ts';
import { JobStatusSchema, type ServiceEvent } from '../../contract/service.ts';
// Registers the date-time format the shapes use.
import '../../contract/validate.ts';
import { type ServiceChild, api, runEvents, startServiceChild } from '../support/certify-service.ts';
import { startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const CORRECT = {
  server: `    location ~ ^/iiif/(v[23])/([^/]+)$ { add_header Access-Control-Allow-Origin "*" always; return 303 /iiif/$1/$2/info.json; }`,
  iiif: `      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin "*" always;
        add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always;
        add_header Access-Control-Allow-Headers "Accept, Authorization" always;
        return 204;
      }
      add_header Access-Control-Allow-Origin "*" always;`,
};

let dir: string;
let nginx: Daemon;
let service: ServiceChild;
const statusShape = TypeCompiler.Compile(JobStatusSchema);
const resultShape = TypeCompiler.Compile(CertifyResultSchema);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-service-api-'));
  const { trees } = cutTrees(dir);
  nginx = await startNginx(dir, trees, CORRECT);
  service = await startServiceChild(['--allow-private', '--per-client', '3'], { CORS_ENGINES: 'chromium' });
});

test.afterAll(async () => {
  await service?.stop();
  await nginx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const events = (id: string, until?: (e: ServiceEvent) => boolean) => runEvents(service.url, id, until);

test('two runs posted at once: the second waits for the first, both finish with the --json document', async () => {
  const url = `${nginx.origin}/iiif/v3/img/info.json`;
  const [a, b] = await Promise.all([api(service.url, '/api/certify', { body: { url } }), api(service.url, '/api/certify', { body: { url } })]);
  expect([a.status, b.status]).toEqual([202, 202]);
  expect([a.json.status, b.json.status].sort()).toEqual(['queued', 'running']);
  const [first, second] = a.json.status === 'running' ? [a, b] : [b, a];
  expect(second.json.position).toBe(1);
  const secondRunning = events(String(second.json.id), (e) => e.type === 'status' && e.status === 'running');
  const firstEvents = await events(String(first.json.id));
  expect(firstEvents.some((e) => e.type === 'check' && e.project === 'chromium')).toBe(true);
  expect(firstEvents.at(-1)).toMatchObject({ type: 'status', status: 'done' });
  // The second started only once the first had ended (one run at a time by default).
  const seenBySecond = await secondRunning;
  expect(seenBySecond.find((e) => e.type === 'status')).toMatchObject({ status: 'queued', position: 1 });
  await events(String(second.json.id));
  for (const run of [first, second]) {
    const { status, json } = await api(service.url, `/api/certify/${run.json.id}`);
    expect(status).toBe(200);
    expect(statusShape.Check(json), JSON.stringify([...statusShape.Errors(json)].slice(0, 3))).toBe(true);
    expect(json.status).toBe('done');
    expect(String(json.verdictLine)).toMatch(/^PASS: CORS is right for what viewers request/);
    expect(resultShape.Check(json.result)).toBe(true);
    expect((json.result as { verdict: string }).verdict).toBe('pass');
  }
});

test('a run cancelled by its client ends as cancelled, and the next run still works', async () => {
  const url = `${nginx.origin}/iiif/v2/img/info.json`;
  const posted = await api(service.url, '/api/certify', { body: { url } });
  expect(posted.status).toBe(202);
  const id = String(posted.json.id);
  await events(id, (e) => e.type === 'check');
  const cancelled = await api(service.url, `/api/certify/${id}`, { method: 'DELETE' });
  expect(cancelled.status).toBe(202);
  const end = await events(id);
  expect(end.at(-1)).toMatchObject({ type: 'status', status: 'cancelled', error: 'cancelled by the client' });
  const { json } = await api(service.url, `/api/certify/${id}`);
  expect(json.status).toBe('cancelled');
  expect(json.result).toBeUndefined();
  // A queued run cancelled before it starts never runs.
  const [running, queued] = [await api(service.url, '/api/certify', { body: { url } }), await api(service.url, '/api/certify', { body: { url } })];
  expect(running.json.status).toBe('running');
  expect(queued.json.position).toBe(1);
  expect((await api(service.url, `/api/certify/${queued.json.id}`, { method: 'DELETE' })).json.status).toBe('cancelled');
  const after = await events(String(running.json.id));
  expect(after.at(-1)).toMatchObject({ type: 'status', status: 'done' });
  expect((await events(String(queued.json.id))).some((e) => e.type === 'status' && e.status === 'running')).toBe(false);
});

test('unknown runs are a 404 that says why', async () => {
  const { status, json } = await api(service.url, '/api/certify/nope');
  expect(status).toBe(404);
  expect(String(json.error)).toMatch(/never existed|forgotten/);
});
