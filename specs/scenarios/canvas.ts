// Canvas tainting: which image loads leave a canvas origin-clean (getImageData, toDataURL, toBlob,
// WebGL, createImageBitmap) and which taint it or fail to load. IIIF tiles: canvas-iiif.ts;
// patterns: canvas-sources.ts; a no-cors load poisoning the HTTP cache: canvas-cache.ts.

import { derivedCounterfactual } from '../../harness/scenarios/outcomes.ts';
import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';

import { CANVAS_SECURITY, CORS_CHECK, CORS_CROSS_ORIGIN, CORS_SETTINGS, HTML, NOT_ORIGIN_CLEAN, WEBGL_ORIGIN, WPT_CANVAS } from './citations.ts';
import { CORS_ONE, NO_CORS_ONE, on, png, rowBuilder } from './vocabulary.ts';
import type { ImageUse } from '../../contract/page.ts';

const CREATE_IMAGE_BITMAP = `${HTML}/imagebitmap-and-animations.html#dom-createimagebitmap`;
const WPT_BITMAP = 'wpt html/canvas/element/manual/imagebitmap/createImageBitmap-origin.sub.html';

const READS: ImageUse[] = ['2d', 'toDataURL', 'toBlob'];
const all = (value: string, uses: ImageUse[] = READS) => Object.fromEntries(uses.map((u) => [u, value])) as Partial<Record<ImageUse, string>>;

/** A canvas row (also of canvas-iiif.ts and canvas-cache.ts): its own counterfactuals, else the canvas ones. */
export const row = rowBuilder('canvas', (r) => r.counterfactuals ?? canvasCounterfactuals(r.spec));

/** A broken engine: the load result flipped, or every canvas use reporting the opposite taint. */
function canvasCounterfactuals(spec: Scenario['spec']): Counterfactual[] {
  const first = 'outcomes' in spec ? spec.outcomes[0]! : spec;
  const derived = derivedCounterfactual(spec);
  const canvas = first.observed.canvas;
  const flip = (v: string | undefined) => (v === 'clean' ? 'tainted' : 'clean');
  return [
    ...(canvas ? [{ label: 'taint the other way round', observed: { canvas: Object.fromEntries(Object.entries(canvas).map(([k, v]) => [k, flip(v)])) } }] : []),
    ...(derived ? [derived] : []),
  ];
}

const USE_CROSSORIGIN_FIX =
  'Serve images with Access-Control-Allow-Origin (* for public content) and load them with crossorigin="anonymous" (OpenSeadragon: crossOriginPolicy: "Anonymous").';

