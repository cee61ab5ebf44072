// Judges one cell: what the engine did against the spec expectation and the engine's declared
// deviation. A declared deviation that no longer happens is itself unexpected, so a nightly run
// notices when an engine changes behaviour in either direction.

import type { EngineName } from '../engines/types.ts';
import type { Deviation, Deviations, Expectation, Observation, Scenario, ServerFacts, Verdict } from './types.ts';

export interface Judgement {
  verdict: Verdict;
  /** What this engine was expected to do: the spec, with its declared deviation applied. */
  expected: Expectation;
  deviation?: Deviation;
  /** Human-readable differences that made the verdict unexpected. */
  differences: string[];
}

export function judge(scenario: Scenario, engine: EngineName, observed: Observation, server: ServerFacts, deviations: Deviations): Judgement {
  const spec: Expectation = { observed: scenario.spec.observed, server: scenario.spec.server };
  const fromSpec = diff(spec, { observed, server });
  const deviation = deviations[scenario.id]?.[engine];
  if (!deviation) return { verdict: fromSpec.length ? 'unexpected' : 'conforms', expected: spec, differences: fromSpec };

  const expected = merge(spec, { observed: deviation.observed ?? {}, server: deviation.server ?? {} }) as Expectation;
  const fromDeclared = diff(expected, { observed, server });
  if (fromDeclared.length === 0) return { verdict: 'known-deviation', expected, deviation, differences: [] };
  const differences = fromSpec.length === 0
    ? [`declared ${engine} deviation no longer happens: the engine now does what the spec says (${deviation.cite})`]
    : fromDeclared;
  return { verdict: 'unexpected', expected, deviation, differences };
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

/**
 * Deep merge where `override` wins; arrays of objects merge by index so a deviation can change one
 * step, while an array of plain values (a server fact such as `schemes`) is replaced whole, so a
 * deviation can say "fewer requests".
 */
export function merge(base: Json, override: Json): Json {
  if (Array.isArray(override) && !override.some(isObject)) return override;
  if (isObject(base) && isObject(override)) {
    const out: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(override)) out[key] = merge(base[key], value);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    return Array.from({ length: Math.max(base.length, override.length) }, (_, i) => (i < override.length ? merge(base[i], override[i]) : base[i]));
  }
  return override === undefined ? base : override;
}

const show = (x: Json) => (x === undefined ? 'nothing' : JSON.stringify(x));

export type { ServerFacts };
