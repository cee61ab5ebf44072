// matrix.json: run info, a summary and one Cell per scenario × engine project. Schema version 2
// (version 1 also stored each request's headers twice and the observation twice, as evidence.page);
// harness/matrix/matrix.schema.json is generated from this declaration (npm run schema).

import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Opt, OrNull, StringEnum } from './helpers.ts';
import { CellSchema } from './cell.ts';
import { ENGINE_PROFILES, ENGINE_PROTOCOLS, ENGINE_SOURCES } from './engine.ts';
import { ObservationSchema, ResolvedActionSchema } from './page.ts';
import { LoggedRequestSchema, ServerFactsSchema } from './server.ts';
import { VerdictSchema } from './verdict.ts';

export const SCHEMA_VERSION = 2;

export const MatrixEngineSchema = Type.Object(
  {
    project: Type.String(),
    engine: Type.String(),
    browser: OrNull(Type.String()),
    version: OrNull(Type.String({ description: 'exact browser version; null when the engine did not run' })),
    source: OrNull(StringEnum(ENGINE_SOURCES)),
    protocol: OrNull(StringEnum(ENGINE_PROTOCOLS)),
    headless: OrNull(Type.Boolean()),
    profile: Opt(StringEnum(ENGINE_PROFILES)),
    cookiePolicy: Opt(Type.String({ description: 'the cookie policy in force, with its setting' })),
    error: Opt(Type.String({ description: 'why the engine produced no observations' })),
  },
  { additionalProperties: false },
);
export type MatrixEngine = Static<typeof MatrixEngineSchema>;

const CellStateSchema = OrNull(Type.Object({ verdict: VerdictSchema, observed: OrNull(Type.Ref(ObservationSchema)), server: OrNull(ServerFactsSchema) }));
export const MatrixChangeSchema = Type.Object({
  scenario: Type.String(),
  engine: Type.String(),
  kind: StringEnum(
    ['verdict', 'outcome', 'observed', 'detail', 'added', 'removed'],
    'compared by meaning (harness/matrix/compare.ts): verdict; outcome: another permitted outcome taken; observed: an asserted observation or server fact; detail: only what no outcome asserts',
  ),
  before: CellStateSchema,
  after: CellStateSchema,
  differences: Opt(Type.Array(Type.String(), { description: 'what differs, one line each: `path: before → after`' })),
});
export type MatrixChange = Static<typeof MatrixChangeSchema>;
export const EngineVersionChangeSchema = Type.Object({ project: Type.String(), before: OrNull(Type.String()), after: OrNull(Type.String()) });
export type EngineVersionChange = Static<typeof EngineVersionChangeSchema>;

/** Which tests a run covered: a partial run (`--grep`, `--project`, a shard) says so here. */
export const SelectionSchema = Type.Object({
  complete: Type.Boolean({ description: 'true when no filter narrowed the run: every scenario in every configured engine project' }),
  projects: Type.Array(Type.String(), { description: 'the engine projects the run covered' }),
  grep: OrNull(Type.String()),
  grepInvert: OrNull(Type.String()),
  cells: Type.Integer({ description: 'how many scenario × engine cells the run selected' }),
});
export type Selection = Static<typeof SelectionSchema>;

export const MatrixRunSchema = Type.Object(
  {
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: OrNull(Type.String({ format: 'date-time' })),
    status: StringEnum(['running', 'complete', 'failed', 'interrupted', 'timedout']),
    os: Type.Object({ platform: Type.String(), release: Type.String(), arch: Type.String() }, { additionalProperties: false }),
    node: Type.String(),
    harness: Type.Object({ version: Type.String(), commit: OrNull(Type.String()) }, { additionalProperties: false }),
    playwright: Type.String(),
    shard: OrNull(Type.Object({ current: Type.Integer(), total: Type.Integer() }, { additionalProperties: false })),
    selection: SelectionSchema,
    engines: Type.Array(MatrixEngineSchema),
    viewers: Opt(Type.Record(Type.String(), Type.String(), { description: 'exact versions of the viewer libraries the viewer family runs' })),
    baseline: OrNull(
      Type.Object({ path: Type.String(), startedAt: Type.String(), changes: Type.Array(MatrixChangeSchema), engineVersions: Type.Array(EngineVersionChangeSchema) }),
    ),
  },
  { additionalProperties: false },
);
export type MatrixRun = Static<typeof MatrixRunSchema>;

/**
 * Per engine: cells per verdict, and of the `conforms` cells how many took a permitted alternative
 * (not the first outcome the standard describes) or an engine policy. `known-deviation` counts
 * departures from normative text only.
 */
const Count = Type.Integer({ minimum: 0 });
export const SummarySchema = Type.Record(
  Type.String(),
  Type.Object({ conforms: Count, 'known-deviation': Count, unexpected: Count, error: Count, alternative: Count, policy: Count }, { additionalProperties: false }),
);
export type Summary = Static<typeof SummarySchema>;

export const MatrixDocumentSchema = Type.Object(
  {
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    run: MatrixRunSchema,
    summary: SummarySchema,
    cells: Type.Array(CellSchema),
  },
  {
    $id: 'https://cors-conformance-harness.invalid/matrix.schema.json',
    title: 'CORS conformance matrix',
    description:
      "matrix-report/matrix.json: one cell per scenario x engine project, with the spec verdict, what the engine did, and the evidence (the resolved action and the fixture server's request log).",
    additionalProperties: false,
  },
);
export type MatrixDocument = Static<typeof MatrixDocumentSchema>;

/** The schemas other schemas refer to by $ref (recursive or shared): listed once under $defs. */
export const REFERENCED_SCHEMAS = [ObservationSchema, ResolvedActionSchema, LoggedRequestSchema];

/** matrix.schema.json: the document schema (JSON Schema 2020-12) with its referenced schemas under $defs. */
export function matrixJsonSchema(): object {
  const plain = (schema: TSchema) => JSON.parse(JSON.stringify(schema), (_, v: unknown) => prefixItems(v)) as object;
  const defs = Object.fromEntries(REFERENCED_SCHEMAS.map((s) => [s.$id!, plain(s)]));
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...plain(MatrixDocumentSchema), $defs: defs };
}

/** TypeBox writes tuples the draft-07 way (`items: [...]`); 2020-12 spells them `prefixItems`. */
function prefixItems(value: unknown): unknown {
  if (!value || typeof value !== 'object' || !Array.isArray((value as { items?: unknown }).items)) return value;
  const { items, additionalItems, ...rest } = value as { items: unknown[]; additionalItems?: boolean };
  return { ...rest, prefixItems: items, ...(additionalItems === false && { items: false }) };
}
