// The one scenario executor: runs scenarios in a browser and says what the page observed and the
// server received (a ScenarioRun), whichever way a row runs (its strategy, read from the row):
// - batch: many in one in-page loop (each isolated by its token, the cookie rows also by a jar
//   cleared before their batch);
// - alone: a scenario that needs a fresh browser (isolation `fresh`);
// - viewer: a real viewer on a viewer page, judged by its pixels (harness/viewers/run.ts);
// - clock-stepped: a sequence whose `wait` steps move the browser's clock (@slow rows).
// Every scenario gets a unique token, its setup cookies first, and its server log afterwards. This
// layer knows nothing of Playwright Test: harness/runner/ binds it to tests.

import { randomUUID } from 'node:crypto';
import type { Origins } from '../../fixtures/origins.ts';
import type { BatchItem, BatchResult, Scheme, Observation, ResolvedAction } from '../../contract/page.ts';
import type { LoggedRequest } from '../../contract/server.ts';
import type { Engine, Probe } from '../engines/types.ts';
import { performAction } from '../in-page/actions.ts';
import { collectBatch, startBatch } from '../in-page/batch.ts';
import { type ResolvedViewerAction, runViewer } from '../viewers/run.ts';
import type { ScenarioRun } from './cell.ts';
import { controlCookieName, cookieName } from './facts.ts';
import { type RunContext, resolveAction } from './targets.ts';
import type { Scenario } from './types.ts';
import { fixtureReference, stableViewerObservation } from '../viewers/fixture-reference.ts';

/** How a scenario runs (see the file comment); a property of its row, never of the engine. */
export type Strategy = 'batch' | 'alone' | 'viewer' | 'clock-stepped';

export function strategyOf(s: Scenario): Strategy {
  if (s.action.kind === 'viewer') return 'viewer';
  if (s.waits === 'clock') return 'clock-stepped';
  return s.isolation === 'fresh' ? 'alone' : 'batch';
}

/**
 * The batch a scenario joins, by its isolation: `token` scenarios share one in-page loop; `cookies`
 * scenarios share another, in a cookie jar cleared just before it (each one's cookies are named by
 * its token, so none reads another's); the other strategies run alone (null).
 */
export const batchOf = (s: Scenario): 'token' | 'cookies' | null => (strategyOf(s) === 'batch' ? (s.isolation === 'cookies' ? 'cookies' : 'token') : null);

/** The fixture server's request log, as the executor reads it (harness/runner/server-log.ts). */
export interface RequestLog {
  forToken(token: string): Promise<LoggedRequest[]>;
  forTokens(tokens: readonly string[]): Promise<Map<string, LoggedRequest[]>>;
}

export interface RunEnv {
  probe: Probe;
  originsByScheme: Record<Scheme, Origins>;
  serverLog: RequestLog;
  /** The engine project: every token starts with it, so the server log reads by project too. */
  project: string;
  /** The browser's movable clock: clock-stepped rows only (a browser launched with `clock`). */
  clock?: Engine['clock'];
  /** The engine's name, for an error that names it. */
  engine?: string;
  /** Records a step the run took outside the page (each move of the clock), for the test's annotations. */
  note?: (type: string, description: string) => void;
}

/** How long one collect call waits in the page (well under WebDriver's 60 s script timeout). */
const COLLECT_WAIT_MS = 20_000;

interface Planned {
  scenario: Scenario;
  ctx: RunContext;
  page: string;
  item: BatchItem;
}

/**
 * A unique token for one scenario run: in every URL and cookie name it uses. Project names may carry a
 * channel (chromium@chrome-beta), so only [A-Za-z0-9-] of it is kept.
 */
export const newToken = (project: string) => `${project.replace(/[^A-Za-z0-9-]/g, '-')}-${randomUUID().slice(0, 8)}`;

