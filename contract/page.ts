// The page protocol: what the harness sends into a page (an action with its URLs resolved) and what
// page JavaScript reports back (an observation). Declared once with TypeBox: the TypeScript types
// below and the JSON Schema in matrix.schema.json come from the same declaration. Scenario tables
// write the unresolved `Action` (targets instead of URLs); harness/in-page performs `ResolvedAction`.

import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Opt, OrNull, StringEnum } from './helpers.ts';
import { type AuthAction, AuthObservationSchema, AuthOptionsSchema, ResolvedAuthOptions } from './auth.ts';

// The `/make` endpoint's query contract (parsed and built by fixtures/make-params.ts).
/** Response body kinds `/make` can serve. */
export const MAKE_BODIES = ['text', 'json', 'png', 'jpeg', 'empty'] as const;
export type MakeBody = (typeof MAKE_BODIES)[number];

export interface MakeParams {
  /** Scenario token: only used to group the request log. */
  token?: string;
  // Actual response.
  status?: number;
  /** Each value is its own Access-Control-Allow-Origin header line. */
  acao?: string[];
  /** Sent as ACAO only when the request carries an Origin header, with no Vary (cache-poisoning case). */
  acao_if_origin?: string;
  acac?: string;
  acam?: string;
  acah?: string;
  aceh?: string;
  max_age?: number;
  vary?: string;
  /** Cache-Control; default `no-store` so no response is reused across scenarios by accident. */
  cache?: string;
  location?: string;
  set_cookie?: string[];
  /** Extra response header lines, each `Name: value`. */
  header?: string[];
  body?: MakeBody;
  /** Redirect this many times to the same URL (with hops-1) before serving. */
  hops?: number;
  /**
   * Send `ETag: "<etag>"`; a request whose If-None-Match names it gets a 304 carrying only the
   * `nm_header` lines (and Cache-Control), as a revalidating server would.
   */
  etag?: string;
  /** Header lines of the 304 answer to a matching If-None-Match, each `Name: value`. */
  nm_header?: string[];
  // Preflight (OPTIONS carrying Access-Control-Request-Method).
  pf_status?: number;
  pf_acao?: string[];
  pf_acac?: string;
  pf_acam?: string;
  pf_acah?: string;
  pf_max_age?: number;
  pf_vary?: string;
  pf_location?: string;
  pf_header?: string[];
}

/** The origins the fixture server plays (their URLs: fixtures/origins.ts). */
export type Role = 'viewer' | 'image' | 'other';
/**
 * `imageRemote` / `viewerRemote`: the image and viewer ports on the machine's own non-loopback
 * address (REMOTE_HOST_ENV or the first one found), which no URL rule makes potentially
 * trustworthy, unlike http://localhost and http://127.0.0.1: what mixed content is about.
 * `imageNamed` / `viewerNamed`: the image and viewer ports under a host name (NAMED_HOST) that only
 * engines launched with it mapped to loopback reach (launchEngine's mapHosts): not potentially
 * trustworthy either, and a name, which Mixed Content may upgrade where it never upgrades an IP.
 * `viewerSite` / `imageSite` / `imageSubdomain`: one site of its own under mapped names, for
 * same-site, cross-origin hosts (cookies set by another host of the site): the viewer and image
 * ports on SITE_HOST, and the image port on another host of the same site, SUBDOMAIN_HOST.
 */
export type OriginName = Role | 'imageCrossSite' | 'imageRemote' | 'viewerRemote' | 'imageNamed' | 'viewerNamed' | 'viewerSite' | 'imageSite' | 'imageSubdomain';

export type Scheme = 'http' | 'https';

/** /make parameters, where a redirect's Location may itself be a Target (checked by fixtures/make-params.ts). */
export type MakeSpec = Omit<MakeParams, 'token' | 'location' | 'pf_location'> & { location?: Target | string; pf_location?: Target | string };

/**
 * A URL on one of the fixture origins, resolved by the harness (which adds the scenario token).
 * String values may use `{viewer}`, `{image}`, `{other}`, `{imageCrossSite}` for those origins and
 * `{token}` for the scenario token, e.g. `acao: ['{viewer}']`. `scheme` overrides the scenario's
 * scheme for this one URL (mixed content, http ↔ https hops).
 */
