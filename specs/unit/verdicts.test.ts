// Every scenario's verdict can fail: each declares (or derives) counterfactuals, what a plausibly
// broken engine or server would produce, and no permitted outcome may accept one. Also shown: the
// proof has teeth (strip the assertion a counterfactual targets and the check reports it), and
// the judge's handling of permitted alternatives, policies and whole-outcome deviations.
// Browserless: scenario tables are data.

import { expect, test } from '../support/browserless.ts';
import { FACT_KEYS, counterfactualsOf, verdictProblems } from '../../harness/scenarios/outcomes.ts';
import type { Scenario } from '../../harness/scenarios/types.ts';
import { judge } from '../../harness/scenarios/verdict.ts';
import { deviations } from '../deviations.ts';
import { EVERY_SCENARIO, TABLES } from '../scenarios/index.ts';
import { strategyOf } from '../../harness/scenarios/run.ts';
import { permittedOutcomes } from '../../contract/verdict.ts';
import type { ServerFacts } from '../../contract/server.ts';

// Every table of the one catalogue: viewer rows, opt-in @slow rows and the rows in a browser of their
// own are judged the same way, so they are held to the same proof.
const catalogue: Scenario[] = EVERY_SCENARIO;

test('a table is opt-in exactly when its rows run clock-stepped (tagged slow: run only with CORS_SLOW=1)', () => {
  const wrong = TABLES.filter((t) => t.rows.some((s) => (strategyOf(s) === 'clock-stepped') !== !!t.optIn)).map((t) => t.name);
  expect(wrong).toEqual([]);
  expect(TABLES.some((t) => t.optIn)).toBe(true);
});

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

test('removing the assertion a counterfactual targets makes the check fail, for every scenario and every counterfactual', () => {
  const toothless: string[] = [];
  for (const s of catalogue) {
    for (const cf of counterfactualsOf(s)) {
      const keys = { observed: Object.keys(cf.observed ?? {}), server: Object.keys(cf.server ?? {}) };
      // Keep the outcomes' server facts non-empty so only the counterfactual check speaks.
      const mutated = withoutAssertion(s, keys);
      const problems = verdictProblems({ ...mutated, counterfactuals: [cf] }).filter((p) => p.startsWith('counterfactual'));
      if (!problems.length) toothless.push(`${s.id}: dropping ${JSON.stringify(keys)} still rejects "${cf.label}"`);
    }
  }
  expect(toothless, toothless.join('\n')).toEqual([]);
});

test('every server fact a row asserts (cookie, scheme, Authorization …) is load-bearing: removing it alone lets a counterfactual through', () => {
  const unguarded: string[] = [];
  let checked = 0;
  for (const s of catalogue) {
    const asserted = FACT_KEYS.filter((k) => permittedOutcomes(s.spec)[0]!.server[k] !== undefined);
    for (const key of asserted) {
      checked++;
      const mutated = { ...withoutAssertion(s, { observed: [], server: [key] }), counterfactuals: counterfactualsOf(s) };
      if (!verdictProblems(mutated).some((p) => p.startsWith('counterfactual'))) unguarded.push(`${s.id}: no counterfactual needs its "${key}" assertion`);
    }
  }
  expect(unguarded, unguarded.join('\n')).toEqual([]);
  expect(checked).toBeGreaterThan(56);
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

test('judge: a deviation is a whole outcome, a stale declaration is unexpected', () => {
  const s = catalogue.find((x) => x.id === 'simple/no-acao')!;
  const readable = { result: 'readable' as const, status: 200 };
  const facts = { ...FACTS, preflights: 0, requests: 1, methods: ['GET'], origins: ['viewer'], preflightOrigins: [], acrm: null, acrms: [], acrhs: [], authorization: [false] };
  const declared = { [s.id]: { firefox: { observed: { result: 'readable' as const }, server: { requests: 1 }, cite: 'https://bugs.example/1' } } };
  expect(judge(s, 'firefox', readable, facts, declared)).toMatchObject({ verdict: 'known-deviation', outcome: { index: -1, basis: 'deviation' } });
  const stale = judge(s, 'firefox', { result: 'blocked', error: 'TypeError' }, facts, declared);
  expect(stale.verdict).toBe('unexpected');
  expect(stale.differences[0]).toContain('no longer happens');
});

test('judge: a policy replaces only the cookie facts it explains, and may name no other', () => {
  const s = catalogue.find((x) => x.id === 'credentialed/cookie-cross-site-none@https')!;
  const facts = { ...FACTS, preflights: 0, requests: 1, methods: ['GET'], origins: ['viewer'], preflightOrigins: [], acrm: null, acrms: [], acrhs: [], authorization: [false], cookies: [false], statuses: [200] };
  const stored = { result: 'readable' as const, status: 200, setupCookie: 'stored' as const };
  const policy = { [s.id]: { chromium: { kind: 'policy' as const, server: { cookie: false }, cite: 'https://example.test/3pc' } } };
  expect(judge(s, 'chromium', stored, { ...facts, cookie: false }, policy)).toMatchObject({ verdict: 'conforms', outcome: { basis: 'policy' } });
  // The policy does not excuse anything else: the cookie refused at setup is still unexpected.
  expect(judge(s, 'chromium', { ...stored, setupCookie: 'rejected' }, { ...facts, cookie: false }, policy).verdict).toBe('unexpected');
  const hiding = { kind: 'policy' as const, observed: { setupCookie: 'stored' as const }, server: { cookie: false, requests: 1 }, cite: 'https://example.test/3pc' };
  expect(verdictProblems(s, { chromium: hiding })).toEqual([expect.stringContaining('names facts a cookie policy does not explain: observed.setupCookie, requests')]);
});

test('the Secure-cookie rows: over http the spec outcome is "not stored", over https "stored and sent"', () => {
  const http = permittedOutcomes(catalogue.find((x) => x.id === 'credentialed/cookie-cross-site-none')!.spec);
  const https = permittedOutcomes(catalogue.find((x) => x.id === 'credentialed/cookie-cross-site-none@https')!.spec);
  expect(http.map((o) => [o.observed.setupCookie, o.server.cookie])).toEqual([['rejected', false]]);
  expect(https.map((o) => [o.observed.setupCookie, o.server.cookie])).toEqual([['stored', true]]);
  for (const id of ['credentialed/cookie-cross-site-default', 'credentialed/cookie-cross-site-lax']) {
    expect(permittedOutcomes(catalogue.find((x) => x.id === id)!.spec).map((o) => o.server.controlCookie)).toEqual([false]);
  }
  expect(deviations['credentialed/cookie-cross-site-none']?.webkit).toBeUndefined();
});
