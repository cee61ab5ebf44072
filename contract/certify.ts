// `npm run certify -- <url> --json <file>`: the shape of the JSON result (harness/certify/run.ts
// CertifyReport plus the CLI's wallMs), for anyone reading it from a script. Exported for certify
// to validate what it writes; the check and cause vocabularies stay with certify (plain strings
// here), so adding a check does not touch the contract.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, OrNull, StringEnum } from './helpers.ts';
import { EngineInfoSchema } from './engine.ts';
import { ViewerObservationSchema } from './page.ts';

const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });


const EvidenceSchema = Type.Object({
  method: StringEnum(['GET', 'OPTIONS']),
  url: Type.String(),
  request: Type.Record(Type.String(), Type.String()),
  status: Opt(Type.Integer()),
  headers: Type.Record(Type.String(), Type.String()),
  error: Opt(Type.String({ description: 'no response: refused, reset, timeout' })),
});

const CheckOutcomeSchema = Type.Object({
  status: StringEnum(['pass', 'warn', 'fail', 'unavailable', 'network', 'n/a']),
  observed: Type.String(),
  causes: Opt(Type.Array(Type.String())),
  failed: Opt(Type.Integer()),
  of: Opt(Type.Integer()),
  evidence: Opt(Type.Array(EvidenceSchema)),
});

export const CertifyResultSchema = Type.Object(
  {
    input: Type.String(),
    target: Loose('what the URL led to: its kind, the Image service, the request plan and the URLs checked'),
    startedAt: Type.String({ format: 'date-time' }),
    durationMs: Type.Number(),
    wallMs: Opt(Type.Number({ description: "the CLI's own wall time" })),
    viewerOrigin: Type.String(),
    engines: Type.Array(EngineInfoSchema),
    server: Type.Object({
      origin: Type.String(),
      cache: OrNull(Type.String()),
      seen: Type.Array(Type.Object({ server: Type.String(), evidence: Type.String() })),
    }),
    checks: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        kind: StringEnum(['browser', 'node']),
        results: Type.Record(Type.String(), CheckOutcomeSchema, { description: 'per engine project, or `node`' }),
      }),
    ),
    diagnoses: Type.Array(
      Type.Object({
        cause: Type.String(),
        severity: StringEnum(['fail', 'warn']),
        title: Type.String(),
        observed: Type.String(),
        explains: Type.Record(Type.String(), Type.Array(Type.String())),
        fix: Type.Object({ server: Type.String(), text: Type.String() }),
      }),
    ),
    requests: Type.Array(EvidenceSchema),
    verdict: StringEnum(['pass', 'fail']),
    viewers: Opt(
      Type.Array(
        Type.Object({
          check: Type.String(),
          engine: Type.String(),
          shows: OrNull(Type.Boolean()),
          reason: Type.String(),
          observation: OrNull(ViewerObservationSchema),
          screenshot: OrNull(Type.String()),
        }),
      ),
    ),
  },
  { $id: 'https://cors-conformance-harness.invalid/certify.schema.json', title: 'certify --json result' },
);
export type CertifyResult = Static<typeof CertifyResultSchema>;