export type Target =
  | { origin: OriginName; make: MakeSpec; userinfo?: string; scheme?: Scheme }
  | { origin: OriginName; path: string; userinfo?: string; scheme?: Scheme };

const Timed = { timeoutMs: Opt(Type.Integer({ minimum: 1, description: 'how long the request (headers and body) or image load may take; default 20 s' })) };
const Read = Opt(Type.Array(Type.String(), { description: 'response headers to read with headers.get() (null when not exposed)' }));

/** Each kind's options, without its URL: the same fields before and after resolution. */
const FetchOptions = Type.Object({
  kind: Type.Literal('fetch'),
  ...Timed,
  method: Opt(Type.String()),
  headers: Opt(
    Type.Union([Type.Record(Type.String(), Type.String()), Type.Array(Type.Tuple([Type.String(), Type.String()]))], {
      description: 'a record, or name/value pairs (a name may repeat: each pair is its own header-list entry)',
    }),
  ),
  mode: Opt(StringEnum(['cors', 'no-cors', 'same-origin'])),
  credentials: Opt(StringEnum(['omit', 'same-origin', 'include'])),
  redirect: Opt(StringEnum(['follow', 'error', 'manual'])),
  body: Opt(Type.String()),
  read: Read,
  bodyChars: Opt(Type.Integer({ minimum: 0, description: 'how much of a text body to keep in the observation (default 200 characters)' })),
  cache: Opt(StringEnum(['default', 'force-cache', 'no-cache', 'no-store', 'only-if-cached', 'reload'])),
  frame: Opt(
    StringEnum(['sandboxed', 'other'], 'run the fetch from another document: a sandboxed iframe (an opaque origin, so Origin: null) or an iframe on the other origin'),
  ),
});
const XhrOptions = Type.Object({
  kind: Type.Literal('xhr'),
  ...Timed,
  method: Opt(Type.String()),
  headers: Opt(Type.Record(Type.String(), Type.String())),
  withCredentials: Opt(Type.Boolean()),
  body: Opt(Type.String()),
  read: Read,
  uploadListener: Opt(Type.Boolean({ description: 'register an xhr.upload progress listener before send() (forces a CORS preflight)' })),
});
/** Canvas uses of a loaded image. `pattern`: createPattern + fill; `canvas-copy`: one canvas drawn onto another. */
export const IMAGE_USES = ['2d', 'toDataURL', 'toBlob', 'webgl', 'bitmap', 'reset', 'pattern', 'canvas-copy'] as const;
const ImageUseSchema = StringEnum(IMAGE_USES);
export type ImageUse = Static<typeof ImageUseSchema>;
const ImageOptions = Type.Object({
  kind: Type.Literal('image'),
  ...Timed,
  crossOrigin: Opt(StringEnum(['anonymous', 'use-credentials'])),
  use: Opt(Type.Array(ImageUseSchema)),
});
/** fetch() in cors mode → blob → createImageBitmap → 2D canvas: how viewers avoid tainting. */
const FetchBitmapOptions = Type.Object({ kind: Type.Literal('fetch-bitmap'), ...Timed });
/** A real viewer opened on a page of the viewer origin (run by harness/viewers, not in-page). */
const ViewerOptions = Type.Object({
  kind: Type.Literal('viewer'),
  viewer: StringEnum(['osd', 'mirador', 'ol'], "osd: OpenSeadragon 6; mirador: Mirador 4 (a manifest); ol: OpenLayers' IIIF source"),
  drawer: Opt(StringEnum(['webgl', 'canvas'])),
  crossOriginPolicy: Opt(StringEnum(['unset', 'Anonymous', 'use-credentials'])),
  accept: Opt(StringEnum(['iiif'], "Mirador: add the IIIF JSON-LD Accept header to its requests (forces preflights)")),
  warmUp: Opt(Type.Boolean({ description: 'first load every tile URL with a plain <img> (no crossorigin): the cache warm-up' })),
});
const WaitActionSchema = Type.Object({ kind: Type.Literal('wait'), ms: Type.Integer({ minimum: 0 }) });

