// The hosted certify with --queue: a real redis-server (Debian's; started here, on a port Redis
// binds itself, see support/redis.ts), a server that only enqueues, and two `--worker` processes
// (Chromium each) certifying a real nginx. Ten queued runs finish, on both workers, with their
// progress and the CLI's --json document back on the server; a worker SIGKILLed mid-run loses no
// run: BullMQ's stalled-run check gives it to the other worker, and the server reports it once.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { expect, test } from '@playwright/test';
import { CertifyResultSchema } from '../../contract/certify.ts';
import { JobStatusSchema, type ServiceEvent } from '../../contract/service.ts';
// Registers the date-time format the shapes use.
import '../../contract/validate.ts';
import { QUEUE_NAME } from '../../harness/service/queue-redis.ts';
import { type ServiceChild, type WorkerChild, api, runEvents, startServiceChild, startWorkerChild } from '../support/certify-service.ts';
import { NGINX_BASE, nginxOptions, startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';
import { type RedisServer, startRedis } from '../support/redis.ts';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

const CORRECT = { server: NGINX_BASE, iiif: `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;` };
const ENV = { CORS_ENGINES: 'chromium' };

let dir: string;
let nginx: Daemon;
let redis: RedisServer;
let service: ServiceChild;
const workers: WorkerChild[] = [];
const statusShape = TypeCompiler.Compile(JobStatusSchema);
const resultShape = TypeCompiler.Compile(CertifyResultSchema);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-service-queue-'));
  redis = await startRedis(dir);
  nginx = await startNginx(dir, cutTrees(dir).trees, CORRECT);
  service = await startServiceChild(['--queue', redis.url, '--allow-private', '--per-client', '20'], ENV);
  // One after the other: two engine launches at once on two cores only slow both.
  for (let i = 0; i < 2; i++) workers.push(await startWorkerChild(['--queue', redis.url, '--allow-private'], ENV));
});

test.afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await service?.stop();
  await nginx?.stop();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const finals = (events: ServiceEvent[]) => events.filter((e) => e.type === 'status' && !['queued', 'running'].includes(e.status));

async function expectDone(id: string, events: ServiceEvent[]): Promise<string> {
  expect(finals(events), `run ${id}: one end, reported once`).toEqual([expect.objectContaining({ status: 'done' })]);
  const { status, json } = await api(service.url, `/api/certify/${id}`);
  expect(status).toBe(200);
  expect(statusShape.Check(json), JSON.stringify([...statusShape.Errors(json)].slice(0, 3))).toBe(true);
  expect(json.status).toBe('done');
  expect(String(json.verdictLine)).toMatch(/^PASS: CORS is right for what viewers request/);
  expect(resultShape.Check(json.result)).toBe(true);
  return String(json.worker);
}

test('--serve --queue with no Redis there fails at once, naming what to start', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'harness/certify/cli.ts', '--serve', '--queue', 'redis://127.0.0.1:1'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...ENV } });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
  expect(run.stderr).toContain('start redis-server');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test('ten queued runs finish, on both workers, progress and results back on the server', async () => {
  const url = `${nginx.origin}/iiif/v3/img/info.json`;
  const posted = await Promise.all(Array.from({ length: 10 }, () => api(service.url, '/api/certify', { body: { url } })));
  expect(posted.map((p) => p.status)).toEqual(Array(10).fill(202));
  // Nothing runs on the server itself: a run is queued until a worker takes it.
  expect(posted.map((p) => p.json.status)).toEqual(Array(10).fill('queued'));
  const ids = posted.map((p) => String(p.json.id));
  const all = await Promise.all(ids.map((id) => runEvents(service.url, id)));
  const ranOn: string[] = [];
  for (const [i, id] of ids.entries()) {
    const events = all[i]!;
    expect(events.some((e) => e.type === 'check' && e.project === 'chromium'), `run ${id}: per-check progress came back`).toBe(true);
    expect(events.some((e) => e.type === 'worker' && workers.some((w) => w.name === e.worker))).toBe(true);
    ranOn.push(await expectDone(id, events));
  }
  const counts = Object.fromEntries(workers.map((w) => [w.name, ranOn.filter((n) => n === w.name).length]));
  test.info().annotations.push({ type: 'runs per worker', description: JSON.stringify(counts) });
  expect(ranOn.every((n) => workers.some((w) => w.name === n))).toBe(true);
  for (const w of workers) expect(counts[w.name], `worker ${w.name} ran some of the ten`).toBeGreaterThan(0);
  expect((await api(service.url, '/health')).json).toMatchObject({ running: 0, queued: 0 });
});

test('a worker SIGKILLed mid-run loses no run: the other worker runs it again, and it is reported once', async () => {
  const url = `${nginx.origin}/iiif/v2/img/info.json`;
  const posted = await Promise.all([0, 1].map(() => api(service.url, '/api/certify', { body: { url } })));
  const ids = posted.map((p) => String(p.json.id));
  const following = ids.map((id) => runEvents(service.url, id));
  // The first run seen mid-check: its worker is the one to kill.
  const victimId = await Promise.race(ids.map((id) => runEvents(service.url, id, (e) => e.type === 'check').then(() => id)));
  const { json: mid } = await api(service.url, `/api/certify/${victimId}`);
  expect(mid.status).toBe('running');
  const seen = await runEvents(service.url, victimId, (e) => e.type === 'check');
  const takenBy = seen.filter((e): e is Extract<ServiceEvent, { type: 'worker' }> => e.type === 'worker').at(-1)!.worker;
  const victim = workers.find((w) => w.name === takenBy)!;
  const survivor = workers.find((w) => w !== victim)!;
  expect(victim, `the run's worker ${takenBy} is one of ours`).toBeTruthy();
  process.kill(victim.child.pid!, 'SIGKILL');
  const killedAt = Date.now();
  const [first, second] = await Promise.all(following);
  const byId = new Map([
    [ids[0]!, first!],
    [ids[1]!, second!],
  ]);
  for (const [id, events] of byId) {
    const worker = await expectDone(id, events);
    expect(worker, `run ${id} ended on the surviving worker`).toBe(id === victimId ? survivor.name : worker);
  }
  const victimEvents = byId.get(victimId)!;
  expect(victimEvents.some((e) => e.type === 'worker' && e.worker === takenBy && /stopped answering/.test(e.message)), 'the page is told the run went back to the queue').toBe(true);
  expect(victimEvents.some((e) => e.type === 'worker' && e.worker === survivor.name && /again/.test(e.message))).toBe(true);
  // BullMQ's own record: the run was started twice and completed once.
  const [attempts, finishedOn] = await redis.client.hmget(`bull:${QUEUE_NAME}:${victimId}`, 'ats', 'finishedOn');
  expect(Number(attempts)).toBe(2);
  expect(Number(finishedOn)).toBeGreaterThan(killedAt);
  test.info().annotations.push({ type: 'recovery', description: `run ${victimId} done ${Math.round((Number(finishedOn) - killedAt) / 1000)} s after its worker was killed` });
});
