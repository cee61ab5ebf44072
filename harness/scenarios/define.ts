// Binds a scenario table to Playwright tests: one test per scenario per engine, each running the
// action in the page, reading the server's log, judging the cell and leaving a `cell` attachment.
// Specs call scenarioTests(table, deviations) and nothing else.

import type { TestInfo } from '@playwright/test';
import type { Origins, Scheme } from '../../fixtures/origins.ts';
import type { LoggedRequest } from '../../fixtures/request-log.ts';
import type { ServerLog } from '../server-log.ts';
import type { Engine, EngineInfo, Probe } from '../engines/types.ts';
import { performAction } from '../in-page/actions.ts';
import { expect, test } from '../test.ts';
import { CELL_ATTACHMENT, type CellRecord, SCENARIO_ANNOTATION, type ScenarioMeta } from './cell.ts';
import { controlCookieName, cookieName, serverFacts } from './facts.ts';
import { type ResolvedAction, type RunContext, resolveAction } from './targets.ts';
import { type Deviations, FAMILIES, type Observation, type Scenario, type Setup } from './types.ts';
import { permittedOutcomes, verdictProblems } from './outcomes.ts';
import { judge } from './verdict.ts';

export function scenarioTests(scenarios: Scenario[], deviations: Deviations): void {
  checkTable(scenarios, deviations);
  for (const scenario of scenarios) {
    cellTest(scenario, deviations, async ({ probe, originsByScheme, token, serverLog }, cell) => {
      const origins = originsByScheme[scenario.scheme ?? 'http'];
      const ctx: RunContext = { origins, token, originsByScheme };
      const action: ResolvedAction = resolveAction(scenario.action, ctx);
      cell.evidence.action = action;
      const setupCookie = await runSetup(scenario.setup, probe, ctx);
      await probe.visit(`${origins[scenario.page ?? 'viewer']}/blank`);
      const observed: Observation = { ...(await probe.run(performAction, action)), ...(setupCookie && { setupCookie }) };
      return { observed, log: await serverLog.forToken(token), ctx };
    });
  }
}

/** What a family's binding does for one cell: act, and say what the page saw and the server received. */
export type Observe = (
  fixtures: { probe: Probe; origins: Origins; originsByScheme: Record<Scheme, Origins>; token: string; serverLog: ServerLog; engine: Engine },
  cell: CellRecord,
  testInfo: TestInfo,
) => Promise<{ observed: Observation; log: LoggedRequest[]; ctx: RunContext; keptLog?: LoggedRequest[] }>;

/**
 * One test for one scenario in one engine, whatever the family's way of acting: the cell is built
 * before anything runs, judged from what `observe` returns, and attached even when the test dies.
 */
export function cellTest(scenario: Scenario, deviations: Deviations, observe: Observe): void {
  test.describe(() => {
    if (scenario.isolation) test.use({ isolation: scenario.isolation });
    const { spec, details } = scenarioDetails(scenario, deviations);
    test(`${scenario.id}: ${scenario.title}`, details, async ({ probe, origins, originsByScheme, token, serverLog, engine }, testInfo) => {
      const cell = unobservedCell(scenario, spec, engine.info, deviations);
      try {
        const { observed, log, ctx, keptLog } = await observe({ probe, origins, originsByScheme, token, serverLog, engine }, cell, testInfo);
        const server = serverFacts(log, ctx);
        Object.assign(cell, { observed, server, evidence: { ...cell.evidence, page: observed, log: keptLog ?? log } });
        const judgement = judge(scenario, engine.info.engine, observed, server, deviations);
        Object.assign(cell, { verdict: judgement.verdict, differences: judgement.differences, ...(judgement.outcome && { outcome: judgement.outcome }) });
      } catch (error) {
        cell.error = String((error as Error)?.message ?? error);
        throw error;
      } finally {
        await attachCell(testInfo, cell);
      }
      expect(cell.verdict, failureMessage(cell)).toMatch(/^(conforms|known-deviation)$/);
    });
  });
}

