// HTTP-cache "poisoning" of a CORS image load by an earlier no-cors one of the same URL: what
// Vary: Origin and an unconditional ACAO change. Part of the canvas family (canvas.ts).

import type { Scenario } from '../../harness/scenarios/types.ts';
import { row } from './canvas.ts';
import { HTTP_CACHES } from './citations.ts';
import { on, png } from './vocabulary.ts';

export const scenarios: Scenario[] = [
  // ── HTTP cache: a no-cors response reused for a CORS request ───────────────────────────────
  row('canvas/cache-poisoned-acao-if-origin', {
    title: 'Same URL as plain <img> then crossorigin=anonymous; ACAO only when Origin is sent, no Vary, max-age=600: second load fails',
    // The token makes the URL unique, so no other test shares this cache entry.
    action: {
      kind: 'sequence',
      steps: [
        { kind: 'image', target: on('image', png({ acao_if_origin: '$origin', cache: 'max-age=600' })), use: ['2d'] },
        { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao_if_origin: '$origin', cache: 'max-age=600' })), use: ['2d'] },
      ],
    },
    // Fetch's "CORS protocol and HTTP caches" (an advisory section) describes the first outcome:
    // without Vary: Origin the user agent may "use that cached response from the previous non-CORS
    // request". An HTTP cache may always refetch instead, so both conform; which one an engine
    // takes is the fact the matrix shows.
    spec: {
      outcomes: [
        {
          label: 'served from cache: error',
          basis: 'note',
          observed: { result: 'done', steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'error' }] },
          server: { requests: 1, origins: ['absent'] },
          cite: `${HTTP_CACHES}; https://github.com/whatwg/fetch/issues/402; https://github.com/whatwg/fetch/pull/564`,
        },
        {
          label: 'refetched: clean',
          basis: 'normative',
          observed: { result: 'done', steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'loaded', canvas: { '2d': 'clean' } }] },
          server: { requests: 2, origins: ['absent', 'viewer'] },
          cite: 'https://www.rfc-editor.org/rfc/rfc9111#section-4 (a cache is never required to use a stored response); https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch',
        },
      ],
    },
    counterfactuals: [
      { label: 'cached response used but CORS check skipped', observed: { steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'loaded', canvas: { '2d': 'clean' } }] } },
      { label: 'refetched without Origin', server: { requests: 2, origins: ['absent', 'absent'] } },
    ],
    fix: 'Send Vary: Origin when ACAO depends on the request, or better, send Access-Control-Allow-Origin: * on every response, CORS request or not.',
  }),
  row('canvas/cache-vary-origin-clean', {
    title: 'The same sequence with Vary: Origin: the CORS load is refetched with Origin and is clean',
    action: {
      kind: 'sequence',
      steps: [
        { kind: 'image', target: on('image', png({ acao_if_origin: '$origin', vary: 'Origin', cache: 'max-age=600' })), use: ['2d'] },
        { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao_if_origin: '$origin', vary: 'Origin', cache: 'max-age=600' })), use: ['2d'] },
      ],
    },
    spec: {
      observed: { result: 'done', steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'loaded', canvas: { '2d': 'clean' } }] },
      server: { requests: 2, origins: ['absent', 'viewer'] },
      cite: `${HTTP_CACHES}; https://www.rfc-editor.org/rfc/rfc9111#section-4.1`,
    },
  }),
  row('canvas/cache-unconditional-acao-clean', {
    title: 'The same sequence with ACAO * on every response (no Vary): the CORS load is clean, cached or not',
    action: {
      kind: 'sequence',
      steps: [
        { kind: 'image', target: on('image', png({ acao: ['*'], cache: 'max-age=600' })), use: ['2d'] },
        { kind: 'image', crossOrigin: 'anonymous', target: on('image', png({ acao: ['*'], cache: 'max-age=600' })), use: ['2d'] },
      ],
    },
    spec: {
      outcomes: [
        {
          label: 'served from cache',
          basis: 'note',
          observed: { result: 'done', steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'loaded', canvas: { '2d': 'clean' } }] },
          server: { requests: 1, origins: ['absent'] },
          cite: `${HTTP_CACHES} ("if ACAO is set to * or a static origin … always send it … and do not use Vary")`,
        },
        {
          label: 'refetched',
          observed: { result: 'done', steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'loaded', canvas: { '2d': 'clean' } }] },
          server: { requests: 2, origins: ['absent', 'viewer'] },
          cite: 'https://www.rfc-editor.org/rfc/rfc9111#section-4 (a cache may always refetch)',
        },
      ],
    },
    // Whether the second load is served from the cache is the cache's choice: both conform.
    counterfactuals: [{ label: 'CORS load tainted', observed: { steps: [{ result: 'loaded', canvas: { '2d': 'tainted' } }, { result: 'loaded', canvas: { '2d': 'tainted' } }] } }],
  }),
];