type Options<T extends TSchema> = Static<T>;
type WithTarget<T extends TSchema> = Options<T> & { target: Target };
export type FetchAction = WithTarget<typeof FetchOptions>;
export type XhrAction = WithTarget<typeof XhrOptions>;
export type ImageAction = WithTarget<typeof ImageOptions>;
export type FetchBitmapAction = WithTarget<typeof FetchBitmapOptions>;
export type ViewerAction = WithTarget<typeof ViewerOptions>;
export type WaitAction = Static<typeof WaitActionSchema>;
export interface SequenceAction {
  kind: 'sequence';
  steps: Action[];
}
/** What the page does, as a scenario table writes it. Each kind maps to one in-page routine. */
export type Action = FetchAction | XhrAction | ImageAction | FetchBitmapAction | SequenceAction | WaitAction | ViewerAction | AuthAction;
export type { AuthAction };

const Url = { url: Type.String(), frameUrl: Opt(Type.String({ description: 'fetch with `frame`: the page the iframe loads' })) };
const resolved = <T extends TSchema>(options: T) => Type.Composite([options, Type.Object(Url)]);
/** An action as sent into the page: every Target replaced by its URL (and the token added). */
export const ResolvedActionSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      resolved(FetchOptions),
      resolved(XhrOptions),
      resolved(ImageOptions),
      resolved(FetchBitmapOptions),
      resolved(ViewerOptions),
      Type.Composite([AuthOptionsSchema, ResolvedAuthOptions]),
      WaitActionSchema,
      Type.Object({ kind: Type.Literal('sequence'), steps: Type.Array(Self) }),
    ]),
  { $id: 'ResolvedAction' },
);
export type ResolvedAction = Static<typeof ResolvedActionSchema>;
export type ResolvedOf<K extends ResolvedAction['kind']> = Extract<ResolvedAction, { kind: K }>;

/** What a person sees in a viewer. */
export const ViewerObservationSchema = Type.Object({
  shown: StringEnum(['image', 'partial', 'blank'], 'the screenshot against the known image: image (pixels verified), partial, or blank'),
  drawer: OrNull(Type.String({ description: 'the drawer in use at the end: webgl, canvas, webgl-fell-back-to-canvas, …' })),
  uiError: Type.Boolean({ description: "whether the viewer's UI shows an error message" }),
  pixels: Opt(Type.String()),
  uiErrorText: Opt(OrNull(Type.String())),
  tiles: Opt(Type.Object({ loaded: Type.Integer(), failed: Type.Integer() })),
  notes: Opt(Type.Array(Type.String())),
});
export type ViewerObservation = Static<typeof ViewerObservationSchema>;

/** What page JavaScript observed. Fields are present only where the action produces them. */
export const ObservationSchema = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        result: Opt(StringEnum(['readable', 'blocked', 'opaque', 'loaded', 'error', 'done'], 'fetch/xhr: readable, blocked (network error) or opaque; image: loaded or error')),
        status: Opt(Type.Integer()),
        type: Opt(Type.String()),
        body: Opt(Type.String()),
        redirected: Opt(Type.Boolean()),
        urlUserinfo: Opt(Type.Boolean({ description: 'fetch: the response URL still carries user:pass (only present when it does)' })),
        headers: Opt(Type.Record(Type.String(), OrNull(Type.String()), { description: 'the requested response headers as JS saw them (null = not exposed or absent)' })),
        error: Opt(Type.String()),
        size: Opt(Type.String({ description: "a loaded image's decoded size, WxH" })),
        canvas: Opt(Type.Partial(Type.Record(ImageUseSchema, Type.String()), { description: 'per canvas use: clean, tainted, unavailable, or an error name' })),
        steps: Opt(Type.Array(Self)),
        viewer: Opt(Type.Partial(ViewerObservationSchema)),
        setupCookie: Opt(StringEnum(['stored', 'rejected'], 'only with setup.cookie.mayBeRejected: whether the browser stored the setup cookie')),
        auth: Opt(AuthObservationSchema),
      },
      { additionalProperties: false },
    ),
  { $id: 'Observation' },
);
export type Observation = Static<typeof ObservationSchema>;

/** One scenario of an in-page batch: its id and resolved action (harness/in-page/batch.ts). */
export const BatchItemSchema = Type.Object({ id: Type.String(), action: ResolvedActionSchema });
export type BatchItem = Static<typeof BatchItemSchema>;
/** What the batch loop reports per scenario: an observation, or why the action threw. */
export const BatchResultSchema = Type.Union([Type.Object({ id: Type.String(), observed: ObservationSchema }), Type.Object({ id: Type.String(), error: Type.String() })]);
export type BatchResult = Static<typeof BatchResultSchema>;
