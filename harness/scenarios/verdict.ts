// Judges one cell: what the engine did against the spec expectation and the engine's declared
// deviation. A declared deviation that no longer happens is itself unexpected, so a nightly run
// notices when an engine changes behaviour in either direction.

import { type Deviation, type TakenOutcome, type Verdict, basisOf, permittedOutcomes } from '../../contract/verdict.ts';
import { diff, matchingOutcome, underPolicy } from './outcomes.ts';
import type { Deviations, Scenario } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';
import type { Observation } from '../../contract/page.ts';
import type { ServerFacts } from '../../contract/server.ts';


export interface Judgement {
  verdict: Verdict;
  outcome?: TakenOutcome;
  deviation?: Deviation;
  /** Human-readable differences that made the verdict unexpected. */
  differences: string[];
}

/**
 * conforms: a permitted outcome (or one with the cookie facts the engine's declared `policy`, a
 * choice the standards leave open, replaces); known-deviation: the engine's declared departure from normative text; otherwise
 * unexpected, including a declared deviation or policy that no longer happens.
 */
export function judge(scenario: Scenario, engine: EngineName, observed: Observation, server: ServerFacts, deviations: Deviations): Judgement {
  const outcomes = permittedOutcomes(scenario.spec);
  const actual = { observed, server };
  const index = matchingOutcome(outcomes, actual);
  const deviation = deviations[scenario.id]?.[engine];
  const taken = (i: number): TakenOutcome => {
    const o = outcomes[i]!;
    return { index: i, ...(o.label && { label: o.label }), basis: basisOf(o), cite: o.cite };
  };
  if (!deviation) {
    if (index >= 0) return { verdict: 'conforms', outcome: taken(index), differences: [] };
    return { verdict: 'unexpected', differences: closest(outcomes, actual) };
  }
  // A deviation is a whole outcome; a policy replaces only the cookie facts it explains in a permitted outcome.
  const declared = deviation.kind === 'policy' ? underPolicy(outcomes, deviation) : [{ observed: deviation.observed ?? {}, server: deviation.server ?? {} }];
  const fromDeclared = declared.map((d) => diff(d, actual)).reduce((best, d) => (d.length < best.length ? d : best));
  // A permitted outcome wins over a declaration that happens to match it too: the declaration is stale.
  if (fromDeclared.length === 0 && index < 0) {
    const policy = deviation.kind === 'policy';
    const outcome: TakenOutcome = { index: -1, label: policy ? 'engine policy' : 'declared deviation', basis: policy ? 'policy' : 'deviation', cite: deviation.cite };
    return { verdict: policy ? 'conforms' : 'known-deviation', outcome, deviation, differences: [] };
  }
  const differences = index >= 0
    ? [`declared ${engine} ${deviation.kind ?? 'deviation'} no longer happens: the engine now takes permitted outcome ${outcomes[index]!.label ?? index} (${deviation.cite})`]
    : fromDeclared;
  return { verdict: 'unexpected', deviation, differences };
}

/** The differences from the nearest permitted outcome, named when there are several. */
function closest(outcomes: ReturnType<typeof permittedOutcomes>, actual: { observed: Observation; server: ServerFacts }): string[] {
  const all = outcomes.map((o) => diff({ observed: o.observed, server: o.server }, actual));
  if (all.length === 1) return all[0]!;
  const best = all.reduce((b, d, i) => (d.length < all[b]!.length ? i : b), 0);
  return [`matches none of ${outcomes.length} permitted outcomes; nearest, ${outcomes[best]!.label ?? best}:`, ...all[best]!];
}
