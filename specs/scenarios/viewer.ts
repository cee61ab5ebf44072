// Real viewers against broken servers: OpenSeadragon 6 (WebGL and canvas drawers, each with
// crossOriginPolicy unset / 'Anonymous' / 'use-credentials'), Mirador 4 and OpenLayers' IIIF source,
// opened on the fixture profiles that matter. The outcome is what a person sees: the screenshot's
// pixels against the known image (harness/viewers/pixels.ts), the drawer in use, an error in the UI.
// Every content URL carries the token in its path (/t/{token}/…), so tiles land in the scenario's log.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { CORS_CHECK, HTTP_CACHES, HTTP_FETCH, NOT_ORIGIN_CLEAN, PREFLIGHT, SAFE_HEADER as SAFELISTED, WEBGL_ORIGIN } from './citations.ts';
import { withWpt } from './wpt.ts';
import type { Target, ViewerAction, ViewerObservation } from '../../contract/page.ts';

// OpenSeadragon 6.1.1 (node_modules/openseadragon/build/openseadragon/openseadragon.js):
const OSD = 'https://github.com/openseadragon/openseadragon/blob/v6.1.1/src';
const OSD_DRAWER_DOC = `${OSD}/openseadragon.js (Options.drawer: "The 'webgl' drawer can automatically fall back to canvas as needed, for example to draw images that do not have CORS headers set which makes them tainted")`;
const OSD_POLICY_DOC = `${OSD}/openseadragon.js (Options.crossOriginPolicy, default false: "the canvas will be tainted"); ${OSD}/imageloader.js (img.crossOrigin = crossOriginPolicy)`;
const OSD_TAINT_FALLBACK = `${OSD}/webgldrawer.js internalCacheCreate (tainted or untexturable tile → setIssue('webgl') and drawer-error "Falling back to CanvasDrawer for this TiledImage")`;
const OSD_OPEN_FAILED = `${OSD}/viewer.js open-failed handler → _showMessage(Errors.OpenFailed "Unable to open {0}: {1}"); info.json is read by XHR (${OSD}/tilesource.js getImageInfo → makeAjaxRequest, withCredentials = ajaxWithCredentials, default false)`;
const OSD_TILE_FAILED = `${OSD}/tiledimage.js (a tile that fails to load raises tile-load-failed and is simply not drawn; no message)`;
// Mirador 4.0.0 (node_modules/mirador/src):
const MIRADOR = 'https://github.com/ProjectMirador/mirador/blob/v4.0.0/src';
const MIRADOR_FETCH = `${MIRADOR}/state/sagas/iiif.js (fetchManifest / fetchInfoResponse: fetch(url, {}) with no custom headers unless requests.preprocessors add some, ${MIRADOR}/config/settings.js)`;
const MIRADOR_OSD = `${MIRADOR}/config/settings.js osdConfig (no crossOriginPolicy: tiles load as plain <img>, tainted)`;
const MIRADOR_ACCEPT = 'https://github.com/ProjectMirador/mirador/pull/3770 (IIIF Accept header → preflight; servers without OPTIONS broke)';
const OL_IIIF = 'https://openlayers.org/en/v10.11.0/apidoc/module-ol_source_IIIF-IIIF.html (crossOrigin option; tiles are <img> with crossOrigin set) and https://openlayers.org/en/v10.11.0/examples/iiif.html';

type Policy = NonNullable<ViewerAction['crossOriginPolicy']>;
type Drawer = NonNullable<ViewerAction['drawer']>;

const info = (profile: string): Target => ({ origin: 'image', path: `/t/{token}/p/${profile}/iiif/3/landscape/info.json` });
const manifest = (profile: string): Target => ({ origin: 'image', path: `/t/{token}/p/${profile}/manifest/landscape.json` });
const osd = (profile: string, drawer: Drawer, crossOriginPolicy: Policy, warmUp = false): ViewerAction =>
  ({ kind: 'viewer', viewer: 'osd', target: info(profile), drawer, crossOriginPolicy, ...(warmUp && { warmUp }) });

const row = (id: `viewer/${string}`, rest: Omit<Scenario, 'id' | 'family' | 'spec'> & { sees: Partial<ViewerObservation>; preflights: number; cite: string }): Scenario => {
  const { sees, preflights, cite, ...scenario } = rest;
  return { id, family: 'viewer', ...scenario, spec: { observed: { viewer: sees }, server: { preflights }, cite } };
};

