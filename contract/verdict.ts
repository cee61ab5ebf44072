// What a cell is judged against and what it was judged: permitted outcomes with their basis, a
// declared engine deviation, the outcome an engine took and the verdict.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, StringEnum } from './helpers.ts';
import { ObservationSchema } from './page.ts';
import { ServerFactsSchema } from './server.ts';

export const VERDICTS = ['conforms', 'known-deviation', 'unexpected', 'error'] as const;
export const VerdictSchema = StringEnum(VERDICTS);
export type Verdict = (typeof VERDICTS)[number];

/**
 * What a permitted outcome rests on: `normative` text of a standard, a `wpt` test (where the
 * standard is silent or the test is the sharper statement), a `note` (non-normative text), a
 * `draft` (e.g. the cookie drafts Fetch builds on), or a user-agent `policy` the standards leave
 * open (third-party cookie blocking, partitioning).
 */
export const BASES = ['normative', 'wpt', 'note', 'draft', 'policy'] as const;
export type Basis = (typeof BASES)[number];

const Observed = Type.Ref(ObservationSchema);
const PartialFacts = Type.Partial(ServerFactsSchema);

/** What JS should observe and the server should have received (only the fields named are compared). */
export const ExpectationSchema = Type.Object({ observed: Observed, server: PartialFacts });
export type Expectation = Static<typeof ExpectationSchema>;

/** One whole outcome the standards permit: everything asserted, with what it rests on and a link. */
export const OutcomeSchema = Type.Object(
  {
    observed: Observed,
    server: PartialFacts,
    label: Opt(Type.String({ description: 'a few words telling permitted outcomes apart, e.g. reused / refetched' })),
    basis: Opt(StringEnum(BASES)),
    cite: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type Outcome = Static<typeof OutcomeSchema>;

/**
 * A declared, cited engine difference: a whole outcome (only the fields named are compared; nothing
 * is inherited from the spec). `deviation` (default) departs from normative text; `policy` is an
 * engine choice the standards leave to the user agent (e.g. blocking third-party cookies).
 */
export const DeviationSchema = Type.Object(
  {
    observed: Opt(Observed),
    server: Opt(PartialFacts),
    cite: Type.String({ minLength: 1 }),
    kind: Opt(StringEnum(['deviation', 'policy'])),
  },
  { additionalProperties: false },
);
export type Deviation = Static<typeof DeviationSchema>;

/** Which outcome an engine took: a permitted one (by index), its declared deviation, or its policy. */
export const TakenOutcomeSchema = Type.Object(
  {
    index: Type.Integer({ minimum: -1, description: "index into the spec's permitted outcomes; -1 for a declared deviation or policy" }),
    label: Opt(Type.String()),
    basis: StringEnum([...BASES, 'deviation']),
    cite: Type.String(),
  },
  { additionalProperties: false },
);
export type TakenOutcome = Static<typeof TakenOutcomeSchema>;

/**
 * A spec verdict: one outcome (the shorthand `{ observed, server, cite }`) or the set of permitted
 * outcomes, each whole (not a patch). The first outcome is the one the standard describes first.
 */
export type SpecVerdict = Outcome | { outcomes: Outcome[] };

/** Every permitted outcome of a spec verdict (also of one read back from an older matrix.json). */
export function permittedOutcomes(spec: SpecVerdict): Outcome[] {
  return 'outcomes' in spec ? spec.outcomes : [spec];
}

export const basisOf = (o: Outcome): Basis => o.basis ?? 'normative';
