// Load on the hosted certify: 50 clients post at once and each gets a queued (or running) answer;
// while a run is going, GET / is answered in under 200 ms at the 95th percentile; the server's
// memory (its /health rss) stays bounded. Figures are attached to the test result.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type ServiceChild, api, startServiceChild } from '../support/certify-service.ts';
import { startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let dir: string;
let nginx: Daemon;
let service: ServiceChild;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-service-load-'));
  nginx = await startNginx(dir, cutTrees(dir).trees, { iiif: '      add_header Access-Control-Allow-Origin "*" always;' });
  // Every test client comes from 127.0.0.1: the per-client bound is raised to let 50 in.
  service = await startServiceChild(['--allow-private', '--per-client', '60'], { CORS_ENGINES: 'chromium' });
});

test.afterAll(async () => {
  await service?.stop();
  await nginx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const health = async () => (await api(service.url, '/health')).json as { running: number; queued: number; rssBytes: number };

test('50 clients at once: queued answers, GET / p95 under 200 ms during a run, memory bounded', async ({}, testInfo) => {
  const rssBefore = (await health()).rssBytes;
  const url = `${nginx.origin}/iiif/v3/img/info.json`;
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: 50 }, () => api(service.url, '/api/certify', { body: { url } })));
  const submitMs = Date.now() - started;
  expect(answers.map((a) => a.status)).toEqual(Array(50).fill(202));
  expect(answers.filter((a) => a.json.status === 'running').length).toBe(1);
  expect(answers.filter((a) => a.json.status === 'queued').map((a) => a.json.position).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));

  const times: number[] = [];
  let rssPeak = 0;
  while ((await health()).running && times.length < 200) {
    const t = performance.now();
    const page = await fetch(service.url);
    await page.text();
    times.push(performance.now() - t);
    rssPeak = Math.max(rssPeak, (await health()).rssBytes);
    await new Promise((r) => setTimeout(r, 50));
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.floor(times.length * 0.95)]!;
  for (const a of answers) await api(service.url, `/api/certify/${a.json.id}`, { method: 'DELETE' });
  // After: the running run stopped and 49 queued ones dropped (their records are kept until --keep ends).
  while ((await health()).running) await new Promise((r) => setTimeout(r, 200));
  const rssAfter = (await health()).rssBytes;
  const figures = { submitMs, requests: times.length, p50: times[Math.floor(times.length / 2)], p95, max: times.at(-1), rssBeforeMiB: rssBefore / 2 ** 20, rssPeakMiB: rssPeak / 2 ** 20, rssAfterMiB: rssAfter / 2 ** 20 };
  await testInfo.attach('figures', { body: JSON.stringify(figures, null, 1), contentType: 'application/json' });
  console.log(JSON.stringify(figures));
  expect(times.length).toBeGreaterThan(10);
  expect(p95).toBeLessThan(200);
  expect(rssPeak - rssBefore).toBeLessThan(200 * 2 ** 20);
  expect(rssAfter - rssBefore).toBeLessThan(200 * 2 ** 20);
});
