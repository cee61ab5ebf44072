// The whole catalogue per engine: wall time through the harness (`playwright test`, one engine,
// its default workers) against the raw-loop floor: the same actions, resolved the same way, run
// back to back in one page with no harness at all. Setup navigations (first-party cookies) and
// fresh contexts are harness work, so the floor leaves them out.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE } from '../../specs/scenarios/index.ts';
import { originsFor } from '../../fixtures/origins.ts';
import { launchEngine } from '../engines/launch.ts';
import { selectedEngines } from '../engines/select.ts';
import type { EngineName } from '../engines/types.ts';
import { performAction } from '../in-page/actions.ts';
import { candidateFixturePorts, startFixturesOnFreePorts } from '../free-fixtures.ts';
import { resolveAction } from '../scenarios/targets.ts';
import type { Bench } from './types.ts';

const bench: Bench = {
  name: 'catalogue',
  description: `the full catalogue (${CATALOGUE.length} scenarios) per engine: harness wall time vs the raw in-page loop`,
  async run() {
    const perEngine: Record<string, Record<string, number | string>> = {};
    for (const engine of selectedEngines()) {
      const harness = await harnessRun(engine);
      const floor = await floorRun(engine);
      const n = CATALOGUE.length;
      perEngine[engine] = {
        scenarios: n,
        harnessWallS: round(harness.wallMs / 1000),
        harnessPerScenarioMs: round(harness.wallMs / n),
        harnessTestTimePerScenarioMs: round(harness.testMs / n),
        // Median test: no engine launch (first test per worker) and no setup navigation in it.
        harnessMedianTestMs: harness.medianTestMs,
        floorWallS: round(floor / 1000),
        floorPerScenarioMs: round(floor / n),
        harnessOverFloor: round(harness.wallMs / floor),
        // Where the rest goes: from spawning `playwright test` to its first test (config and spec
        // loading, the fixture server, the first browser), and the run after that against the floor.
        harnessStartupS: round(harness.startupMs / 1000),
        harnessAfterStartupOverFloor: round((harness.wallMs - harness.startupMs) / floor),
      };
      process.stdout.write(`  ${engine}: ${JSON.stringify(perEngine[engine])}\n`);
    }
    return { perEngine };
  },
};

async function harnessRun(engine: string): Promise<{ wallMs: number; testMs: number; medianTestMs: number; startupMs: number }> {
  const out = mkdtempSync(join(tmpdir(), 'bench-catalogue-'));
  const env = {
    ...process.env,
    CI: '1',
    ...candidateFixturePorts(),
    MATRIX_OUTPUT_DIR: join(out, 'matrix'),
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(out, 'results.json'),
  };
  // The catalogue's families only: the viewer family opens real viewers, which the floor does not.
  const grep = [...new Set(CATALOGUE.map((s) => s.family))].map((f) => `@${f}\\b`).join('|');
  const t0 = performance.now();
  const spawnedAt = Date.now();
  spawnSync('npx', ['--no-install', 'playwright', 'test', '--project', engine, '--grep', grep, '--reporter', 'json'], { env, stdio: 'ignore' });
  const wallMs = performance.now() - t0;
  type Suite = { suites?: Suite[]; specs?: { tests: { results: { duration: number; startTime: string }[] }[] }[] };
  const report = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Suite;
  const durations: number[] = [];
  let firstStart = Infinity;
  const walk = (s: Suite) => {
    for (const spec of s.specs ?? []) for (const t of spec.tests) for (const r of t.results) {
      durations.push(r.duration);
      firstStart = Math.min(firstStart, Date.parse(r.startTime));
    }
    for (const child of s.suites ?? []) walk(child);
  };
  walk(report);
  durations.sort((a, b) => a - b);
  const startupMs = Number.isFinite(firstStart) ? firstStart - spawnedAt : 0;
  return { wallMs, testMs: durations.reduce((a, b) => a + b, 0), medianTestMs: durations[Math.floor(durations.length / 2)] ?? 0, startupMs };
}

async function floorRun(name: EngineName): Promise<number> {
  const fixtures = await startFixturesOnFreePorts();
  const origins = originsFor(fixtures.ports);
  const engine = await launchEngine(name);
  try {
    const probe = await engine.newProbe();
    await probe.open(`${origins.viewer}/blank`);
    const originsByScheme = { http: origins, https: originsFor(fixtures.ports, 'https') };
    // Timing only: every action runs from the http viewer page, https variants against https origins.
    const actions = CATALOGUE.map((s, i) => resolveAction(s.action, { origins: originsByScheme[s.scheme ?? 'http'], originsByScheme, token: `floor-${i}` }));
    // Install the same in-page routine once, then time a bare loop over every action.
    await probe.run((source: string) => {
      const g = globalThis as unknown as Record<string, unknown>;
      g.__name = (f: unknown) => f;
      g.__perform = (0, eval)(`(${source})`);
      return null;
    }, performAction.toString());
    const t0 = performance.now();
    await probe.run(async (list: unknown[]) => {
      const perform = (globalThis as unknown as { __perform: (a: unknown) => Promise<unknown> }).__perform;
      for (const action of list) await perform(action);
      return null;
    }, actions);
    return performance.now() - t0;
  } finally {
    await engine.close();
    await fixtures.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

export default bench;