const IMAGE = { shown: 'image', uiError: false } as const;
const BLANK = { shown: 'blank', uiError: false } as const;
const OPEN_FAILED = { shown: 'blank', uiError: true } as const;
const FELL_BACK = { ...IMAGE, drawer: 'webgl-fell-back-to-canvas' } as const;

const TILE_FIX = 'Send Access-Control-Allow-Origin: * on image responses too (IIIF Image API 3.0 §7.1), then use crossOriginPolicy: "Anonymous" so the WebGL drawer can use the tiles.';
const INFO_FIX = 'Send Access-Control-Allow-Origin: * on info.json (and its redirects and errors): viewers read it with XHR/fetch.';
const CREDENTIALS_FIX = 'Public tiles: use crossOriginPolicy "Anonymous". Credentialed tiles need the exact origin echoed with Access-Control-Allow-Credentials: true and Vary: Origin, never *.';

/** The same five rows for each drawer; `ids` writes their ids out, in the order of the rows. */
type OsdIds = readonly [unsetCorrect: `viewer/${string}`, anonymousCorrect: `viewer/${string}`, useCredentialsCorrect: `viewer/${string}`, unsetInfoOnly: `viewer/${string}`, anonymousInfoOnly: `viewer/${string}`];
const osdRows = (drawer: Drawer, [unsetCorrect, anonymousCorrect, useCredentialsCorrect, unsetInfoOnly, anonymousInfoOnly]: OsdIds): Scenario[] => [
  row(unsetCorrect, {
    title: `OpenSeadragon ${drawer} drawer, crossOriginPolicy unset, correct server: tiles load without CORS, tainted${drawer === 'webgl' ? '; WebGL falls back to canvas' : ''}, image shown`,
    action: osd('correct', drawer, 'unset'),
    sees: drawer === 'webgl' ? FELL_BACK : { ...IMAGE, drawer: 'canvas' },
    preflights: 0,
    cite: `${OSD_POLICY_DOC}; ${NOT_ORIGIN_CLEAN}; ${drawer === 'webgl' ? `${WEBGL_ORIGIN}; ${OSD_DRAWER_DOC}; ${OSD_TAINT_FALLBACK}` : 'canvas drawImage of a tainted image is allowed (it only taints the canvas)'}`,
    fix: 'The server is fine; set crossOriginPolicy: "Anonymous" so tiles are CORS-same-origin and WebGL can use them.',
  }),
  row(anonymousCorrect, {
    title: `OpenSeadragon ${drawer} drawer, crossOriginPolicy 'Anonymous', correct server: image shown with the ${drawer} drawer`,
    action: osd('correct', drawer, 'Anonymous'),
    sees: { ...IMAGE, drawer },
    preflights: 0,
    cite: `${CORS_CHECK} (ACAO * passes without credentials); ${OSD_POLICY_DOC}`,
  }),
  row(useCredentialsCorrect, {
    title: `OpenSeadragon ${drawer} drawer, crossOriginPolicy 'use-credentials', correct (ACAO *) server: every tile fails the CORS check, nothing drawn, no message`,
    action: osd('correct', drawer, 'use-credentials'),
    sees: { ...BLANK, drawer },
    preflights: 0,
    cite: `${CORS_CHECK} (credentials mode include and ACAO * → failure); ${OSD_TILE_FAILED}`,
    fix: CREDENTIALS_FIX,
  }),
  row(unsetInfoOnly, {
    title: `OpenSeadragon ${drawer} drawer, policy unset, ACAO on info.json only: tiles are plain <img>, image shown${drawer === 'webgl' ? ' after WebGL falls back to canvas' : ''}`,
    action: osd('info-only', drawer, 'unset'),
    sees: drawer === 'webgl' ? FELL_BACK : { ...IMAGE, drawer: 'canvas' },
    preflights: 0,
    cite: `${OSD_POLICY_DOC}; ${drawer === 'webgl' ? `${OSD_DRAWER_DOC}; ${OSD_TAINT_FALLBACK}` : NOT_ORIGIN_CLEAN}`,
    fix: TILE_FIX,
  }),
  row(anonymousInfoOnly, {
    title: `OpenSeadragon ${drawer} drawer, 'Anonymous', ACAO on info.json only: every CORS tile load fails, viewer stays blank without a message`,
    action: osd('info-only', drawer, 'Anonymous'),
    sees: { ...BLANK, drawer },
    preflights: 0,
    cite: `${CORS_CHECK} (no ACAO → network error, the <img> fires error); ${OSD_TILE_FAILED}; openseadragon#2897`,
    fix: TILE_FIX,
  }),
];

