// `npm run certify -- <url> --json <file>`: the shape of the JSON result, for anyone reading it from
// a script. Certify's report type is this declaration (harness/certify/types.ts CertifyReport), and
// the CLI validates the document against it before writing it. The check, cause and server
// vocabularies stay with certify (plain strings here), so adding a check does not touch the contract.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, OrNull, StringEnum } from './helpers.ts';
import { EngineInfoSchema } from './engine.ts';
import { ViewerObservationSchema } from './page.ts';

const Strict = { additionalProperties: false } as const;

export const EvidenceSchema = Type.Object(
  {
    method: StringEnum(['GET', 'OPTIONS']),
    url: Type.String(),
    request: Type.Record(Type.String(), Type.String()),
    status: Opt(Type.Integer()),
    headers: Type.Record(Type.String(), Type.String()),
    error: Opt(Type.String({ description: 'no response: refused, reset, timeout' })),
  },
  Strict,
);
export type Evidence = Static<typeof EvidenceSchema>;

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'unavailable', 'network', 'n/a'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CheckOutcomeSchema = Type.Object(
  {
    status: StringEnum(CHECK_STATUSES),
    observed: Type.String(),
    causes: Opt(Type.Array(Type.String(), { description: 'root causes this outcome points to (CORS failures and warnings only)' })),
    failed: Opt(Type.Integer({ description: 'per-sample checks: how many of `of` requests failed' })),
    of: Opt(Type.Integer()),
    evidence: Opt(Type.Array(EvidenceSchema)),
  },
  Strict,
);
export type CheckOutcome = Static<typeof CheckOutcomeSchema>;

const Size = Type.Object({ width: Type.Number(), height: Type.Number() }, Strict);
export const ImageServiceSchema = Type.Object(
  {
    version: Type.Union([Type.Literal(2), Type.Literal(3)]),
    id: Type.String({ description: "the service's base URI (`id` / `@id`)" }),
    width: Type.Number(),
    height: Type.Number(),
    level: OrNull(Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { description: 'null when the profile names none' })),
    tiles: Type.Array(Type.Object({ width: Type.Number(), height: Type.Number(), scaleFactors: Type.Array(Type.Number()) }, Strict)),
    sizes: Type.Array(Size),
    extraFeatures: Type.Array(Type.String()),
    formats: Type.Array(Type.String()),
    qualities: Type.Array(Type.String()),
    maxWidth: Opt(Type.Number()),
    maxHeight: Opt(Type.Number()),
    maxArea: Opt(Type.Number()),
  },
  Strict,
);
export type ImageService = Static<typeof ImageServiceSchema>;

export const TileSchema = Type.Object({ url: Type.String(), scaleFactor: Type.Number(), region: Type.String() }, Strict);
export type Tile = Static<typeof TileSchema>;

export const RequestPlanSchema = Type.Object(
  {
    tiles: Type.Array(TileSchema, { description: 'every tile the info.json promises, in sampling order' }),
    sampled: Type.Array(TileSchema, { description: 'the tiles the per-tile checks request' }),
    freshTile: TileSchema,
    thumbnail: OrNull(Type.String()),
    full: OrNull(Type.String()),
    notChecked: Type.Array(Type.Object({ what: Type.String(), why: Type.String() }, Strict)),
  },
  Strict,
);
export type RequestPlan = Static<typeof RequestPlanSchema>;

/** What the URL led to: its kind, the Image service, the request plan and the URLs checked. */
export const TargetSchema = Type.Object(
  {
    input: Type.String(),
    kind: StringEnum(['manifest', 'info.json', 'image-request', 'base-uri']),
    manifest: OrNull(Type.String()),
    service: ImageServiceSchema,
    plan: RequestPlanSchema,
    urls: Type.Object({ info: Type.String(), base: Type.String(), unknownIdentifier: Type.String(), invalidRegion: Type.String() }, Strict),
  },
  Strict,
);
export type Target = Static<typeof TargetSchema>;

export const CheckResultSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    kind: StringEnum(['browser', 'node']),
    results: Type.Record(Type.String(), CheckOutcomeSchema, { description: 'per engine project, or `node`' }),
  },
  Strict,
);

