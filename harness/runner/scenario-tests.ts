// Binds a scenario table to Playwright tests: one test per scenario per engine. Scenarios run as
// in-page batches per worker (the first test of the family to run starts one for the tests the run
// selected after it that share its kind of isolation); viewer and `fresh` scenarios run alone. Each
// test then judges its own scenario against the spec, the declared deviation and the server log, in
// its Cell.
// Specs call scenarioTests(table, deviations) and nothing else.

import type { TestInfo } from '@playwright/test';
import type { Origins } from '../../fixtures/origins.ts';
import { SCENARIO_ANNOTATION, FAMILIES } from '../../contract/names.ts';
import type { Engine, Probe } from '../engines/types.ts';
import type { ServerLog } from './server-log.ts';
import { expect, test } from './test.ts';
import type { BatchStore } from './batch-store.ts';
import { type ScenarioRun, failureMessage, judgeCell, scenarioCard } from '../scenarios/cell.ts';
import { verdictProblems } from '../scenarios/outcomes.ts';
import { runAlone, runBatch } from '../scenarios/run.ts';
import { grepTitle, selectionMatcher } from './selection.ts';
import { type Deviations, type Scenario } from '../scenarios/types.ts';
import type { Scheme } from '../../contract/page.ts';
import type { Cell } from '../../contract/cell.ts';

/**
 * The batch a scenario joins, by its isolation: `token` scenarios share one in-page loop; `cookies`
 * scenarios share another, in a cookie jar cleared just before it (each one's cookies are named by
 * its token, so none reads another's); viewer and `fresh` scenarios run alone (null).
 */
const batchOf = (s: Scenario): 'token' | 'cookies' | null => (s.action.kind === 'viewer' || s.isolation === 'fresh' ? null : (s.isolation ?? 'token'));
/** Test time a batch may take per scenario on top of the test's own (each action has its own timeout). */
const BATCH_MS_PER_SCENARIO = 25_000;

export function scenarioTests(scenarios: Scenario[], deviations: Deviations): void {
  checkTable(scenarios, deviations);
  // One worker runs the family's tests in table order, so a batch started by one test covers the
  // tests that come after it (with fullyParallel they would be spread over workers).
  test.describe.configure({ mode: 'default' });
  scenarios.forEach((scenario, index) => {
    cellTest(scenario, deviations, async ({ probe, originsByScheme, token, serverLog, batches }, _cell, testInfo) => {
      const env = { probe, originsByScheme, serverLog, project: testInfo.project.name };
      const kind = batchOf(scenario);
      if (!kind) return runAlone(scenario, env, token);
      const kept = batches.take(scenario.id);
      if (kept) return kept;
      const selected = selectionMatcher(testInfo);
      const ahead = scenarios.slice(index).filter((s, i) => i === 0 || (batchOf(s) === kind && selected(grepTitle(testInfo, testTitle(s), [familyTag(s)]))));
      testInfo.setTimeout(testInfo.timeout + ahead.length * BATCH_MS_PER_SCENARIO);
      batches.keep(await runBatch(ahead, env, { clearCookies: kind === 'cookies' }));
      return batches.take(scenario.id)!;
    });
  });
}

/** What a family's binding does for one cell: act, and say what the page saw and the server received. */
export type Observe = (
  fixtures: { probe: Probe; origins: Origins; originsByScheme: Record<Scheme, Origins>; token: string; serverLog: ServerLog; batches: BatchStore; engine: Engine },
  cell: Cell,
  testInfo: TestInfo,
) => Promise<ScenarioRun>;

const testTitle = (s: Scenario) => `${s.id}: ${s.title}`;
const familyTag = (s: Scenario) => `@${s.family}`;

/**
 * One test for one scenario in one engine, whatever the family's way of acting: the `cell` fixture
 * builds the cell before anything runs and attaches it even when the test dies; the test fills it.
 */
export function cellTest(scenario: Scenario, deviations: Deviations, observe: Observe): void {
  test.describe(() => {
    if (scenario.isolation) test.use({ isolation: scenario.isolation });
    const card = scenarioCard(scenario, deviations);
    test.use({ cellCard: card });
    const details = { tag: familyTag(scenario), annotation: { type: SCENARIO_ANNOTATION, description: JSON.stringify(card) } };
    test(testTitle(scenario), details, async ({ cell, probe, origins, originsByScheme, token, serverLog, batches, engine }, testInfo) => {
      cell!.engineVersion = engine.info.version;
      const run = await observe({ probe, origins, originsByScheme, token, serverLog, batches, engine }, cell!, testInfo);
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
