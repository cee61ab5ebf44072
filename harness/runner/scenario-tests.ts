// Binds a scenario table to Playwright tests: one test per scenario per engine, whatever its
// strategy (harness/scenarios/run.ts, the one executor). Batch rows run as in-page batches per
// worker (the first test of the family to run starts one for the tests the run selected after it
// that share its kind of isolation); the others run alone, a clock-stepped row in a browser
// launched with a movable clock (opt-in: tagged @slow). Each test then judges its own scenario
// against the spec, the declared deviation and the server log, in its Cell.
// Specs call scenarioTests(table, deviations) and nothing else.

import type { TestInfo } from '@playwright/test';
import { SCENARIO_ANNOTATION, FAMILIES, VIEWER_SCREENSHOT_ATTACHMENT } from '../../contract/names.ts';
import { expect, test } from './test.ts';
import { failureMessage, judgeCell, scenarioCard } from '../scenarios/cell.ts';
import { verdictProblems } from '../scenarios/outcomes.ts';
import { type RunEnv, batchOf, runBatch, runScenario, strategyOf } from '../scenarios/run.ts';
import { grepTitle, selectionMatcher } from './selection.ts';
import { type Deviations, type Scenario } from '../scenarios/types.ts';
import type { BatchStore } from './batch-store.ts';

/** Test time a batch may take per scenario on top of the test's own (each action has its own timeout). */
const BATCH_MS_PER_SCENARIO = 25_000;
/** The tag of opt-in rows that need a moved clock (playwright.config.ts leaves them out unless CORS_SLOW=1). */
export const SLOW_TAG = '@slow';

export function scenarioTests(scenarios: Scenario[], deviations: Deviations): void {
  checkTable(scenarios, deviations);
  // One worker runs the family's tests in table order, so a batch started by one test covers the
  // tests that come after it (with fullyParallel they would be spread over workers).
  if (scenarios.some((s) => batchOf(s))) test.describe.configure({ mode: 'default' });
  scenarios.forEach((scenario, index) => {
    cellTest(scenario, deviations, async (env, token, batches, testInfo) => {
      const kind = batchOf(scenario);
      if (!kind) return runScenario(scenario, env, token);
      const kept = batches.take(scenario.id);
      if (kept) return kept;
      const selected = selectionMatcher(testInfo);
      const ahead = scenarios.slice(index).filter((s, i) => i === 0 || (batchOf(s) === kind && selected(grepTitle(testInfo, testTitle(s), tagsOf(s)))));
      testInfo.setTimeout(testInfo.timeout + ahead.length * BATCH_MS_PER_SCENARIO);
      batches.keep(await runBatch(ahead, env, { clearCookies: kind === 'cookies' }));
      return batches.take(scenario.id)!;
    });
  });
}

/** How one cell is observed: by the executor, with the test's browser, token and batch store. */
type Observe = (env: RunEnv, token: string, batches: BatchStore, testInfo: TestInfo) => ReturnType<typeof runScenario>;

const testTitle = (s: Scenario) => `${s.id}: ${s.title}`;
/** The family's tag, and @slow on a clock-stepped row. */
const tagsOf = (s: Scenario) => (strategyOf(s) === 'clock-stepped' ? [SLOW_TAG, `@${s.family}`] : [`@${s.family}`]);

/**
 * One test for one scenario in one engine, whatever its strategy: the `cell` fixture builds the cell
 * before anything runs and attaches it even when the test dies; the test fills it.
 */
function cellTest(scenario: Scenario, deviations: Deviations, observe: Observe): void {
  test.describe(() => {
    if (scenario.isolation) test.use({ isolation: scenario.isolation });
    // A browser of its own, launched with a clock the executor moves (harness/runner/test.ts).
    if (strategyOf(scenario) === 'clock-stepped') test.use({ clock: true });
    // An Auth 2.0 flow opens windows and may start a fresh browser (headed Firefox under load: tens of
    // seconds); so does an auth row on a fresh browser (a launch alone passed 30 s at load 15).
    if (strategyOf(scenario) === 'auth-flow' || (scenario.family === 'auth' && scenario.isolation === 'fresh')) test.describe.configure({ timeout: 120_000 });
    const card = scenarioCard(scenario, deviations);
    test.use({ cellCard: card });
    const details = { tag: tagsOf(scenario), annotation: { type: SCENARIO_ANNOTATION, description: JSON.stringify(card) } };
    test(testTitle(scenario), details, async ({ cell, probe, originsByScheme, token, serverLog, batches, engine }, testInfo) => {
      cell!.engineVersion = engine.info.version;
      const note = (type: string, description: string) => void testInfo.annotations.push({ type, description });
      const env: RunEnv = { probe, originsByScheme, serverLog, project: testInfo.project.name, clock: engine.clock, engine: engine.info.engine, note };
      const run = await observe(env, token, batches, testInfo);
      if (run.screenshot) await testInfo.attach(VIEWER_SCREENSHOT_ATTACHMENT, { body: run.screenshot.png, contentType: 'image/png' });
      judgeCell(cell!, scenario, engine.info.engine, run, deviations);
      expect(cell!.verdict, failureMessage(cell!)).toMatch(/^(conforms|known-deviation)$/);
    });
  });
}

/** A table mistake should fail at load time, where it is written, not as a confusing cell. */
export function checkTable(scenarios: Scenario[], deviations: Deviations): void {
  const ids = new Set<string>();
  for (const s of scenarios) {
    if (ids.has(s.id)) throw new Error(`scenario id ${s.id} is used twice`);
    ids.add(s.id);
    if (!FAMILIES.includes(s.family) || !s.id.startsWith(`${s.family}/`)) throw new Error(`scenario ${s.id}: id must start with its family "${s.family}/"`);
    const problems = verdictProblems(s, deviations[s.id]);
    if (problems.length) throw new Error(`scenario ${s.id}: ${problems.join('; ')}`);
  }
  const family = scenarios[0]?.family;
  // A deviation's citation and content are checked with its scenario (verdictProblems).
  for (const id of Object.keys(deviations)) {
    if (family && id.startsWith(`${family}/`) && !ids.has(id)) throw new Error(`deviation declared for unknown scenario ${id}`);
  }
}