export const DiagnosisSchema = Type.Object(
  {
    cause: Type.String(),
    severity: StringEnum(['fail', 'warn']),
    title: Type.String(),
    observed: Type.String({ description: 'what was observed, from the first outcome with this cause' }),
    explains: Type.Record(Type.String(), Type.Array(Type.String()), { description: 'check id → the columns (engines, or `node`) it failed in' }),
    fix: Type.Object({ server: Type.String(), text: Type.String() }, Strict),
  },
  Strict,
);

export const DetectedServerSchema = Type.Object(
  {
    origin: Type.String({ description: 'where CORS headers are configured: the web server in front wins over the application behind it' }),
    cache: OrNull(Type.String({ description: 'a cache or CDN in front, if any' })),
    seen: Type.Array(Type.Object({ server: Type.String(), evidence: Type.String() }, Strict)),
  },
  Strict,
);

export const ViewerCheckResultSchema = Type.Object(
  {
    check: Type.String(),
    engine: Type.String(),
    shows: OrNull(Type.Boolean({ description: 'the viewer shows the image (null: not applicable)' })),
    reason: Type.String(),
    observation: OrNull(ViewerObservationSchema),
    screenshot: OrNull(Type.String({ description: 'PNG of the page as the engine rendered it' })),
  },
  Strict,
);

/** Certify's Auth 2.0 checks (harness/certify/auth.ts), when the info.json declares an AuthProbeService2. */
export const AUTH_CHECK_STEPS = ['probe', 'access', 'token', 'access-cookie', 'deployment', 'tiles'] as const;
export const AuthCertifySchema = Type.Object(
  {
    services: Type.Object({ probe: Type.String(), access: Type.String(), profile: Type.String(), token: OrNull(Type.String()), logout: OrNull(Type.String()) }, Strict),
    checks: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          step: StringEnum(AUTH_CHECK_STEPS),
          title: Type.String(),
          status: StringEnum(['pass', 'fail', 'warn', 'not-checked']),
          observed: Type.String(),
          fix: Opt(Type.String()),
        },
        Strict,
      ),
    ),
    broken: Type.Array(StringEnum(AUTH_CHECK_STEPS), { description: 'the steps that fail (what to fix), in flow order' }),
    engines: Type.Record(Type.String(), Type.Object({ fails: OrNull(Type.String({ description: 'the first step that stops a viewer in this engine' })), why: Type.String() }, Strict), { description: 'per engine' }),
    verdict: StringEnum(['pass', 'fail']),
  },
  { ...Strict, description: 'IIIF Authorization Flow 2.0: what a viewer needs from each service, checked without logging in (no credentials or cookies are sent; the access step is not checked)' },
);
export type AuthCertify = Static<typeof AuthCertifySchema>;

export const CertifyResultSchema = Type.Object(
  {
    input: Type.String(),
    target: TargetSchema,
    startedAt: Type.String({ format: 'date-time' }),
    durationMs: Type.Number({ description: 'certifying this target (discovery excluded)' }),
    wallMs: Opt(Type.Number({ description: "the CLI's own wall time" })),
    viewerOrigin: Type.String({ description: 'the origin the engines ran from (and the Origin node-side corroboration sends)' }),
    viewerOriginKind: StringEnum(
      ['own', 'given', 'external'],
      "own: certify's loopback origin; given: the user's --viewer-origin, served locally; external: a page origin supplied by the caller (self-tests)",
    ),
    engines: Type.Array(EngineInfoSchema),
    server: DetectedServerSchema,
    checks: Type.Array(CheckResultSchema),
    diagnoses: Type.Array(DiagnosisSchema),
    requests: Type.Array(EvidenceSchema, { description: 'every node-side request with its answer (corroboration and node checks)' }),
    verdict: StringEnum(['pass', 'fail'], 'CORS verdict: "not available" and network failures are reported apart and do not count'),
    viewers: Opt(Type.Array(ViewerCheckResultSchema, { description: 'with --viewers: would each real viewer show the image, per engine (judged by pixels)' })),
    auth: Opt(AuthCertifySchema),
  },
  { $id: 'https://cors-conformance-harness.invalid/certify.schema.json', title: 'certify --json result', additionalProperties: false },
);
export type CertifyResult = Static<typeof CertifyResultSchema>;