function plan(scenario: Scenario, env: RunEnv, token = newToken(env.project)): Planned {
  const origins = env.originsByScheme[scenario.scheme ?? 'http'];
  const ctx: RunContext = { origins, token, originsByScheme: env.originsByScheme };
  // The page that runs the action: the viewer origin unless the scenario names another (e.g. viewerRemote).
  return { scenario, ctx, page: `${origins[scenario.page ?? 'viewer']}/blank`, item: { id: scenario.id, action: resolveAction(scenario.action, ctx) } };
}

/**
 * One scenario on its own (every strategy but batch), with the given token (the `token` fixture's).
 * A batch row given here runs alone, as in a batch of one.
 */
export async function runScenario(scenario: Scenario, env: RunEnv, token: string): Promise<ScenarioRun> {
  if (strategyOf(scenario) === 'viewer') return runViewerScenario(scenario, env, token);
  const p = plan(scenario, env, token);
  const setup = (await setupCookies([p], env.probe)).get(scenario.id);
  const base = { action: p.item.action, ctx: p.ctx };
  if (setup && 'error' in setup) return { ...base, error: setup.error, log: await env.serverLog.forToken(token) };
  await env.probe.visit(p.page);
  const performed = strategyOf(scenario) === 'clock-stepped' ? await performClockStepped(scenario.id, p.item.action, env) : await env.probe.run(performAction, p.item.action);
  const observed: Observation = { ...performed, ...setup };
  return { ...base, observed, log: await env.serverLog.forToken(token) };
}

/** A sequence in the page step by step, each `wait` taken by moving the browser's clock, never by sleeping. */
async function performClockStepped(id: string, action: ResolvedAction, env: RunEnv): Promise<Observation> {
  if (action.kind !== 'sequence') throw new Error(`${id}: a clock-stepped row's action must be a sequence with a wait step`);
  const clock = env.clock;
  if (!clock) throw new Error(`${env.engine ?? 'the browser'} was launched without a clock; clock-stepped (@slow) scenarios need a browser launched with one`);
  const steps: Observation[] = [];
  for (const step of action.steps) {
    if (step.kind !== 'wait') {
      steps.push(await env.probe.run(performAction, step));
      continue;
    }
    await clock.advance(step.ms / 1000);
    env.note?.('clock', `moved ${step.ms / 1000} s forward (now ${clock.offset} s ahead) by ${clock.method}`);
    steps.push({ result: 'done' });
  }
  return { result: 'done', steps };
}

/** A real viewer on the viewer origin's page (over http), judged by its pixels against the fixture image it shows. */
async function runViewerScenario(scenario: Scenario, env: RunEnv, token: string): Promise<ScenarioRun> {
  const origins = env.originsByScheme.http;
  const ctx: RunContext = { origins, token };
  const action = resolveAction(scenario.action, ctx) as ResolvedViewerAction;
  const run = await runViewer(env.probe, origins.viewer, action, fixtureReference(action.url), token);
  const viewer = stableViewerObservation(run.observation, token);
  return { action, ctx, observed: { viewer }, log: await env.serverLog.forToken(token), screenshot: { png: run.screenshot, thumbnail: run.thumbnail } };
}

/**
 * Many scenarios in one page per viewer origin: every cookie cleared first if asked, then setup
 * cookies (one visit per host), then one in-page loop, then every token's log in one request. A
 * page that dies mid-batch leaves the scenarios it had not finished with an error that says so.
 */
export async function runBatch(scenarios: Scenario[], env: RunEnv, { clearCookies = false } = {}): Promise<Map<string, ScenarioRun>> {
  const planned = scenarios.map((s) => plan(s, env));
  if (clearCookies) await env.probe.reset();
  const setups = await setupCookies(planned, env.probe);
  const outcome = new Map<string, BatchResult>();
  for (const [id, setup] of setups) if ('error' in setup) outcome.set(id, { id, error: setup.error });
  const pages = [...new Set(planned.map((p) => p.page))];
  for (const page of pages) {
    const items = planned.filter((p) => p.page === page && !outcome.has(p.scenario.id)).map((p) => p.item);
    if (!items.length) continue;
    for (const result of await runInPage(env.probe, page, items)) outcome.set(result.id, result);
  }
  const logs = await env.serverLog.forTokens(planned.map((p) => p.ctx.token));
  return new Map(
    planned.map(({ scenario, ctx, item }) => {
      const result = outcome.get(scenario.id)!;
      const setup = setups.get(scenario.id);
      const base = { action: item.action, ctx, log: logs.get(ctx.token) ?? [] };
      const run: ScenarioRun = 'error' in result ? { ...base, error: result.error } : { ...base, observed: { ...result.observed, ...(setup && !('error' in setup) && setup) } };
      return [scenario.id, run];
    }),
  );
}

