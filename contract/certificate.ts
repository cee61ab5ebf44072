// `certify <https url> --json <file>` when the server's certificate is refused: no CORS check can
// run (browsers refuse the connection first), so the document says what is wrong with the
// certificate, what each engine did, and the fix, instead of a CertifyResult.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, StringEnum } from './helpers.ts';
import { EngineInfoSchema } from './engine.ts';

const Strict = { additionalProperties: false } as const;

export const PresentedCertificateSchema = Type.Object(
  {
    subject: Type.String(),
    issuer: Type.String(),
    validFrom: Type.String({ format: 'date-time' }),
    validTo: Type.String({ format: 'date-time' }),
    names: Type.Array(Type.String(), { description: 'subjectAltName DNS names and IP addresses' }),
    selfIssued: Type.Boolean(),
    caIssuers: Opt(Type.String({ description: "where the certificate says its issuer's certificate is published (AIA)" })),
  },
  Strict,
);

export const CertificateRefusalSchema = Type.Object(
  {
    kind: Type.Literal('certificate-refused'),
    input: Type.String(),
    url: Type.String({ description: 'the https URL whose certificate failed verification' }),
    cause: Type.String({ description: 'certificate-self-signed | -expired | -wrong-name | -unknown-issuer | -incomplete-chain' }),
    title: Type.String(),
    code: Type.String({ description: "Node's (OpenSSL's) verification code" }),
    problem: Type.String({ description: 'what is wrong, in words' }),
    chain: Type.Array(PresentedCertificateSchema, { description: 'the certificates the server presented, leaf first' }),
    viewerOrigin: Type.String(),
    engines: Type.Array(EngineInfoSchema),
    observed: Type.Array(
      Type.Object(
        {
          project: Type.String(),
          outcome: StringEnum(['refused', 'loaded']),
          detail: Type.String({ description: "the page's fetch() error, or the status when the engine loaded it" }),
        },
        Strict,
      ),
    ),
    fix: Type.Object({ server: Type.String(), text: Type.String() }, Strict),
    verdict: Type.Literal('fail'),
  },
  Strict,
);
export type CertificateRefusal = Static<typeof CertificateRefusalSchema>;
