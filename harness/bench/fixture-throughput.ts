// Benchmark: requests/s for a cached IIIF tile through the whole fixture server (request log on,
// routing, profile headers via hono/cors, image cache) against a bare Hono + @hono/node-server
// handler serving the same bytes. Rounds alternate between the two so drift hits both; the load
// generator is a child process, so the servers' CPU time per request can be measured on its own.
// On a small machine the load generator shares the cores, so `ratio` (throughput) understates the
// server's own cost; `capacityRatio` (CPU per request, bare/fixture) is the stricter number.
// Knobs: BENCH_ROUNDS, BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_WARMUP, BENCH_PROFILE (default correct).

import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { profileUrls } from '../../fixtures/profile-routes.ts';
import { startFixturesOnFreePorts } from '../free-fixtures.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);

// Plain JS: keep-alive clients issuing a fixed number of GETs, reporting elapsed time and bytes.
const CLIENT = `
const http = require('node:http');
process.on('message', async ({ url, requests, concurrency }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0, bytes = 0, errors = 0, statuses = {};
  const one = () => new Promise((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
      res.on('data', (d) => { bytes += d.length; });
      res.on('end', resolve);
    });
    req.on('error', () => { errors++; resolve(); });
  });
  const loop = async () => { while (next++ < requests) await one(); };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  agent.destroy();
  process.send({ ms, bytes, errors, statuses });
});`;

interface RoundResult {
  ms: number;
  bytes: number;
  errors: number;
  statuses: Record<string, number>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function run(): Promise<Record<string, unknown>> {
  const fixtures = await startFixturesOnFreePorts();
  const { ports } = fixtures;
  const profile = process.env.BENCH_PROFILE ?? 'correct';
  const tileUrl = `${profileUrls(`http://127.0.0.1:${ports.image}`, profile).image('landscape', '0,0,256,256', '256,', '0', 'default.jpg')}?token=bench`;

  // Warm the image cache and take the exact bytes the bare server will serve.
  const warm = await fetch(tileUrl);
  if (warm.status !== 200) throw new Error(`fixture tile answered ${warm.status}`);
  const bytes = new Uint8Array(await warm.arrayBuffer());
  const contentType = warm.headers.get('content-type') ?? 'image/jpeg';

  const bare = new Hono();
  bare.get('/tile.jpg', (c) => c.body(bytes, 200, { 'Content-Type': contentType }));
  const bareServer = createAdaptorServer({ fetch: bare.fetch });
  await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', () => r()));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/tile.jpg`;

  const client = fork('-e', [CLIENT], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // fork() runs a module path; `-e` as the "module" makes node evaluate CLIENT instead.
  // One round at a time: each message answers the round in flight.
  let pending: { resolve: (r: RoundResult) => void; reject: (e: unknown) => void } | undefined;
  client.on('message', (r) => pending?.resolve(r as RoundResult));
  client.on('error', (e) => pending?.reject(e));
  client.on('exit', (code) => pending?.reject(new Error(`load generator exited (${code})`)));
  const round = (url: string, requests: number) =>
    new Promise<RoundResult>((resolve, reject) => {
      pending = { resolve, reject };
      client.send({ url, requests, concurrency: CONCURRENCY });
    });

  try {
    // Warm-up (JIT, sockets) for both, not counted.
    await round(tileUrl, WARMUP);
    await round(bareUrl, WARMUP);
    const rps = { fixture: [] as number[], bare: [] as number[] };
    // Server-process CPU time per request: what each server costs, whatever else the machine runs.
    const cpuUs = { fixture: [] as number[], bare: [] as number[] };
    const pairRatios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which goes first so neither always runs on a warmer machine.
      const order: ['fixture' | 'bare', string][] = i % 2 === 0 ? [['fixture', tileUrl], ['bare', bareUrl]] : [['bare', bareUrl], ['fixture', tileUrl]];
      for (const [which, url] of order) {
        const before = process.cpuUsage();
        const r = await round(url, REQUESTS);
        const cpu = process.cpuUsage(before);
        if (r.errors || r.statuses['200'] !== REQUESTS || r.bytes !== REQUESTS * bytes.byteLength) {
          throw new Error(`${which} round ${i}: ${JSON.stringify(r)}`);
        }
        rps[which].push((REQUESTS / r.ms) * 1000);
        cpuUs[which].push((cpu.user + cpu.system) / REQUESTS);
      }
      pairRatios.push((rps.fixture[i] as number) / (rps.bare[i] as number));
    }
    const round3 = (x: number) => Number(x.toFixed(3));
    return {
      profile,
      tileBytes: bytes.byteLength,
      rounds: ROUNDS,
      requestsPerRound: REQUESTS,
      concurrency: CONCURRENCY,
      fixtureRps: Math.round(median(rps.fixture)),
      bareRps: Math.round(median(rps.bare)),
      /** Median over rounds of fixture rps / bare rps measured back to back. */
      ratio: round3(median(pairRatios)),
      goal: 0.9,
      fixtureCpuUsPerRequest: round3(median(cpuUs.fixture)),
      bareCpuUsPerRequest: round3(median(cpuUs.bare)),
      /** bare CPU / fixture CPU per request: the throughput ratio if the server were the only bottleneck. */
      capacityRatio: round3(median(cpuUs.bare) / median(cpuUs.fixture)),
      fixtureRpsPerRound: rps.fixture.map(Math.round),
      bareRpsPerRound: rps.bare.map(Math.round),
      loggedForToken: fixtures.log.forToken('bench').length,
    };
  } finally {
    client.kill();
    await new Promise((r) => bareServer.close(r));
    await fixtures.close();
  }
}

export default {
  name: 'fixture-throughput',
  description: 'Requests/s for a cached IIIF tile through the full fixture server (logging on) vs a bare Hono handler serving the same bytes; ratio = fixture/bare (goal ≥ 0.9).',
  run,
};

// `npx tsx harness/bench/fixture-throughput.ts` runs it on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
