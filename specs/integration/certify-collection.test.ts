// Certify a whole collection over real servers: 100 manifests (nested Presentation 3 and 2
// collections, one including itself; ten manifests with two canvases) referencing 110 image
// services on four Debian servers configured as rows of certify-real-servers.test.ts. Every
// service's verdict and root causes, and one group per configuration, are written from the
// configurations (IMAGE_HOSTS) before running. Then the same run interrupted by SIGINT at half
// and resumed from --state ends with the same report.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectionContract } from '../../contract/validate.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { certifyCli } from '../support/certify-cli.ts';
import { type RealCollection, startRealCollection } from '../support/real-collection.ts';

test.describe.configure({ timeout: 600_000 });

const engines = selectedEngines();
let dir: string;
let real: RealCollection;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-collection-'));
  real = await startRealCollection(dir, 110, 10);
});
test.afterAll(async () => {
  await real?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});


test('a collection of 100 manifests over 4 real servers: every verdict and one group per configuration', async ({}, testInfo) => {
  const json = join(dir, 'result.json');
  const html = join(dir, 'report.html');
  const t0 = performance.now();
  const run = await certifyCli([real.collection, '--json', json, '--html', html]);
  const seconds = (performance.now() - t0) / 1000;
  await testInfo.attach('stderr', { body: run.stderr, contentType: 'text/plain' });
  await testInfo.attach('stdout', { body: run.stdout, contentType: 'text/plain' });
  expect(run.status, run.stderr).toBe(1);
  const r = collectionContract.assert(JSON.parse(readFileSync(json, 'utf8')));
  console.log(`collection: ${r.summary.services} services, ${r.groups.length} groups, ${seconds.toFixed(1)} s wall (${engines.join(', ')})`);

  expect(r.summary).toMatchObject({ documents: 103, services: 110, hosts: 4, unusable: 0 });
  expect(r.skipped.map((s) => s.url)).toEqual([real.collection]);
  expect(r.unreachable).toEqual([]);
  // One group per configuration, each with its server's root causes, certified in every engine.
  expect(r.groups).toHaveLength(real.hosts.length);
  for (const { host, daemon } of real.hosts) {
    const group = r.groups.find((g) => g.host === daemon.origin);
    expect(group, host.name).toBeDefined();
    expect(group!.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause).sort(), host.name).toEqual([...host.expected].sort());
    expect(group!.verdict, host.name).toBe(host.expected.length ? 'fail' : 'pass');
    expect(group!.checkedInBrowsers.sort(), host.name).toEqual([...engines].sort());
    expect(group!.representatives.length, host.name).toBe(2);
    expect(group!.services, host.name).toBe(real.services.filter((s) => s.host === host).length);
  }
  // Every service: its server's verdict and root causes, and what the verdict rests on.
  expect(r.services.map((s) => s.url).sort()).toEqual(real.services.map((s) => s.url).sort());
  for (const s of real.services) {
    const got = r.services.find((x) => x.url === s.url)!;
    expect(got.verdict, s.url).toBe(s.host.expected.length ? 'fail' : 'pass');
    expect(got.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause).sort(), s.url).toEqual([...s.host.expected].sort());
    expect(got.group).toBe(r.groups.find((g) => g.host === new URL(s.url).origin)!.id);
  }
  expect(r.services.filter((s) => s.checkedIn === 'browsers')).toHaveLength(8);
  expect(r.services.filter((s) => s.checkedIn === 'fingerprint')).toHaveLength(102);
  // Progress on stderr: documents, services found, certified, per engine.
  expect(run.stderr).toMatch(/documents 103 · services found 110 · fingerprinted 110 · certified 8 · in browsers: /);
  expect(readFileSync(html, 'utf8')).toContain('errors-without-acao');
});
