// Permitted outcomes and counterfactuals: how a spec verdict (one outcome or several, each whole)
// is read, and the proof that it rejects what a broken engine or server would produce.

import type { Counterfactual, Scenario } from './types.ts';
import { type Deviation, type Outcome, type SpecVerdict, permittedOutcomes } from '../../contract/verdict.ts';
import type { Observation } from '../../contract/page.ts';
import type { ServerFacts } from '../../contract/server.ts';

/** Counterfactual merge: objects merge key by key, arrays and scalars replace. */
function patch(base: unknown, over: unknown): unknown {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(base) && isObj(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = patch(base[k], v);
    return out;
  }
  return over === undefined ? base : over;
}

const FLIP: Record<string, Observation['result']> = { readable: 'blocked', blocked: 'readable', loaded: 'error', error: 'loaded', opaque: 'readable' };

/**
 * The counterfactual used when a row declares none: the opposite `result` (of the last step, in a
 * sequence), else one more of the first counted server fact.
 */
export function derivedCounterfactual(spec: SpecVerdict): Counterfactual | undefined {
  const first = permittedOutcomes(spec)[0]?.observed;
  if (!first) return undefined;
  const steps = first.steps;
  if (steps?.length) {
    const last = steps[steps.length - 1]!;
    const flipped = last.result && FLIP[last.result];
    if (!flipped) return undefined;
    return { label: `last step ${flipped} instead of ${last.result}`, observed: { steps: [...steps.slice(0, -1), { ...last, result: flipped }] } };
  }
  const flipped = first.result && FLIP[first.result];
  if (flipped) return { label: `${flipped} instead of ${first.result}`, observed: { result: flipped } };
  // No result to flip (e.g. `done`): one request more than the first counted server fact says.
  const counted = Object.entries(permittedOutcomes(spec)[0]!.server).find(([, v]) => typeof v === 'number');
  return counted ? { label: `one ${counted[0]} more`, server: { [counted[0]]: (counted[1] as number) + 1 } } : undefined;
}

/**
 * The server facts a row can be about (beyond what JS saw): which cookie went, over which scheme,
 * with or without the token. Each one a row asserts gets a counterfactual that flips it alone.
 */
export const FACT_KEYS = ['cookie', 'controlCookie', 'cookies', 'schemes', 'authorization'] as const;
export type FactKey = (typeof FACT_KEYS)[number];

const FLIP_SCHEME: Record<string, string> = { http: 'https', https: 'http' };
const flipFact: { [K in FactKey]: (v: NonNullable<ServerFacts[K]>) => { value: ServerFacts[K]; label: string } } = {
  cookie: (v) => ({ value: !v, label: v ? "the scenario's cookie not sent" : "the scenario's cookie sent" }),
  controlCookie: (v) => ({ value: !v, label: v ? 'the control cookie not sent' : 'the control cookie sent' }),
  cookies: (v) => ({ value: v.map((x) => !x), label: `the cookie on each request the other way round (${v.map((x) => !x).join(', ')})` }),
  schemes: (v) => ({ value: v.map((x) => FLIP_SCHEME[x] ?? x), label: `sent over ${v.map((x) => FLIP_SCHEME[x] ?? x).join(', ')} instead of ${v.join(', ')}` }),
  authorization: (v) => ({ value: v.map((x) => !x), label: `Authorization ${v.map((x) => (x ? 'dropped' : 'sent')).join(', ')} instead of ${v.map((x) => (x ? 'sent' : 'absent')).join(', ')}` }),
};

/** One counterfactual per server fact the first permitted outcome asserts (FACT_KEYS), flipping that fact alone. */
export function factCounterfactuals(spec: SpecVerdict): Counterfactual[] {
  const server = permittedOutcomes(spec)[0]?.server ?? {};
  return FACT_KEYS.filter((k) => server[k] !== undefined && (!Array.isArray(server[k]) || (server[k] as unknown[]).length)).map((k) => {
    const { value, label } = (flipFact[k] as (v: unknown) => { value: unknown; label: string })(server[k]);
    return { label, server: { [k]: value } };
  });
}

