// The whole catalogue per engine: wall time through the harness (`playwright test`, one engine,
// its default workers) against the raw-loop floor: the same actions, resolved the same way, run
// back to back in one page with no harness at all. Setup navigations (first-party cookies) and
// fresh contexts are harness work, so the floor leaves them out. Next to them, Playwright by itself
// (as many empty tests, same workers): the part of the harness's time that is Playwright's own.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE } from '../../specs/scenarios/index.ts';
import { originsFor } from '../../fixtures/origins.ts';
import { runPlaywright } from '../cli/playwright.ts';
import { launchEngine } from '../engines/launch.ts';
import { selectedEngines, workerCount } from '../engines/select.ts';
import { performAction } from '../in-page/actions.ts';
import { candidateFixturePorts, startFixturesOnFreePorts } from '../free-fixtures.ts';
import { resolveAction } from '../scenarios/targets.ts';
import type { Bench } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';

const bench: Bench = {
  name: 'catalogue',
  description: `the full catalogue (${CATALOGUE.length} scenarios) per engine: harness wall time vs the raw in-page loop`,
  async run() {
    const n = CATALOGUE.length;
    // Playwright by itself: as many empty tests, in files of the same sizes, with the same workers.
    const playwrightAloneMs = await playwrightAlone();
    const perEngine: Record<string, Record<string, number>> = {};
    for (const engine of selectedEngines()) {
      const harness = await harnessRun(engine);
      const floor = await floorRun(engine);
      perEngine[engine] = {
        scenarios: n,
        harnessWallS: round(harness.wallMs / 1000),
        floorWallS: round(floor / 1000),
        harnessOverFloor: round(harness.wallMs / floor),
        harnessPerScenarioMs: round(harness.wallMs / n),
        harnessTestTimePerScenarioMs: round(harness.testMs / n),
        // Median test: no engine launch (first test per worker) and no batch in it.
        harnessMedianTestMs: harness.medianTestMs,
        floorPerScenarioMs: round(floor / n),
        // Where the rest goes: from spawning `playwright test` to its first test (config and spec
        // loading, the fixture server), and the run after that against the floor.
        harnessStartupS: round(harness.startupMs / 1000),
        harnessAfterStartupOverFloor: round((harness.wallMs - harness.startupMs) / floor),
        // What Playwright costs with nothing in its tests, and what the harness adds on top of it
        // (fixture server, engine launch, the in-page work, our fixtures) against the floor.
        playwrightAloneS: round(playwrightAloneMs / 1000),
        playwrightAloneOverFloor: round(playwrightAloneMs / floor),
        harnessBeyondPlaywrightOverFloor: round((harness.wallMs - playwrightAloneMs) / floor),
      };
      process.stdout.write(`  ${engine}: harness ${round(harness.wallMs / 1000)} s, floor ${round(floor / 1000)} s\n`);
    }
    process.stdout.write(table(perEngine));
    return { workers: workerCount(), playwrightAloneS: round(playwrightAloneMs / 1000), perEngine };
  },
};

function table(perEngine: Record<string, Record<string, number>>): string {
  const head = ['engine', 'harness s', 'floor s', 'harness÷floor', 'startup s', 'Playwright alone s', '(harness−alone)÷floor'];
  const rows = Object.entries(perEngine).map(([engine, r]) => [engine, r.harnessWallS, r.floorWallS, r.harnessOverFloor, r.harnessStartupS, r.playwrightAloneS, r.harnessBeyondPlaywrightOverFloor].map(String));
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return `\n${[head, ...rows].map((r) => r.map((c, i) => c.padEnd(width[i]!)).join('  ')).join('\n')}\n`;
}

/**
 * Wall time of `playwright test` over empty tests: one file per family of the catalogue with that
 * family's number of tests, the same workers, no fixture server and no browser.
 */
async function playwrightAlone(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-playwright-alone-'));
  const testModule = pathToFileURL(createRequire(import.meta.url).resolve('@playwright/test').replace(/\.js$/, '.mjs')).href;
  const sizes = new Map<string, number>();
  for (const s of CATALOGUE) sizes.set(s.family, (sizes.get(s.family) ?? 0) + 1);
  for (const [family, count] of sizes) {
    writeFileSync(join(dir, `${family}.spec.mjs`), `import { test } from ${JSON.stringify(testModule)};\nfor (let i = 0; i < ${count}; i++) test(\`${family} \${i}\`, () => {});\n`);
  }
  writeFileSync(join(dir, 'playwright.config.mjs'), `export default ${JSON.stringify({ testDir: dir, workers: workerCount(), reporter: 'json' })};\n`);
  const t0 = performance.now();
  const status = runPlaywright(['test', '--config', join(dir, 'playwright.config.mjs')], { stdio: 'ignore', env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(dir, 'results.json') } });
  const wallMs = performance.now() - t0;
  if (status !== 0) throw new Error(`bench catalogue: the empty Playwright run in ${dir} failed (status ${status})`);
  return wallMs;
}

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
  const status = runPlaywright(['test', '--project', engine, '--grep', grep, '--reporter', 'json'], { env, stdio: 'ignore' });
  const wallMs = performance.now() - t0;
  // A run with failures is no measure of the harness: say so rather than time it.
  if (status !== 0) throw new Error(`bench catalogue: the ${engine} run failed (exit ${status}); its report is ${join(out, 'results.json')}`);
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