const table: Scenario[] = [
  ...osdRows('webgl', ['viewer/osd-webgl-unset-correct', 'viewer/osd-webgl-anonymous-correct', 'viewer/osd-webgl-use-credentials-correct', 'viewer/osd-webgl-unset-info-only', 'viewer/osd-webgl-anonymous-info-only']),
  ...osdRows('canvas', ['viewer/osd-canvas-unset-correct', 'viewer/osd-canvas-anonymous-correct', 'viewer/osd-canvas-use-credentials-correct', 'viewer/osd-canvas-unset-info-only', 'viewer/osd-canvas-anonymous-info-only']),
  row('viewer/osd-webgl-anonymous-tiles-only', {
    title: "OpenSeadragon WebGL, 'Anonymous', ACAO on tiles only: the info.json XHR is blocked, the viewer shows \"Unable to open\"",
    action: osd('tiles-only', 'webgl', 'Anonymous'),
    sees: OPEN_FAILED,
    preflights: 0,
    cite: `${CORS_CHECK}; ${OSD_OPEN_FAILED}`,
    fix: INFO_FIX,
  }),
  row('viewer/osd-canvas-unset-tiles-only', {
    title: 'OpenSeadragon canvas, policy unset, ACAO on tiles only: no policy helps, info.json is still read by XHR and blocked',
    action: osd('tiles-only', 'canvas', 'unset'),
    sees: OPEN_FAILED,
    preflights: 0,
    cite: `${CORS_CHECK}; ${OSD_OPEN_FAILED}`,
    fix: INFO_FIX,
  }),
  row('viewer/osd-webgl-anonymous-redirect-hop', {
    title: "OpenSeadragon WebGL, 'Anonymous': info.json first 302s without ACAO; the CORS check fails on the redirect, \"Unable to open\"",
    action: osd('redirect-hop-no-acao', 'webgl', 'Anonymous'),
    sees: OPEN_FAILED,
    preflights: 0,
    cite: `${HTTP_FETCH} (the CORS check runs on every response of a CORS request, redirects included); ${OSD_OPEN_FAILED}`,
    fix: 'Send CORS headers on every redirect response (Header always set / add_header … always).',
  }),
  row('viewer/osd-webgl-anonymous-errors-without-acao', {
    title: "OpenSeadragon WebGL, 'Anonymous', ACAO on 2xx only: a healthy image needs no error response, image shown with WebGL",
    action: osd('errors-without-acao', 'webgl', 'Anonymous'),
    sees: { ...IMAGE, drawer: 'webgl' },
    preflights: 0,
    cite: `${CORS_CHECK} (every 200 carries ACAO *); ${OSD_POLICY_DOC}`,
  }),
  // Policy unset is left out: without CORS, ACAC changes nothing (osd-webgl-unset-correct shows that case).
  ...(
    [
      ['viewer/osd-webgl-anonymous-wildcard-with-credentials', 'Anonymous'],
      ['viewer/osd-webgl-use-credentials-wildcard-with-credentials', 'use-credentials'],
    ] as const
  ).map(([id, policy]) =>
    row(id, {
      title: `OpenSeadragon WebGL, policy ${policy}, ACAO * with ACAC true: ${policy === 'use-credentials' ? 'credentialed tiles fail (* is not allowed with credentials), blank' : 'ACAC is ignored without credentials, image shown with WebGL'}`,
      action: osd('wildcard-with-credentials', 'webgl', policy),
      sees: policy === 'use-credentials' ? { ...BLANK, drawer: 'webgl' } : { ...IMAGE, drawer: 'webgl' },
      preflights: 0,
      cite: `${CORS_CHECK}; ${OSD_POLICY_DOC}`,
      ...(policy === 'use-credentials' && { fix: CREDENTIALS_FIX }),
    }),
  ),
  {
    id: 'viewer/osd-webgl-anonymous-cache-warmed',
    family: 'viewer',
    title: "Every tile first loaded by a plain <img>, then OpenSeadragon WebGL 'Anonymous'; ACAO only when Origin is sent, no Vary: blank if the cached ACAO-less tiles are reused, the image if they are refetched",
    action: osd('acao-only-when-origin-sent-no-vary', 'webgl', 'Anonymous', true),
    spec: {
      // Like canvas/cache-poisoned-acao-if-origin: which one an engine takes is the finding.
      outcomes: [
        {
          label: 'served from cache: blank',
          basis: 'note',
          observed: { viewer: { ...BLANK, drawer: 'webgl' } },
          server: { preflights: 0, corsRefetch: false },
          cite: `${HTTP_CACHES} (without Vary: Origin the cached response of the no-CORS request is used for the CORS request, "without Access-Control-Allow-Origin"); https://github.com/whatwg/fetch/issues/402`,
        },
        {
          label: 'refetched: image',
          basis: 'normative',
          observed: { viewer: IMAGE },
          server: { preflights: 0, corsRefetch: true },
          cite: 'https://www.rfc-editor.org/rfc/rfc9111#section-4 (a cache is never required to use a stored response): refetched with Origin, the tiles carry ACAO and WebGL can use them',
        },
      ],
    },
    // The labels are checked against the log: `corsRefetch` says whether a tile first loaded without
    // Origin was asked for again with one (refetched) or not (served from the cache).
    counterfactuals: [
      { label: 'refetched with Origin, yet blank', server: { corsRefetch: true } },
      { label: 'the image shown from the ACAO-less cached tiles', observed: { viewer: IMAGE } },
    ],
    fix: 'Send Access-Control-Allow-Origin: * on every response, CORS request or not (or Vary: Origin when it depends on the request).',
  },
  // ── Mirador 4 (its own OpenSeadragon 5.0.1 bundled inside) ───────────────────────────────────
  row('viewer/mirador-correct', {
    title: 'Mirador 4 opens the manifest from the correct server: image shown',
    action: { kind: 'viewer', viewer: 'mirador', target: manifest('correct') },
    sees: IMAGE,
    preflights: 0,
    cite: `${MIRADOR_FETCH}; ${MIRADOR_OSD}; ${CORS_CHECK}`,
  }),
  row('viewer/mirador-manifest-no-acao', {
    title: 'Mirador 4, manifest without ACAO: the manifest fetch is blocked, the window shows an error, no image',
    action: { kind: 'viewer', viewer: 'mirador', target: manifest('manifest-no-acao') },
    sees: OPEN_FAILED,
    preflights: 0,
    cite: `${CORS_CHECK}; ${MIRADOR_FETCH} (failure → receiveManifestFailure, rendered in the window); Presentation API 3.0 §6 (MUST CORS)`,
    fix: 'Add Access-Control-Allow-Origin: * where the manifests are served.',
  }),
  row('viewer/mirador-accept-options-404', {
    title: 'Mirador 4 with the IIIF Accept header against a server whose OPTIONS is 404: the manifest preflight fails, error, no image',
    action: { kind: 'viewer', viewer: 'mirador', target: manifest('options-404'), accept: 'iiif' },
    sees: OPEN_FAILED,
    preflights: 1,
    cite: `${SAFELISTED} (" and : in that Accept value are CORS-unsafe bytes → preflight); ${PREFLIGHT} (a preflight response whose status is not ok → network error); ${MIRADOR_ACCEPT}; IIIF/api#1274`,
    fix: 'Answer OPTIONS with 204 and the Access-Control-Allow-* headers.',
  }),
  // ── OpenLayers' IIIF source (a map-style viewer; crossOrigin 'anonymous' as for pixel access) ──
  row('viewer/ol-correct', {
    title: "OpenLayers IIIF source, crossOrigin 'anonymous', correct server: image shown",
    action: { kind: 'viewer', viewer: 'ol', target: info('correct') },
    sees: { ...IMAGE, drawer: 'canvas' },
    preflights: 0,
    cite: `${OL_IIIF}; ${CORS_CHECK}`,
  }),
  row('viewer/ol-info-only', {
    title: "OpenLayers IIIF source, crossOrigin 'anonymous', ACAO on info.json only: every tile fails, blank map",
    action: { kind: 'viewer', viewer: 'ol', target: info('info-only') },
    sees: BLANK,
    preflights: 0,
    cite: `${OL_IIIF}; ${CORS_CHECK}`,
    fix: TILE_FIX,
  }),
  row('viewer/ol-tiles-only', {
    title: 'OpenLayers IIIF page, ACAO on tiles only: its info.json fetch is blocked, the page shows its error',
    action: { kind: 'viewer', viewer: 'ol', target: info('tiles-only') },
    sees: OPEN_FAILED,
    preflights: 0,
    cite: `${CORS_CHECK}; ${OL_IIIF} (the page fetches info.json itself)`,
    fix: INFO_FIX,
  }),
];

/** With each row's WPT counterparts (wpt.ts). */
export const scenarios: Scenario[] = withWpt(table);
