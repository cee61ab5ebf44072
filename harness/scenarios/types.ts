// The scenario schema. A scenario is data: what the page does, against which server behaviour,
// what the Fetch standard says JS will observe and the server will receive, and why (a citation).
// Nothing in a table is engine-specific; engine differences live in specs/deviations.ts.

import type { MakeParams } from '../../fixtures/make-params.ts';
import type { OriginName, Scheme } from '../../fixtures/origins.ts';
import type { EngineName, Isolation } from '../engines/types.ts';

export const FAMILIES = ['simple', 'credentialed', 'preflight', 'redirect', 'canvas', 'secure', 'viewer'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * A URL on one of the fixture origins, resolved by the harness (which adds the scenario token).
 * String values may use `{viewer}`, `{image}`, `{other}`, `{imageCrossSite}` for those origins and
 * `{token}` for the scenario token, e.g. `acao: ['{viewer}']`.
 */
export type Target =
  | { origin: OriginName; make: MakeSpec; userinfo?: string; scheme?: Scheme }
  | { origin: OriginName; path: string; userinfo?: string; scheme?: Scheme };
// `scheme` overrides the scenario's scheme for this one URL (mixed content, http ↔ https hops).

/** /make parameters, where a redirect's Location may itself be a Target. */
export type MakeSpec = Omit<MakeParams, 'token' | 'location' | 'pf_location'> & {
  location?: Target | string;
  pf_location?: Target | string;
};

/** How long the request (headers and body) or image load may take; default 20 s. */
interface Timed {
  timeoutMs?: number;
}

/** What the page does. Each kind maps to one in-page routine (harness/in-page/actions.ts). */
export type Action = FetchAction | XhrAction | ImageAction | FetchBitmapAction | SequenceAction | WaitAction | ViewerAction;

export interface FetchAction extends Timed {
  kind: 'fetch';
  target: Target;
  method?: string;
  /** A record, or name/value pairs (a name may repeat: each pair is its own header-list entry). */
  headers?: Record<string, string> | [string, string][];
  mode?: 'cors' | 'no-cors' | 'same-origin';
  credentials?: 'omit' | 'same-origin' | 'include';
  redirect?: 'follow' | 'error' | 'manual';
  body?: string;
  /** Response headers to read with headers.get() (null when not exposed). */
  read?: string[];
  /** How much of a text body to keep in the observation (default 200 characters). */
  bodyChars?: number;
  /** RequestInit.cache (e.g. `no-cache` to force a revalidation). */
  cache?: RequestCache;
  /**
   * Run the fetch from another document: a `sandboxed` iframe (sandbox="allow-scripts": an opaque
   * origin, so Origin: null) or an iframe on the `other` origin. Only status, body and `read`
   * headers come back.
   */
  frame?: 'sandboxed' | 'other';
}

export interface XhrAction extends Timed {
  kind: 'xhr';
  target: Target;
  method?: string;
  headers?: Record<string, string>;
  withCredentials?: boolean;
  body?: string;
  read?: string[];
  /** Register an xhr.upload progress listener before send() (XHR: forces a CORS preflight). */
  uploadListener?: boolean;
}

/** Canvas uses of a loaded image; each reports clean / tainted (or unavailable for WebGL). */
/** `pattern`: createPattern + fill; `canvas-copy`: draw to one canvas, that canvas onto another. */
export type ImageUse = '2d' | 'toDataURL' | 'toBlob' | 'webgl' | 'bitmap' | 'reset' | 'pattern' | 'canvas-copy';

export interface ImageAction extends Timed {
  kind: 'image';
  target: Target;
  crossOrigin?: 'anonymous' | 'use-credentials';
  use?: ImageUse[];
}

/** fetch() in cors mode → blob → createImageBitmap → 2D canvas: how viewers avoid tainting. */
export interface FetchBitmapAction extends Timed {
  kind: 'fetch-bitmap';
  target: Target;
}

/** A real viewer opened on a page of the viewer origin (run by harness/viewers, not in-page). */
export interface ViewerAction {
  kind: 'viewer';
  /** osd: OpenSeadragon 6; mirador: Mirador 4 (a manifest); ol: OpenLayers' IIIF source. */
  viewer: 'osd' | 'mirador' | 'ol';
  /** info.json (osd, ol) or manifest (mirador); put `/t/{token}` in its path so tiles carry the token. */
  target: Target;
  drawer?: 'webgl' | 'canvas';
  crossOriginPolicy?: 'unset' | 'Anonymous' | 'use-credentials';
  /** Mirador: add the IIIF JSON-LD Accept header to its requests (forces preflights). */
  accept?: 'iiif';
  /** First load every tile URL with a plain <img> (no crossorigin): the cache warm-up. */
  warmUp?: boolean;
}

/** What a person sees in a viewer. */
export interface ViewerObservation {
  /** The screenshot against the known image: image (pixels verified), partial, or blank. */
  shown: 'image' | 'partial' | 'blank';
  /** The drawer in use at the end: webgl, canvas, webgl-fell-back-to-canvas, … */
  drawer: string | null;
  /** Whether the viewer's UI shows an error message. */
  uiError: boolean;
  /** Evidence, not compared unless an expectation names it. */
  pixels?: string;
  uiErrorText?: string | null;
  tiles?: { loaded: number; failed: number };
  notes?: string[];
}

export interface SequenceAction {
  kind: 'sequence';
  steps: Action[];
}

export interface WaitAction {
  kind: 'wait';
  ms: number;
}

/** What page JavaScript observed. Fields are present only where the action produces them. */
export interface Observation {
  /** fetch/xhr: readable, blocked (network error) or opaque; image: loaded or error. */
  result?: 'readable' | 'blocked' | 'opaque' | 'loaded' | 'error' | 'done';
  status?: number;
  type?: string;
  body?: string;
  redirected?: boolean;
  /** fetch: the response URL still carries user:pass (only present when it does). */
  urlUserinfo?: boolean;
  /** The requested response headers as JS saw them (null = not exposed or absent). */
  headers?: Record<string, string | null>;
  error?: string;
  /** A loaded image's decoded size, `WxH`. */
  size?: string;
  /** Per canvas use: clean, tainted, unavailable, or an error name. */
  canvas?: Partial<Record<ImageUse, string>>;
  steps?: Observation[];
  /** Viewer scenarios: what a person sees (harness/viewers). */
  viewer?: Partial<ViewerObservation>;
  /** Only with `setup.cookie.mayBeRejected`: whether the browser stored the setup cookie. */
  setupCookie?: 'stored' | 'rejected';
}

/** Facts derived from the fixture server's log for the scenario token. */
export interface ServerFacts {
  /** OPTIONS requests carrying Access-Control-Request-Method. */
  preflights: number;
  /** Every other request, including those node's HTTP parser refused (see `rejected`). */
  requests: number;
  /** Methods of all requests in arrival order, e.g. ['OPTIONS', 'PUT'] (as sent, also when refused). */
  methods: string[];
  /** Origin header of each non-preflight request, as a role name (`viewer`…), `null`, `absent` or the literal. */
  origins: string[];
  /** Origin header of each preflight, named as in `origins`. */
  preflightOrigins: string[];
  /** Whether any non-preflight request carried this scenario's cookie. */
  cookie: boolean;
  /** Whether any non-preflight request carried the setup's control cookie (`k_<token>`, see Setup). */
  controlCookie: boolean;
  /** Scheme of each non-preflight request as it reached the server (`http` | `https`). */
  schemes: string[];
  /** Whether a preflight carried a cookie (it never should). */
  preflightCookie: boolean;
  /** Access-Control-Request-Method / -Headers of the first preflight (null when none). */
  acrm: string | null;
  acrh: string | null;
  /** Access-Control-Request-Method / -Headers of every preflight, in order. */
  acrms: string[];
  acrhs: (string | null)[];
  /** Whether each non-preflight request carried this scenario's cookie. */
  cookies: boolean[];
  /** The status the server answered each non-preflight request with (e.g. 304 for a revalidation). */
  statuses: number[];
  /** Whether each non-preflight request carried an Authorization header. */
  authorization: boolean[];
  /** Requests node's HTTP parser refused before any handler ran (e.g. method `NEW`, `patch`). */
  rejected: number;
}

export interface Expectation {
  /** What JS should observe (only the fields named are compared). */
  observed: Observation;
  /** What the server should have received (only the fields named are compared). */
  server: Partial<ServerFacts>;
}

/**
 * What a permitted outcome rests on: `normative` text of a standard, a `wpt` test (where the
 * standard is silent or the test is the sharper statement), a `note` (non-normative text), a
 * `draft` (e.g. the cookie drafts Fetch builds on), or a user-agent `policy` the standards leave
 * open (third-party cookie blocking, partitioning).
 */
export const BASES = ['normative', 'wpt', 'note', 'draft', 'policy'] as const;
export type Basis = (typeof BASES)[number];

/** One whole outcome the standards permit: everything asserted, with what it rests on and a link. */
export interface Outcome extends Expectation {
  /** A few words telling permitted outcomes apart, e.g. `reused` / `refetched`. */
  label?: string;
  /** Default `normative`. */
  basis?: Basis;
  cite: string;
}

/**
 * A spec verdict: one outcome (the shorthand `{ observed, server, cite }`) or the set of permitted
 * outcomes, each whole (not a patch). The first outcome is the one the standard describes first.
 */
export type SpecVerdict = Outcome | { outcomes: Outcome[] };

/**
 * What a plausibly broken engine or server would produce instead: a patch over the first permitted
 * outcome (objects merge, arrays and scalars replace). The loader proves no permitted outcome
 * accepts it, so a scenario cannot pass vacuously.
 */
export interface Counterfactual {
  label: string;
  observed?: Observation;
  server?: Partial<ServerFacts>;
}

/** Something the harness does before the action, outside the page's own script. */
export interface Setup {
  /**
   * Set a cookie named `c_<token>` first-party on this origin's host (by visiting it). The test
   * fails if the browser refuses it, unless `mayBeRejected`: then `observed.setupCookie` records it.
   */
  cookie?: { origin: OriginName; attributes?: string; mayBeRejected?: boolean; control?: string };
  // `control`: also set a control cookie `k_<token>` with these attributes on the same host (never
  // required to be stored). Whether it was sent (`controlCookie`) tells "this cookie was not sent"
  // apart from "no third-party cookie is sent at all".
}

export interface Scenario {
  /** `family/slug`, stable across runs: the matrix row key (`family/slug@https` for an https variant). */
  id: string;
  family: Family;
  /** The scheme of the page and of every target without its own (default http). */
  scheme?: Scheme;
  /** The origin whose page runs the action (default `viewer`), e.g. `viewerRemote` (not potentially trustworthy). */
  page?: OriginName;
  title: string;
  setup?: Setup;
  action: Action;
  /** What the Fetch/HTML standards permit, and where. */
  spec: SpecVerdict;
  /** What a broken engine or server would produce (at least one; derived from `result` if absent). */
  counterfactuals?: Counterfactual[];
  /** Isolation beyond the unique token (default `token`). Say why in the title or a comment. */
  isolation?: Isolation;
  /** A fix for the server-side mistake, when the scenario reproduces one. */
  fix?: string;
}

/**
 * A declared, cited engine difference: a whole outcome (only the fields named are compared; nothing
 * is inherited from the spec). `deviation` (default) departs from normative text; `policy` is an
 * engine choice the standards leave to the user agent (e.g. blocking third-party cookies).
 */
export interface Deviation {
  observed?: Observation;
  server?: Partial<ServerFacts>;
  cite: string;
  kind?: 'deviation' | 'policy';
}

export type Deviations = Record<string, Partial<Record<EngineName, Deviation>>>;

export type Verdict = 'conforms' | 'known-deviation' | 'unexpected' | 'error';
