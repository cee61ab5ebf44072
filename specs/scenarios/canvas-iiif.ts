// Canvas tainting with IIIF tiles from the fixture's profiles: what OpenSeadragon-style viewers
// meet (2D and WebGL drawers, tiles with and without CORS headers). Part of the canvas family.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { row } from './canvas.ts';
import { CORS_CHECK, CORS_CROSS_ORIGIN, NOT_ORIGIN_CLEAN, WEBGL_ORIGIN } from './citations.ts';
import { CORS_ONE, NO_CORS_ONE, tile } from './vocabulary.ts';

export const scenarios: Scenario[] = [
  // ── IIIF tiles ─────────────────────────────────────────────────────────────────────────────
  row('canvas/iiif-tile-correct-anonymous-clean', {
    title: 'IIIF tile from profile `correct` with crossorigin=anonymous: clean in 2D and WebGL',
    action: { kind: 'image', crossOrigin: 'anonymous', target: tile('correct'), use: ['2d', 'webgl'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'clean', webgl: 'clean' } },
      server: CORS_ONE,
      cite: `https://iiif.io/api/image/3.0/#71-cors; ${CORS_CROSS_ORIGIN}; ${WEBGL_ORIGIN}`,
    },
  }),
  row('canvas/iiif-tile-info-only-anonymous-error', {
    title: 'IIIF tile from profile `info-only` (no ACAO on images) with crossorigin=anonymous: the tile fails to load',
    action: { kind: 'image', crossOrigin: 'anonymous', target: tile('info-only'), use: ['2d'] },
    spec: {
      observed: { result: 'error' },
      server: CORS_ONE,
      cite: `${CORS_CHECK}; https://iiif.io/api/image/3.0/#71-cors; https://github.com/openseadragon/openseadragon/issues/2897`,
    },
    fix: 'Apply the CORS header to image responses too (the whole /iiif/ location), not only info.json.',
  }),
  row('canvas/iiif-tile-info-only-no-crossorigin-tainted', {
    title: 'IIIF tile from profile `info-only` without crossorigin: loads, but 2D and WebGL are tainted',
    action: { kind: 'image', target: tile('info-only'), use: ['2d', 'webgl'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'tainted', webgl: 'tainted' } },
      server: NO_CORS_ONE,
      cite: `${NOT_ORIGIN_CLEAN}; ${WEBGL_ORIGIN}; https://github.com/openseadragon/openseadragon/issues/2472`,
    },
    fix: 'Apply the CORS header to image responses too, and load tiles with crossorigin="anonymous".',
  }),
];
