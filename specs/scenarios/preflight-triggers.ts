// What else makes a request need a preflight: an XMLHttpRequest with upload listeners (the upload
// listener flag forces one even for a safelisted POST), and CORS-safelisted header values that
// are each fine but together exceed 1024 bytes.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { PREFLIGHT, SAFE_HEADER, UNSAFE_NAMES, XHR_UPLOAD_LISTENER } from './citations.ts';
import { NO_PREFLIGHT, open, passed, rowBuilder, withDerived } from './vocabulary.ts';

const row = rowBuilder('preflight', withDerived);

/** `count` Accept entries of `length` bytes each (safe bytes only): each one is safelisted. */
const accepts = (count: number, length: number): [string, string][] =>
  Array.from({ length: count }, (_, i) => ['Accept', `${String.fromCharCode(97 + i)}${'x'.repeat(length - 1)}`]);
const WHY_1024 = 'no WPT test found for the 1024-byte total (checked cors/cors-safelisted-request-header.any.js and fetch/api/cors/cors-preflight-not-cors-safelisted.any.js)';

export const scenarios: Scenario[] = [
  row('preflight/xhr-upload-listener', {
    title: 'XHR POST text/plain with an upload progress listener is preflighted (ACRM POST) and passes with ACAO *',
    action: { kind: 'xhr', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'a=1', uploadListener: true, target: open() },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: passed('POST', null),
      cite: `${XHR_UPLOAD_LISTENER} (send(): "if this's upload listener flag is set, set request's use-CORS-preflight flag"); ${PREFLIGHT}; no WPT test located for this`,
    },
    counterfactuals: [NO_PREFLIGHT],
  }),
  row('preflight/xhr-upload-listener-no-options', {
    title: 'XHR POST with an upload listener fails against a server that answers OPTIONS with a bare 405',
    action: { kind: 'xhr', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'a=1', uploadListener: true, target: open({ pf_status: 405, pf_acao: ['$none'] }) },
    spec: {
      observed: { result: 'blocked', status: 0 },
      server: { preflights: 1, requests: 0, methods: ['OPTIONS'], acrm: 'POST' },
      cite: `${XHR_UPLOAD_LISTENER}; ${PREFLIGHT} (not an ok status, no ACAO)`,
    },
    counterfactuals: [{ label: 'POST sent without a preflight', server: { preflights: 0, requests: 1, methods: ['POST'] } }],
    fix: 'Answer OPTIONS with 204 and Access-Control-Allow-Origin: uploads with progress bars are preflighted.',
  }),
  row('preflight/safelisted-total-1024', {
    title: '8 Accept entries of 128 bytes (each safelisted, 1024 bytes in all): no preflight (the limit is "greater than 1024")',
    action: { kind: 'fetch', headers: accepts(8, 128), target: open() },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: { preflights: 0, requests: 1, methods: ['GET'], origins: ['viewer'] },
      cite: `${UNSAFE_NAMES} (each header-list entry is checked on its own; safelistValueSize 1024 is not greater than 1024); ${SAFE_HEADER}; ${WHY_1024}`,
    },
    counterfactuals: [{ label: 'preflighted (combined value checked against 128)', server: { preflights: 1, methods: ['OPTIONS', 'GET'] } }],
  }),
  row('preflight/safelisted-total-over-1024', {
    title: '9 Accept entries of 120 bytes (each safelisted, 1080 bytes in all): preflighted with ACRH accept',
    action: { kind: 'fetch', headers: accepts(9, 120), target: open({ pf_acah: 'Accept' }) },
    spec: {
      observed: { result: 'readable', status: 200 },
      server: passed('GET', 'accept'),
      cite: `${UNSAFE_NAMES} ("If safelistValueSize is greater than 1024 … append name to unsafeNames"); ${WHY_1024}`,
    },
    counterfactuals: [NO_PREFLIGHT],
  }),
];
