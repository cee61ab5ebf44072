// The Cell: everything the matrix shows for one scenario × engine, with the evidence to check it.
// Built once per test (the `cell` fixture of harness/runner/test.ts: unobservedCell below, filled by
// harness/scenarios/cell.ts), attached as JSON, stored in matrix.json as built. A scenario's card rides on its test as an annotation, so a test that never ran still
// gets a cell (verdict `error`, with the reason).

import { type Static, Type } from '@sinclair/typebox';
import { Opt, OrNull } from './helpers.ts';
import { ObservationSchema, ResolvedActionSchema } from './page.ts';
import { LoggedRequestSchema, ServerFactsSchema } from './server.ts';
import { DeviationSchema, OutcomeSchema, TakenOutcomeSchema, VerdictSchema } from './verdict.ts';


/** The web-platform-tests files that test the same behaviour, or none with what was searched. */
export const WptCounterpartSchema = Type.Object(
  {
    wpt: Type.Array(Type.String({ pattern: '^[a-z0-9][A-Za-z0-9_./-]*$' }), { description: 'WPT paths (web-platform-tests/wpt), each shown with its wpt.fyi results; empty: WPT has none' }),
    wptNote: Opt(Type.String({ minLength: 1, description: 'when wpt is empty: what was searched; else anything WPT says otherwise' })),
  },
  { additionalProperties: false },
);
export type WptCounterpart = Static<typeof WptCounterpartSchema>;

export const SpecOutcomesSchema = Type.Object(
  {
    outcomes: Type.Array(OutcomeSchema, { minItems: 1, description: 'the outcomes the standards permit, each with its basis and citation' }),
    ...WptCounterpartSchema.properties,
    wpt: Opt(WptCounterpartSchema.properties.wpt),
  },
  { additionalProperties: false },
);

/** What the matrix needs to know of a scenario before (or without) running it. */
export const ScenarioCardSchema = Type.Object({
  id: Type.String(),
  family: Type.String(),
  title: Type.String(),
  spec: SpecOutcomesSchema,
  fix: Opt(Type.String()),
  /** Declared deviations or policies per engine; a cell takes its engine's one. */
  deviations: Opt(Type.Record(Type.String(), DeviationSchema)),
});
export type ScenarioCard = Static<typeof ScenarioCardSchema>;

export const CellSchema = Type.Object(
  {
    scenario: Type.String({ pattern: '^[a-z]+/[a-z0-9-]+(@https)?$' }),
    family: Type.String({ pattern: '^[a-z]+$' }),
    title: Type.String(),
    engine: Type.String({ description: 'engine project; details in run.engines' }),
    engineVersion: OrNull(Type.String()),
    spec: SpecOutcomesSchema,
    // The declared deviation or policy for this engine, if any; which outcome the engine took (absent when it matched none).
    deviation: Opt(DeviationSchema),
    outcome: Opt(TakenOutcomeSchema),
    observed: OrNull(Type.Ref(ObservationSchema)),
    server: OrNull(ServerFactsSchema),
    verdict: VerdictSchema,
    differences: Type.Array(Type.String()),
    error: Opt(Type.String({ description: 'why the cell could not be observed (verdict error)' })),
    fix: Opt(Type.String({ description: 'a fix for the server-side mistake the scenario reproduces' })),
    evidence: Type.Object(
      {
        action: OrNull(Type.Ref(ResolvedActionSchema)),
        server: Type.Array(Type.Ref(LoggedRequestSchema), { description: "the fixture server's log for the scenario token" }),
        screenshot: Opt(Type.String({ pattern: '^data:image/(jpeg|png);base64,', description: 'viewer scenarios: a small screenshot of the viewer' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Cell = Static<typeof CellSchema>;

/** A cell before anything was observed: what the matrix keeps (verdict `error`) if the test dies. */
export function unobservedCell(card: ScenarioCard, project: string, engine: string, error?: string): Cell {
  const deviation = card.deviations?.[engine];
  return {
    scenario: card.id,
    family: card.family,
    title: card.title,
    engine: project,
    engineVersion: null,
    spec: card.spec,
    ...(deviation && { deviation }),
    observed: null,
    server: null,
    verdict: 'error',
    differences: [],
    ...(error !== undefined && { error }),
    ...(card.fix && { fix: card.fix }),
    evidence: { action: null, server: [] },
  };
}
