// Taint travels through every way pixels move: a pattern made from a tainted image taints the
// canvas it fills, and a tainted canvas drawn onto another taints that one too.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { CORS_CROSS_ORIGIN, HTML, NOT_ORIGIN_CLEAN, WPT_CANVAS } from './citations.ts';
import { on, png, rowBuilder } from './vocabulary.ts';

const CREATE_PATTERN = `${HTML}/canvas.html#dom-context-2d-createpattern`;

const row = rowBuilder('canvas');

export const scenarios: Scenario[] = [
  row('canvas/pattern-tainted', {
    title: 'createPattern from a cross-origin <img> without crossorigin, filled over a canvas: getImageData throws SecurityError',
    action: { kind: 'image', target: on('image', png()), use: ['pattern'] },
    spec: {
      observed: { result: 'loaded', canvas: { pattern: 'tainted' } },
      server: { requests: 1, origins: ['absent'] },
      cite: `${CREATE_PATTERN}; ${NOT_ORIGIN_CLEAN} (fillStyle set to a pattern from a not origin-clean image); ${WPT_CANVAS}/security.pattern.image.fillStyle.cross.html`,
    },
    counterfactuals: [{ label: 'pattern does not carry the taint', observed: { canvas: { pattern: 'clean' } } }],
  }),
  row('canvas/pattern-clean', {
    title: 'createPattern from a crossorigin=anonymous image with ACAO *: the canvas stays clean',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['*'] })), use: ['pattern'] },
    spec: {
      observed: { result: 'loaded', canvas: { pattern: 'clean' } },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${CREATE_PATTERN}; ${CORS_CROSS_ORIGIN}`,
    },
    counterfactuals: [{ label: 'CORS-clean pattern taints', observed: { canvas: { pattern: 'tainted' } } }, { label: 'no Origin sent', server: { origins: ['absent'] } }],
  }),
  row('canvas/canvas-to-canvas-tainted', {
    title: 'A canvas tainted by a cross-origin image, drawn onto a second canvas: the second canvas is tainted too',
    action: { kind: 'image', target: on('image', png()), use: ['canvas-copy'] },
    spec: {
      observed: { result: 'loaded', canvas: { 'canvas-copy': 'tainted' } },
      server: { requests: 1, origins: ['absent'] },
      cite: `${NOT_ORIGIN_CLEAN} (an HTMLCanvasElement whose origin-clean flag is false); ${WPT_CANVAS}/security.drawImage.canvas.cross.html`,
    },
    counterfactuals: [{ label: 'taint lost in the copy', observed: { canvas: { 'canvas-copy': 'clean' } } }],
  }),
  row('canvas/canvas-to-canvas-clean', {
    title: 'A canvas holding a CORS-clean image, drawn onto a second canvas: still clean',
    action: { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['*'] })), use: ['canvas-copy'] },
    spec: {
      observed: { result: 'loaded', canvas: { 'canvas-copy': 'clean' } },
      server: { requests: 1, origins: ['viewer'] },
      cite: `${NOT_ORIGIN_CLEAN}; ${CORS_CROSS_ORIGIN}`,
    },
    counterfactuals: [{ label: 'clean canvas copy tainted', observed: { canvas: { 'canvas-copy': 'tainted' } } }],
  }),
];