/** The permitted outcomes in list form, and the test details that carry them to the matrix. */
function scenarioDetails(scenario: Scenario, deviations: Deviations) {
  const spec = { outcomes: permittedOutcomes(scenario.spec) };
  const meta: ScenarioMeta = { id: scenario.id, family: scenario.family, title: scenario.title, spec, fix: scenario.fix, deviations: deviations[scenario.id] };
  return { spec, details: { tag: `@${scenario.family}`, annotation: { type: SCENARIO_ANNOTATION, description: JSON.stringify(meta) } } };
}

/** A cell before anything was observed: what the matrix keeps (verdict `error`) if the test dies. */
function unobservedCell(scenario: Scenario, spec: CellRecord['spec'], engine: EngineInfo, deviations: Deviations): CellRecord {
  return {
    scenario: scenario.id,
    family: scenario.family,
    title: scenario.title,
    engine,
    spec,
    deviation: deviations[scenario.id]?.[engine.engine],
    observed: null,
    server: null,
    verdict: 'error',
    differences: [],
    fix: scenario.fix,
    evidence: { action: null, page: null, log: [] },
  };
}

/** With `mayBeRejected`, reports whether the cookie was stored instead of failing when it was not. */
async function runSetup(setup: Setup | undefined, probe: Probe, ctx: RunContext): Promise<Observation['setupCookie']> {
  if (!setup?.cookie) return undefined;
  const { origin, attributes, mayBeRejected, control } = setup.cookie;
  await probe.open(`${ctx.origins[origin]}/blank`);
  const cookie = `${cookieName(ctx.token)}=1; path=/; max-age=300${attributes ? `; ${attributes}` : ''}`;
  const controlCookie = control === undefined ? null : `${controlCookieName(ctx.token)}=1; path=/; max-age=300${control ? `; ${control}` : ''}`;
  const stored = await probe.run(
    ({ cookie, controlCookie, name }: { cookie: string; controlCookie: string | null; name: string }) => {
      if (controlCookie) document.cookie = controlCookie;
      document.cookie = cookie;
      return document.cookie.split(/;\s*/).some((c) => c.startsWith(`${name}=`));
    },
    { cookie, controlCookie, name: cookieName(ctx.token) },
  );
  if (mayBeRejected) return stored ? 'stored' : 'rejected';
  if (!stored) throw new Error(`setup: the browser did not store the first-party cookie "${cookie}" on ${ctx.origins[origin]}`);
  return undefined;
}

function attachCell(testInfo: TestInfo, cell: CellRecord): Promise<void> {
  testInfo.annotations.push({ type: 'verdict', description: cell.verdict });
  return testInfo.attach(CELL_ATTACHMENT, { body: JSON.stringify(cell), contentType: 'application/json' });
}

function failureMessage(cell: CellRecord): string {
  const requests = cell.evidence.log.map((r) => `    ${r.method} ${r.path} Origin: ${r.origin ?? '(none)'}${r.cookie ? ` Cookie: ${r.cookie}` : ''}`);
  return [
    `${cell.scenario} in ${cell.engine.browser} ${cell.engine.version}: ${cell.verdict}`,
    ...cell.differences.map((d) => `  - ${d}`),
    ...cell.spec.outcomes.map((o, i) => `  permitted ${o.label ?? i} (${o.basis ?? 'normative'}: ${o.cite}): ${JSON.stringify({ observed: o.observed, server: o.server })}`),
    ...(cell.deviation ? [`  declared for ${cell.engine.engine} (${cell.deviation.cite}): ${JSON.stringify({ observed: cell.deviation.observed, server: cell.deviation.server })}`] : []),
    `  observed: ${JSON.stringify(cell.observed)}`,
    `  server facts: ${JSON.stringify(cell.server)}`,
    `  server log:`,
    ...(requests.length ? requests : ['    (no request arrived)']),
  ].join('\n');
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