/** A row's own counterfactuals (or the derived result flip), plus one fact flip per asserted server fact. */
export function counterfactualsOf(s: Pick<Scenario, 'spec' | 'counterfactuals'>): Counterfactual[] {
  const derived = derivedCounterfactual(s.spec);
  const own = s.counterfactuals?.length ? s.counterfactuals : derived ? [derived] : [];
  return [...own, ...factCounterfactuals(s.spec)];
}

/** What the engine and server would have produced in this counterfactual world. */
export function counterfactualWorld(spec: SpecVerdict, cf: Counterfactual): { observed: Observation; server: Partial<ServerFacts> } {
  const first = permittedOutcomes(spec)[0]!;
  return {
    observed: patch(first.observed, cf.observed) as Observation,
    server: patch(first.server, cf.server) as Partial<ServerFacts>,
  };
}

/**
 * The server facts a user-agent policy may explain (third-party cookie blocking or partitioning):
 * a policy names only these, and is judged over each permitted outcome with them replaced.
 */
export const POLICY_FACTS = ['cookie', 'controlCookie', 'cookies'] as const;

/** The permitted outcomes as an engine with this policy would take them: each with the policy's facts replaced. */
export function underPolicy(outcomes: Outcome[], policy: Deviation): { observed: Observation; server: Partial<ServerFacts> }[] {
  return outcomes.map((o) => ({ observed: patch(o.observed, policy.observed) as Observation, server: patch(o.server, policy.server) as Partial<ServerFacts> }));
}

/** The outcome (index) that accepts these observations, or -1. */
export function matchingOutcome(outcomes: Outcome[], actual: { observed: Observation; server: Partial<ServerFacts> }): number {
  return outcomes.findIndex((o) => diff({ observed: o.observed, server: o.server }, actual).length === 0);
}

/**
 * Problems with a row's verdict: no counterfactual, a counterfactual some permitted outcome
 * accepts (the row would pass whatever happened), an outcome or deviation that asserts nothing.
 */
export function verdictProblems(s: Scenario, deviations: Partial<Record<string, Deviation>> = {}): string[] {
  const problems: string[] = [];
  const outcomes = permittedOutcomes(s.spec);
  if (!outcomes.length) problems.push('declares no permitted outcome');
  for (const [i, o] of outcomes.entries()) {
    if (!o.cite) problems.push(`outcome ${o.label ?? i} has no citation`);
    if (!Object.keys(o.server ?? {}).length) problems.push(`outcome ${o.label ?? i} asserts nothing about what the server received`);
  }
  const cfs = counterfactualsOf(s);
  if (!cfs.length) problems.push('declares no counterfactual (and none can be derived from its result)');
  for (const cf of cfs) {
    const accepted = matchingOutcome(outcomes, counterfactualWorld(s.spec, cf));
    if (accepted >= 0) problems.push(`counterfactual "${cf.label}" is accepted by permitted outcome ${outcomes[accepted]!.label ?? accepted}: the verdict cannot fail there`);
  }
  for (const [engine, d] of Object.entries(deviations)) {
    if (!d?.cite) problems.push(`deviation for ${engine} has no citation`);
    else if (!Object.keys(d.observed ?? {}).length && !Object.keys(d.server ?? {}).length) problems.push(`deviation for ${engine} asserts nothing`);
    if (d?.kind !== 'policy') continue;
    // A policy explains a cookie not sent; anything else it named would hide a departure behind it.
    const unexplained = [...Object.keys(d.observed ?? {}).map((k) => `observed.${k}`), ...Object.keys(d.server ?? {}).filter((k) => !(POLICY_FACTS as readonly string[]).includes(k))];
    if (unexplained.length) problems.push(`policy for ${engine} names facts a cookie policy does not explain: ${unexplained.join(', ')}`);
  }
  return problems;
}

type Json = unknown;
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Differences where `actual` does not match `expected`: objects partially, arrays and scalars exactly. */
export function diff(expected: Json, actual: Json, path = ''): string[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${path || 'value'}: expected ${show(expected)}, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => diff(value, actual[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
    return expected.flatMap((value, i) => diff(value, actual[i], `${path}[${i}]`));
  }
  return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

const show = (x: Json) => (x === undefined ? 'nothing' : JSON.stringify(x));