export const scenarios: Scenario[] = [
  // ── no crossorigin attribute: loads, but taints ────────────────────────────────────────────
  row('canvas/no-crossorigin-tainted', {
    title: 'Cross-origin <img> without crossorigin loads, but getImageData/toDataURL/toBlob throw SecurityError',
    action: { kind: 'image', target: on('image', png()), use: READS },
    spec: {
      observed: { result: 'loaded', canvas: all('tainted') },
      server: NO_CORS_ONE,
      cite: `${NOT_ORIGIN_CLEAN}; ${CANVAS_SECURITY}; ${WPT_CANVAS}/security.drawImage.image.cross.html`,
    },
    fix: USE_CROSSORIGIN_FIX,
  }),
  row('canvas/no-crossorigin-acao-still-tainted', {
    title: 'Without crossorigin, ACAO * on the image changes nothing: no CORS request, still tainted',
    action: { kind: 'image', target: on('image', png({ acao: ['*'] })), use: READS },
    spec: {
      observed: { result: 'loaded', canvas: all('tainted') },
      server: NO_CORS_ONE,
      cite: `${CORS_SETTINGS} (No CORS state → request mode "no-cors"); ${CORS_CROSS_ORIGIN}; ${NOT_ORIGIN_CLEAN}`,
    },
    fix: 'The server is fine; the page must ask for CORS: <img crossorigin="anonymous"> (OpenSeadragon crossOriginPolicy: "Anonymous").',
  }),
  row('canvas/no-crossorigin-jpeg-tainted', {
    title: 'The same for a JPEG: loads, tainted',
    action: { kind: 'image', target: on('image', { body: 'jpeg' }), use: ['2d', 'toDataURL'] },
    spec: {
      observed: { result: 'loaded', canvas: all('tainted', ['2d', 'toDataURL']) },
      server: NO_CORS_ONE,
      cite: `${NOT_ORIGIN_CLEAN}; ${WPT_CANVAS}/security.drawImage.image.cross.html`,
    },
  }),
  row('canvas/no-crossorigin-cross-site-tainted', {
    title: 'Cross-site (127.0.0.1) <img> without crossorigin: loads, tainted',
    action: { kind: 'image', target: on('imageCrossSite', png()), use: ['2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'tainted' } },
      server: { requests: 1, origins: ['absent'] },
      cite: `${NOT_ORIGIN_CLEAN}; ${WPT_CANVAS}/security.drawImage.image.cross.html`,
    },
  }),

  // ── crossorigin=anonymous ──────────────────────────────────────────────────────────────────
  row('canvas/anonymous-acao-star-clean', {
    title: 'crossorigin=anonymous with ACAO *: CORS-same-origin, the canvas stays clean',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['*'] })), use: READS },
    spec: {
      observed: { result: 'loaded', canvas: all('clean') },
      server: CORS_ONE,
      cite: `${CORS_CROSS_ORIGIN}; ${CORS_SETTINGS}; ${NOT_ORIGIN_CLEAN}`,
    },
  }),
  row('canvas/anonymous-acao-exact-clean', {
    title: 'crossorigin=anonymous with ACAO equal to the viewer origin: clean',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['{viewer}'], vary: 'Origin' })), use: ['2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: CORS_ONE,
      cite: `${CORS_CHECK}; ${CORS_CROSS_ORIGIN}`,
    },
  }),
  row('canvas/anonymous-jpeg-clean', {
    title: 'crossorigin=anonymous JPEG with ACAO *: clean',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', { body: 'jpeg', acao: ['*'] }), use: ['2d', 'toDataURL'] },
    spec: {
      observed: { result: 'loaded', canvas: all('clean', ['2d', 'toDataURL']) },
      server: CORS_ONE,
      cite: `${CORS_CROSS_ORIGIN}; ${NOT_ORIGIN_CLEAN}`,
    },
  }),
  row('canvas/anonymous-no-acao-error', {
    title: 'crossorigin=anonymous without ACAO: the image fails to load (error event), not merely tainted',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png()), use: ['2d'] },
    spec: {
      observed: { result: 'error' },
      server: CORS_ONE,
      cite: `${CORS_CHECK} (network error); ${HTML}/images.html#update-the-image-data (fire error); ${CORS_SETTINGS}`,
    },
    fix: 'Send Access-Control-Allow-Origin on image responses (IIIF Image API 3.0 §7.1).',
  }),
  row('canvas/anonymous-acao-wrong-origin-error', {
    title: 'crossorigin=anonymous with ACAO naming another origin: error',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['{other}'] })) },
    spec: {
      observed: { result: 'error' },
      server: CORS_ONE,
      cite: `${CORS_CHECK}`,
    },
    fix: 'Echo the requesting origin from an allow-list (with Vary: Origin) or send * for public images.',
  }),

  // ── crossorigin=use-credentials ────────────────────────────────────────────────────────────
  row('canvas/credentials-acao-star-error', {
    title: 'crossorigin=use-credentials with ACAO * (and ACAC true): error, * is not allowed with credentials',
    action: { kind: 'image', crossOrigin: 'use-credentials', target: on('image', png({ acao: ['*'], acac: 'true' })) },
    spec: {
      observed: { result: 'error' },
      server: CORS_ONE,
      cite: `${CORS_CHECK} (credentials mode "include" and ACAO "*" → failure); ${CORS_SETTINGS}`,
    },
    fix: 'For credentialed image loads, echo an allow-listed origin with Access-Control-Allow-Credentials: true and Vary: Origin.',
  }),
  row('canvas/credentials-exact-acac-clean', {
    title: 'crossorigin=use-credentials with the exact origin and ACAC true: clean',
    action: {
      kind: 'image',
      crossOrigin: 'use-credentials',
      target: on('image', png({ acao: ['{viewer}'], acac: 'true', vary: 'Origin' })),
      use: ['2d', 'toDataURL'],
    },
    spec: {
      observed: { result: 'loaded', canvas: all('clean', ['2d', 'toDataURL']) },
      server: CORS_ONE,
      cite: `${CORS_CHECK}; ${CORS_CROSS_ORIGIN}`,
    },
  }),
  row('canvas/credentials-exact-no-acac-error', {
    title: 'crossorigin=use-credentials with the exact origin but no ACAC: error',
    action: { kind: 'image', crossOrigin: 'use-credentials', target: on('image', png({ acao: ['{viewer}'], vary: 'Origin' })) },
    spec: {
      observed: { result: 'error' },
      server: CORS_ONE,
      cite: `${CORS_CHECK} (credentials mode "include" needs ACAC "true")`,
    },
    fix: 'Add Access-Control-Allow-Credentials: true.',
  }),

  // ── same origin ───────────────────────────────────────────────────────────────────────────
  row('canvas/same-origin-clean', {
    title: "An image from the viewer's own origin is clean without crossorigin",
    action: { kind: 'image', target: on('viewer', png()), use: READS },
    spec: {
      observed: { result: 'loaded', canvas: all('clean') },
      server: NO_CORS_ONE,
      cite: `${NOT_ORIGIN_CLEAN}; ${WPT_CANVAS}/security.drawImage.image.html`,
    },
  }),
  row('canvas/same-origin-anonymous-clean', {
    title: 'A same-origin image with crossorigin=anonymous needs no ACAO, and a same-origin GET carries no Origin',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('viewer', png()), use: ['2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: NO_CORS_ONE,
      cite: `${CORS_CROSS_ORIGIN}; https://fetch.spec.whatwg.org/#append-a-request-origin-header (response tainting "basic", GET)`,
    },
  }),

  // ── redirects ─────────────────────────────────────────────────────────────────────────────
  row('canvas/same-to-cross-redirect-tainted', {
    title: 'A same-origin URL that 302s to the image origin (no crossorigin) taints the canvas',
    action: { kind: 'image', target: on('viewer', { status: 302, location: on('image', png()) }), use: READS },
    spec: {
      observed: { result: 'loaded', canvas: all('tainted') },
      server: { requests: 2, origins: ['absent', 'absent'] },
      cite: `${NOT_ORIGIN_CLEAN}; ${WPT_CANVAS}/security.drawImage.image.redirect.html`,
    },
  }),
  row('canvas/same-to-cross-redirect-anonymous-clean', {
    title: 'Same-origin URL 302 → image origin with crossorigin=anonymous and ACAO *: clean, Origin sent at the target',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('viewer', { status: 302, location: on('image', png({ acao: ['*'] })) }), use: ['2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: { requests: 2, origins: ['absent', 'viewer'] },
      cite: `${CORS_CROSS_ORIGIN}; https://fetch.spec.whatwg.org/#serializing-a-request-origin; wpt fetch/api/cors/cors-redirect.any.js`,
    },
  }),
  row('canvas/cross-to-same-redirect-tainted', {
    title: 'Image origin 302 → back to the viewer origin (no crossorigin): still tainted (response tainting stays opaque)',
    action: { kind: 'image', target: on('image', { status: 302, location: on('viewer', png()) }), use: ['2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'tainted' } },
      server: { requests: 2, origins: ['absent', 'absent'] },
      cite: `${CORS_CROSS_ORIGIN}; https://fetch.spec.whatwg.org/#concept-main-fetch (response tainting "opaque" is kept across redirects); ${WPT_BITMAP}`,
    },
  }),
  row('canvas/anonymous-redirect-hop-no-acao-error', {
    title: 'crossorigin=anonymous, image → image where the 302 lacks ACAO: error',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', { status: 302, location: on('image', png({ acao: ['*'] })) }) },
    spec: {
      observed: { result: 'error' },
      server: CORS_ONE,
      cite: `https://fetch.spec.whatwg.org/#concept-http-fetch (CORS check on the redirect response); wpt cors/redirect-origin.htm`,
    },
    fix: 'Send CORS headers on redirect responses too.',
  }),

  // ── other uses: ImageBitmap, WebGL, reset ───────────────────────────────────────────────────
  row('canvas/bitmap-tainted', {
    title: 'createImageBitmap of a tainted image resolves, but the bitmap taints the canvas it is drawn on',
    action: { kind: 'image', target: on('image', png()), use: ['bitmap'] },
    spec: {
      observed: { result: 'loaded', canvas: { bitmap: 'tainted' } },
      server: NO_CORS_ONE,
      cite: `${CREATE_IMAGE_BITMAP} (origin-clean copied from the image); ${NOT_ORIGIN_CLEAN}; ${WPT_BITMAP}`,
    },
    fix: USE_CROSSORIGIN_FIX,
  }),
  row('canvas/bitmap-clean', {
    title: 'createImageBitmap of a crossorigin=anonymous image with ACAO *: clean',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['*'] })), use: ['bitmap'] },
    spec: {
      observed: { result: 'loaded', canvas: { bitmap: 'clean' } },
      server: CORS_ONE,
      cite: `${CREATE_IMAGE_BITMAP}; ${WPT_BITMAP}`,
    },
  }),
  row('canvas/webgl-tainted', {
    title: 'WebGL texImage2D of a tainted image throws SecurityError',
    action: { kind: 'image', target: on('image', png()), use: ['webgl'] },
    spec: {
      observed: { result: 'loaded', canvas: { webgl: 'tainted' } },
      server: NO_CORS_ONE,
      cite: `${WEBGL_ORIGIN}; https://github.com/openseadragon/openseadragon/issues/2472`,
    },
    fix: USE_CROSSORIGIN_FIX,
  }),
  row('canvas/webgl-clean', {
    title: 'WebGL texImage2D of a crossorigin=anonymous image with ACAO *: allowed',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['*'] })), use: ['webgl', '2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { webgl: 'clean', '2d': 'clean' } },
      server: CORS_ONE,
      cite: `${WEBGL_ORIGIN}; ${CORS_CROSS_ORIGIN}`,
    },
  }),
  row('canvas/fetch-bitmap-clean', {
    title: 'fetch() with ACAO * → blob → createImageBitmap → canvas: clean (how viewers avoid <img> tainting)',
    action: { kind: 'fetch-bitmap', target: on('image', png({ acao: ['*'] })) },
    spec: {
      observed: { result: 'loaded', canvas: { bitmap: 'clean' } },
      server: CORS_ONE,
      cite: `${CREATE_IMAGE_BITMAP} (a Blob source is always origin-clean); https://fetch.spec.whatwg.org/#concept-filtered-response-cors`,
    },
  }),
  row('canvas/fetch-bitmap-no-acao-blocked', {
    title: 'fetch() without ACAO: the fetch itself fails, there is nothing to decode',
    action: { kind: 'fetch-bitmap', target: on('image', png()) },
    spec: {
      observed: { result: 'blocked', error: 'TypeError' },
      server: CORS_ONE,
      cite: CORS_CHECK,
    },
    fix: 'Send Access-Control-Allow-Origin on image responses.',
  }),
  row('canvas/reset-clears-taint', {
    title: 'Resetting a tainted canvas (setting its width): WPT and a non-normative note say the taint is cleared; the normative steps never clear it',
    // The reference notes (and older WPT) said the taint survives; WPT inverted security.reset.cross
    // ("Resetting the canvas state resets the origin-clean flag") and WebKit aligned with Chromium.
    action: { kind: 'image', target: on('image', png()), use: ['reset', '2d'] },
    // The sentence that says the flag is reset is a non-normative note (whatwg/html#2660); the
    // normative steps for setting the bitmap dimensions never touch origin-clean. So "cleared"
    // rests on WPT and the note, and "kept" is not a departure from normative text.
    spec: {
      outcomes: [
        {
          label: 'cleared',
          basis: 'wpt',
          observed: { result: 'loaded', canvas: { reset: 'clean', '2d': 'tainted' } },
          server: NO_CORS_ONE,
          cite: `${WPT_CANVAS}/security.reset.cross.html ("Resetting the canvas state resets the origin-clean flag"); non-normative note in ${CANVAS_SECURITY}; https://github.com/whatwg/html/issues/2660; https://github.com/WebKit/WebKit/pull/65571`,
        },
        {
          label: 'kept (normative steps never reset origin-clean)',
          basis: 'normative',
          observed: { result: 'loaded', canvas: { reset: 'tainted', '2d': 'tainted' } },
          server: NO_CORS_ONE,
          cite: `${HTML}/canvas.html#concept-canvas-set-bitmap-dimensions (no step resets origin-clean); https://github.com/whatwg/html/issues/2660 (closed, without a normative change: https://github.com/WebKit/WebKit/pull/65571, 2026-05, "The HTML standard only covers this in a non-normative section currently, but that will be fixed eventually")`,
        },
      ],
    },
    counterfactuals: [{ label: 'tainted image never taints', observed: { canvas: { reset: 'clean', '2d': 'clean' } } }],
  }),
];
