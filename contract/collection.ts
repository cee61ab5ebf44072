// `npm run certify -- <collection|manifest> --json <file>` (or `--list`): the result of certifying
// many image services at once. Services are grouped by their Node-side fingerprint (host, server
// software, path pattern, the CORS headers of info.json, a tile and an error, with and without
// Origin); a few representatives per group are certified in every engine, the rest by fingerprint.
// Each service says what its verdict rests on (`checkedIn`), each group which services were run in
// browsers. Cause names stay plain strings, as in certify.ts.

import { type Static, Type } from '@sinclair/typebox';
import { CertifyResultSchema } from './certify.ts';
import { EngineInfoSchema } from './engine.ts';
import { Opt, StringEnum } from './helpers.ts';

export const ServiceVerdictSchema = StringEnum(['pass', 'fail', 'unusable'], 'unusable: the service could not be checked (no answer, not an info.json); listed, never counted as a pass');

const DiagnosisSummarySchema = Type.Object({
  cause: Type.String(),
  severity: StringEnum(['fail', 'warn']),
  title: Type.String(),
});

/** What certify read from Node for one service; equal fingerprints mean one configuration. */
export const FingerprintSchema = Type.Object({
  host: Type.String({ description: 'scheme://host:port of the image service' }),
  server: Type.String({ description: 'server software named by the response headers (nginx, apache, …, unknown)' }),
  pathPattern: Type.String({ description: 'the service URL with its identifier replaced by {id}, e.g. /iiif/v3/{id}' }),
  version: Type.String({ description: 'Image API version, 2 or 3' }),
  responses: Type.Record(Type.String(), Type.String(), {
    description: 'probe → status and CORS headers seen, e.g. "info+origin" → "200 acao=* vary=-"',
  }),
});

export const CollectionGroupSchema = Type.Object({
  id: Type.String({ description: 'g1, g2, … in order of first appearance' }),
  host: Type.String(),
  server: Type.String(),
  fingerprint: FingerprintSchema,
  services: Type.Integer({ description: 'how many services share this fingerprint (the verdict rests on them all)' }),
  representatives: Type.Array(Type.String(), { description: 'the service URLs certified in every engine' }),
  checkedInBrowsers: Type.Array(Type.String(), { description: 'engine projects the representatives ran in' }),
  verdict: ServiceVerdictSchema,
  diagnoses: CertifyResultSchema.properties.diagnoses,
  result: Opt(CertifyResultSchema),
});

export const CollectionServiceSchema = Type.Object({
  url: Type.String({ description: 'the image service id (base URI)' }),
  host: Type.String(),
  from: Type.String({ description: 'the manifest (or list line) that referenced it first' }),
  verdict: ServiceVerdictSchema,
  group: Type.Union([Type.String(), Type.Null()], { description: 'group id; null when unusable before fingerprinting' }),
  checkedIn: StringEnum(['browsers', 'fingerprint', 'none'], 'browsers: a representative, certified in every engine; fingerprint: same Node fingerprint as its representatives; none: unusable'),
  diagnoses: Type.Array(DiagnosisSummarySchema),
  error: Opt(Type.String()),
});

export const CollectionResultSchema = Type.Object(
  {
    kind: Type.Literal('collection'),
    schemaVersion: Type.Literal(1),
    input: Type.String({ description: 'the collection or manifest URL, or "--list <file>"' }),
    startedAt: Type.String({ format: 'date-time' }),
    durationMs: Type.Number(),
    engines: Type.Array(EngineInfoSchema),
    summary: Type.Object({
      documents: Type.Integer({ description: 'collections and manifests read' }),
      services: Type.Integer(),
      hosts: Type.Integer(),
      pass: Type.Integer(),
      fail: Type.Integer(),
      unusable: Type.Integer(),
      checkedInBrowsers: Type.Integer({ description: 'services certified in the engines themselves' }),
    }),
    limits: Type.Object({
      maxServices: Type.Integer(),
      maxDocuments: Type.Integer(),
      maxDepth: Type.Integer(),
      truncated: Type.Array(Type.String(), { description: 'which caps were reached, in words; empty when none' }),
    }),
    groups: Type.Array(CollectionGroupSchema),
    services: Type.Array(CollectionServiceSchema),
    unreachable: Type.Array(Type.Object({ url: Type.String(), reason: Type.String() }), {
      description: 'documents (collections, manifests, list entries) that could not be read',
    }),
    verdict: ServiceVerdictSchema,
  },
  { $id: 'https://cors-conformance-harness.invalid/collection.schema.json', title: 'certify --json result for a collection' },
);
export type CollectionResult = Static<typeof CollectionResultSchema>;
export type CollectionGroup = Static<typeof CollectionGroupSchema>;
export type CollectionService = Static<typeof CollectionServiceSchema>;
export type Fingerprint = Static<typeof FingerprintSchema>;
