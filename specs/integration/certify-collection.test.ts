// Certify a whole collection over real servers: 100 manifests (nested Presentation 3 and 2
// collections, one including itself; ten manifests with two canvases) referencing 110 image
// services on four Debian servers configured as rows of certify-real-servers.test.ts. Every
// service's verdict and root causes, and one group per configuration, are written from the
// configurations (IMAGE_HOSTS) before running. Then the same run interrupted by SIGINT at half
// and resumed from --state ends with the same report.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CollectionResult } from '../../contract/collection.ts';
import { certifyContract, collectionContract } from '../../contract/validate.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { certifyCli } from '../support/certify-cli.ts';
import { type RealCollection, startRealCollection } from '../support/real-collection.ts';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

const engines = selectedEngines();
let dir: string;
let real: RealCollection;
let first: CollectionResult | undefined;

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
  first = r;
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

/** What does not depend on the run: timings and the engines' own details left out. */
const stable = (r: CollectionResult) => ({
  summary: r.summary,
  verdict: r.verdict,
  groups: r.groups.map(({ id, host, server, fingerprint, services, representatives, checkedInBrowsers, verdict, diagnoses }) => ({ id, host, server, fingerprint, services, representatives, checkedInBrowsers, verdict, causes: diagnoses.map((d) => `${d.severity}:${d.cause}`).sort() })),
  services: r.services,
  unreachable: r.unreachable,
  skipped: r.skipped,
});

/**
 * `npm run certify -- …` as a terminal runs it, in a process group of its own; `interruptWhen`
 * sees stderr as it comes and says when to press Ctrl-C: SIGINT to the whole group (npm, node),
 * as a terminal sends it.
 */
function npmCertify(args: string[], interruptWhen?: (stderr: string) => boolean): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; interrupted: boolean }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'certify', '--', ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (!interrupted && interruptWhen?.(stderr)) {
        interrupted = true;
        process.kill(-child.pid!, 'SIGINT');
      }
    });
    child.on('close', (status, signal) => resolve({ status, signal, stderr, interrupted }));
  });
}

test('Ctrl-C at half, then the same command resumes from --state and ends with the same report', async ({}, testInfo) => {
  expect(first, 'the uninterrupted run above must have written its report').toBeDefined();
  const state = join(dir, 'state');
  const json = join(dir, 'resumed.json');
  const args = [real.collection, '--state', state, '--json', json];
  const representatives = first!.summary.checkedInBrowsers;
  const certified = (stderr: string) => Math.max(0, ...[...stderr.matchAll(/· certified (\d+) ·/g)].map((m) => Number(m[1])));
  // Ctrl-C once half of the services certified in the engines (4 of 8) are done.
  const stopped = await npmCertify(args, (stderr) => certified(stderr) >= representatives / 2);
  await testInfo.attach('interrupted stderr', { body: stopped.stderr, contentType: 'text/plain' });
  expect(stopped.interrupted, stopped.stderr).toBe(true);
  // certify exits 130; npm, interrupted too, then ends itself by SIGINT (a shell shows 130 either way).
  expect(stopped.status === 130 || (stopped.status === null && stopped.signal === 'SIGINT'), `${stopped.status} ${stopped.signal}: ${stopped.stderr}`).toBe(true);
  expect(stopped.stderr).toMatch(/certify: interrupted; run the same command again \(same --state/);
  expect(stopped.stderr).not.toMatch(/internal error|Error:/);

  // The partial state is whole: the walk, every fingerprint, and each finished service's full result (the one in progress finished too).
  const walk = JSON.parse(readFileSync(join(state, 'walk.json'), 'utf8')) as { services: unknown[] };
  expect(walk.services).toHaveLength(first!.summary.services);
  const fingerprints = readFileSync(join(state, 'fingerprints.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string });
  expect(new Set(fingerprints.map((f) => f.url)).size).toBe(first!.summary.services);
  const results = readdirSync(join(state, 'results')).filter((f) => f.endsWith('.json'));
  expect(results.length).toBeGreaterThanOrEqual(representatives / 2);
  expect(results.length).toBeLessThan(representatives);
  for (const f of results) certifyContract.assert(JSON.parse(readFileSync(join(state, 'results', f), 'utf8')));

  const resumed = await npmCertify(args);
  await testInfo.attach('resumed stderr', { body: resumed.stderr, contentType: 'text/plain' });
  expect(resumed.status, resumed.stderr).toBe(1);
  expect(resumed.stderr).toMatch(/resuming: 110 services from the saved walk/);
  // Nothing finished is redone: only the services without a saved result are certified (one line per engine each).
  const redone = resumed.stderr.match(/ checks: /g)?.length ?? 0;
  expect(redone, resumed.stderr).toBe((representatives - results.length) * engines.length);
  const r = collectionContract.assert(JSON.parse(readFileSync(json, 'utf8')));
  expect(stable(r)).toEqual(stable(first!));
});
