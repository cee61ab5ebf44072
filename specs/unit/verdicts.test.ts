// Every scenario's verdict can fail: each declares (or derives) counterfactuals, what a plausibly
// broken engine or server would produce, and no permitted outcome may accept one. Also shown: the
// proof has teeth (strip the assertion a counterfactual targets and the check reports it), and
// the judge's handling of permitted alternatives, policies and whole-outcome deviations.
// Browserless: scenario tables are data.

import { expect, test } from '../support/browserless.ts';
import { counterfactualsOf, permittedOutcomes, verdictProblems } from '../../harness/scenarios/outcomes.ts';
import type { Scenario, ServerFacts } from '../../harness/scenarios/types.ts';
import { judge } from '../../harness/scenarios/verdict.ts';
import { deviations } from '../deviations.ts';
import { CATALOGUE } from '../scenarios/index.ts';
import { scenarios as slowScenarios } from '../scenarios/preflight-cache-caps.ts';
import { scenarios as namedHostScenarios } from '../scenarios/mixed-content-named.ts';
import { scenarios as sameSiteHostScenarios } from '../scenarios/credentialed-same-site-hosts.ts';
import { scenarios as viewerScenarios } from '../scenarios/viewer.ts';

// The viewer family runs through its own binding (a real viewer page, not the in-page routine) but
// is judged the same way, so its rows are held to the same proof; so are the opt-in @slow rows.
const catalogue: Scenario[] = [...CATALOGUE, ...viewerScenarios, ...slowScenarios, ...namedHostScenarios, ...sameSiteHostScenarios];

test('every scenario declares a counterfactual its verdict rejects', () => {
  const problems = catalogue.flatMap((s) => verdictProblems(s, deviations[s.id]).map((p) => `${s.id}: ${p}`));
  expect(problems, problems.join('\n')).toEqual([]);
  expect(catalogue.length).toBeGreaterThan(200);
});

test('every deviation names a scenario of the catalogue', () => {
  const ids = new Set(catalogue.map((s) => s.id));
  expect(Object.keys(deviations).filter((id) => !ids.has(id))).toEqual([]);
});

/** Removes from every permitted outcome the top-level keys a counterfactual patches. */
function withoutAssertion(s: Scenario, keys: { observed: string[]; server: string[] }): Scenario {
  const strip = <T extends object>(o: T, names: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k))) as T;
  const outcomes = permittedOutcomes(s.spec).map((o) => ({ ...o, observed: strip(o.observed, keys.observed), server: strip(o.server, keys.server) }));
  return { ...s, spec: { outcomes } };
}

test('removing the assertion a counterfactual targets makes the check fail, for every scenario', () => {
  const toothless: string[] = [];
  for (const s of catalogue) {
    const cf = counterfactualsOf(s)[0]!;
    const keys = { observed: Object.keys(cf.observed ?? {}), server: Object.keys(cf.server ?? {}) };
    // Keep the outcomes' server facts non-empty so only the counterfactual check speaks.
    const mutated = withoutAssertion(s, keys);
    const problems = verdictProblems({ ...mutated, counterfactuals: [cf] }).filter((p) => p.startsWith('counterfactual'));
    if (!problems.length) toothless.push(`${s.id}: dropping ${JSON.stringify(keys)} still rejects "${cf.label}"`);
  }
  expect(toothless, toothless.join('\n')).toEqual([]);
});

test('the mutation shown in the report: simple/no-acao without its `result` assertion', () => {
  const s = catalogue.find((x) => x.id === 'simple/no-acao')!;
  expect(verdictProblems(s)).toEqual([]);
  const mutated = { ...withoutAssertion(s, { observed: ['result'], server: [] }), counterfactuals: counterfactualsOf(s) };
  expect(verdictProblems(mutated)).toEqual([expect.stringContaining('counterfactual "readable instead of blocked" is accepted')]);
});

const FACTS: ServerFacts = {
  preflights: 1, requests: 2, methods: ['OPTIONS', 'PUT', 'PUT'], origins: ['viewer', 'viewer'], preflightOrigins: ['viewer'],
  cookie: false, controlCookie: false, schemes: ['http', 'http', 'http'], preflightCookie: false, acrm: 'PUT', acrh: null, acrms: ['PUT'], acrhs: [null], authorization: [false, false], rejected: 0, cookies: [false, false], statuses: [200, 200],
};

test('judge: a permitted alternative conforms and says which outcome it was', () => {
  const s = catalogue.find((x) => x.id === 'preflight/cache-uncredentialed-after-credentialed')!;
  const observed = permittedOutcomes(s.spec)[0]!.observed;
  const reused = judge(s, 'chromium', observed, FACTS, {});
  expect(reused).toMatchObject({ verdict: 'conforms', outcome: { index: 0, basis: 'normative' } });
  const twice = judge(s, 'chromium', observed, { ...FACTS, preflights: 2, methods: ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'] }, {});
  expect(twice).toMatchObject({ verdict: 'conforms', outcome: { index: 1, label: 'not reused' } });
});

test('judge: a deviation is a whole outcome, a policy conforms, a stale declaration is unexpected', () => {
  const s = catalogue.find((x) => x.id === 'simple/no-acao')!;
  const readable = { result: 'readable' as const, status: 200 };
  const facts = { ...FACTS, preflights: 0, requests: 1, methods: ['GET'], origins: ['viewer'], preflightOrigins: [], acrm: null, acrms: [], acrhs: [], authorization: [false] };
  const declared = { [s.id]: { firefox: { observed: { result: 'readable' as const }, server: { requests: 1 }, cite: 'https://bugs.example/1' } } };
  expect(judge(s, 'firefox', readable, facts, declared)).toMatchObject({ verdict: 'known-deviation', outcome: { index: -1, basis: 'deviation' } });
  const policy = { [s.id]: { firefox: { ...declared[s.id]!.firefox, kind: 'policy' as const } } };
  expect(judge(s, 'firefox', readable, facts, policy)).toMatchObject({ verdict: 'conforms', outcome: { basis: 'policy' } });
  const stale = judge(s, 'firefox', { result: 'blocked', error: 'TypeError' }, facts, declared);
  expect(stale.verdict).toBe('unexpected');
  expect(stale.differences[0]).toContain('no longer happens');
});
