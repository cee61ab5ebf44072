// The one place a Cell (contract/cell.ts) is made: from a scenario's card before anything
// runs (verdict `error` until judged), then filled in once from what the page observed and the
// server received (the unfilled cell: contract/cell.ts unobservedCell, which the matrix reporter
// also uses for a test that never ran).

import type { Cell, ScenarioCard } from '../../contract/cell.ts';
import type { ResolvedAction, Observation } from '../../contract/page.ts';
import type { LoggedRequest } from '../../contract/server.ts';
import type { EngineName } from '../../contract/engine.ts';
import { serverFacts } from './facts.ts';
import type { RunContext } from './targets.ts';
import type { Deviations, Scenario } from './types.ts';
import { judge } from './verdict.ts';
import { permittedOutcomes } from '../../contract/verdict.ts';

export function scenarioCard(scenario: Scenario, deviations: Deviations): ScenarioCard {
  const declared = deviations[scenario.id];
  return {
    id: scenario.id,
    family: scenario.family,
    title: scenario.title,
    spec: { outcomes: permittedOutcomes(scenario.spec), ...scenario.wpt },
    ...(scenario.fix && { fix: scenario.fix }),
    ...(declared && Object.keys(declared).length && { deviations: declared as Record<string, NonNullable<Deviations[string][EngineName]>> }),
  };
}

/** What one scenario run produced, whichever way it ran (in a batch, alone, or in a viewer). */
export interface ScenarioRun {
  action: ResolvedAction;
  ctx: RunContext;
  /** What page JavaScript observed, or why nothing was (the page crashed, a setup failed). */
  observed?: Observation;
  error?: string;
  log: LoggedRequest[];
  /** A viewer row's page: the whole screenshot (PNG, attached to the test) and a small JPEG of the viewer (kept in the cell). */
  screenshot?: { png: Buffer; thumbnail: Buffer };
}

/** Fills the cell from a run: the facts from the log, the verdict from the spec and the deviation. */
export function judgeCell(cell: Cell, scenario: Scenario, engine: EngineName, run: ScenarioRun, deviations: Deviations): void {
  if (run.screenshot) cell.evidence.screenshot = `data:image/jpeg;base64,${run.screenshot.thumbnail.toString('base64')}`;
  cell.evidence.action = run.action;
  cell.evidence.server = run.log;
  if (run.error !== undefined || !run.observed) {
    cell.error = run.error ?? 'no observation';
    return;
  }
  cell.observed = run.observed;
  cell.server = serverFacts(run.log, run.ctx);
  const judgement = judge(scenario, engine, cell.observed, cell.server, deviations);
  cell.verdict = judgement.verdict;
  cell.differences = judgement.differences;
  if (judgement.outcome) cell.outcome = judgement.outcome;
}

export function failureMessage(cell: Cell): string {
  const requests = cell.evidence.server.map((r) => `    ${r.method} ${r.path} Origin: ${r.origin ?? '(none)'}${r.cookie ? ` Cookie: ${r.cookie}` : ''}`);
  return [
    `${cell.scenario} in ${cell.engine} ${cell.engineVersion ?? ''}: ${cell.verdict}${cell.error ? ` (${cell.error})` : ''}`,
    ...cell.differences.map((d) => `  - ${d}`),
    ...cell.spec.outcomes.map((o, i) => `  permitted ${o.label ?? i} (${o.basis ?? 'normative'}: ${o.cite}): ${JSON.stringify({ observed: o.observed, server: o.server })}`),
    ...(cell.deviation ? [`  declared for ${cell.engine} (${cell.deviation.cite}): ${JSON.stringify({ observed: cell.deviation.observed, server: cell.deviation.server })}`] : []),
    `  observed: ${JSON.stringify(cell.observed)}`,
    `  server facts: ${JSON.stringify(cell.server)}`,
    `  server log:`,
    ...(requests.length ? requests : ['    (no request arrived)']),
  ].join('\n');
}