/** The in-page loop over items on one page; every item gets a result, an error if the page died. */
async function runInPage(probe: Probe, page: string, items: BatchItem[]): Promise<BatchResult[]> {
  let results: BatchResult[] = [];
  let lost: string | undefined;
  try {
    await probe.visit(page);
    await probe.run(startBatch, { perform: performAction.toString(), items });
    for (;;) {
      const collected = await probe.run(collectBatch, { waitMs: COLLECT_WAIT_MS });
      if (collected.results.length < results.length) throw new Error('the page lost the batch (it navigated or reloaded)');
      results = collected.results;
      if (collected.done) break;
    }
  } catch (error) {
    lost = `batch aborted after ${results.length} of ${items.length} scenarios: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
  }
  const done = new Set(results.map((r) => r.id));
  return [...results, ...items.filter((i) => !done.has(i.id)).map((i) => ({ id: i.id, error: lost ?? 'the batch ended without this scenario' }))];
}

type SetupOutcome = { setupCookie?: Observation['setupCookie'] } | { error: string };

/**
 * Sets each scenario's first-party cookie `c_<token>` (and control cookie `k_<token>`) on its setup
 * origin: one visit per origin, all of that origin's cookies in one call. A refused cookie is an
 * error unless the scenario says it may be rejected (then `setupCookie` records it).
 */
async function setupCookies(planned: Planned[], probe: Probe): Promise<Map<string, SetupOutcome>> {
  const out = new Map<string, SetupOutcome>();
  const byOrigin = new Map<string, { id: string; cookie: string; controlCookie: string | null; name: string; mayBeRejected: boolean }[]>();
  for (const { scenario, ctx } of planned) {
    if (!scenario.setup?.cookie) continue;
    const { origin, attributes, mayBeRejected, control } = scenario.setup.cookie;
    const cookie = `${cookieName(ctx.token)}=1; path=/; max-age=300${attributes ? `; ${attributes}` : ''}`;
    const controlCookie = control === undefined ? null : `${controlCookieName(ctx.token)}=1; path=/; max-age=300${control ? `; ${control}` : ''}`;
    const list = byOrigin.get(ctx.origins[origin]) ?? [];
    list.push({ id: scenario.id, cookie, controlCookie, name: cookieName(ctx.token), mayBeRejected: !!mayBeRejected });
    byOrigin.set(ctx.origins[origin], list);
  }
  for (const [origin, list] of byOrigin) {
    await probe.open(`${origin}/blank`);
    const stored = await probe.run(
      (cookies: { cookie: string; controlCookie: string | null; name: string }[]) =>
        cookies.map(({ cookie, controlCookie, name }) => {
          if (controlCookie) document.cookie = controlCookie;
          document.cookie = cookie;
          return document.cookie.split(/;\s*/).some((c) => c.startsWith(`${name}=`));
        }),
      list.map(({ cookie, controlCookie, name }) => ({ cookie, controlCookie, name })),
    );
    list.forEach(({ id, cookie, mayBeRejected }, i) => {
      if (mayBeRejected) out.set(id, { setupCookie: stored[i] ? 'stored' : 'rejected' });
      else out.set(id, stored[i] ? {} : { error: `setup: the browser did not store the first-party cookie "${cookie}" on ${origin}` });
    });
  }
  return out;
}
