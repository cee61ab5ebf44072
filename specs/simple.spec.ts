// Simple (non-preflighted) cross-origin requests: which Access-Control-Allow-Origin values let
// page JavaScript read the response, and what it may see of the headers.

import { scenarioTests } from '../harness/scenarios/define.ts';
import type { Scenario } from '../harness/scenarios/types.ts';
import { deviations } from './deviations.ts';

const CORS_CHECK = 'https://fetch.spec.whatwg.org/#cors-check';
const one = { requests: 1, preflights: 0, origins: ['viewer'] };

export const scenarios: Scenario[] = [
  {
    id: 'simple/no-acao',
    family: 'simple',
    title: 'GET without Access-Control-Allow-Origin is a network error',
    action: { kind: 'fetch', target: { origin: 'image', make: {} } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: one, cite: `${CORS_CHECK}; wpt fetch/api/cors/cors-basic.any.js` },
    fix: 'Send Access-Control-Allow-Origin on every response (nginx: add_header ... always).',
  },
  {
    id: 'simple/acao-star',
    family: 'simple',
    title: 'GET with ACAO * is readable',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'] } } },
    spec: { observed: { result: 'readable', status: 200, type: 'cors', body: 'make-body' }, server: one, cite: CORS_CHECK },
  },
  {
    id: 'simple/acao-exact-origin',
    family: 'simple',
    title: 'GET with ACAO equal to the page origin is readable',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['{viewer}'], vary: 'Origin' } } },
    spec: { observed: { result: 'readable', status: 200 }, server: one, cite: CORS_CHECK },
  },
  {
    id: 'simple/acao-trailing-slash',
    family: 'simple',
    title: 'ACAO with a trailing slash does not match the origin',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['{viewer}/'] } } },
    spec: { observed: { result: 'blocked' }, server: one, cite: `${CORS_CHECK}; wpt cors/origin.htm` },
  },
  {
    id: 'simple/no-cors-opaque',
    family: 'simple',
    title: "mode 'no-cors' without ACAO gives an opaque response (status 0)",
    action: { kind: 'fetch', target: { origin: 'image', make: {} }, mode: 'no-cors' },
    // A no-cors GET is not a CORS request: the Origin header is not sent at all.
    spec: {
      observed: { result: 'opaque', type: 'opaque', status: 0 },
      server: { requests: 1, origins: ['absent'] },
      cite: 'https://fetch.spec.whatwg.org/#concept-filtered-response-opaque; https://fetch.spec.whatwg.org/#append-a-request-origin-header',
    },
  },
  {
    id: 'simple/xhr-no-acao',
    family: 'simple',
    title: 'XHR without ACAO fires error with status 0',
    action: { kind: 'xhr', target: { origin: 'image', make: {} } },
    spec: { observed: { result: 'blocked', status: 0 }, server: one, cite: 'https://xhr.spec.whatwg.org/#request-error-steps' },
  },
  {
    id: 'simple/unexposed-header-hidden',
    family: 'simple',
    title: 'A custom response header is hidden unless exposed; Content-Type is safelisted',
    action: { kind: 'fetch', target: { origin: 'image', make: { acao: ['*'], header: ['X-Custom: 1'] } }, read: ['X-Custom', 'Content-Type'] },
    spec: { observed: { result: 'readable', headers: { 'x-custom': null, 'content-type': 'text/plain; charset=utf-8' } }, server: one, cite: 'https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name' },
  },
];

scenarioTests(scenarios, deviations);
