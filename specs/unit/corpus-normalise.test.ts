// corpus-diff's normalisation (harness/bench/corpus-normalise.ts): what differs from run to run
// whatever the code is taken out, and nothing a user reads is.

import { expect, test } from '../support/browserless.ts';
import { differences, normaliseCertifyJson } from '../../harness/bench/corpus-normalise.ts';

const doc = (server: number, viewer: number, random: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    input: `http://127.0.0.1:${server}/iiif/v3/img/info.json`,
    startedAt: new Date(server).toISOString(),
    durationMs: viewer,
    viewerOrigin: `http://127.0.0.1:${viewer}`,
    viewerOriginKind: 'own',
    verdict: 'pass',
    target: { urls: { unknownIdentifier: `http://127.0.0.1:${server}/iiif/v3/cors-certify-missing-${random}/info.json` } },
    server: { origin: 'Varnish', seen: [{ server: 'Varnish', evidence: `x-varnish: ${viewer} ${server}` }] },
    requests: [
      { method: 'GET', url: `http://127.0.0.1:${server}/a`, request: { Origin: `http://127x0x0x1:${viewer}` }, headers: { date: String(viewer), 'access-control-allow-origin': `http://127.0.0.1:${viewer}` } },
      { method: 'OPTIONS', url: `http://127.0.0.1:${server}/b`, request: {}, headers: {} },
    ].sort(() => (viewer % 2 ? 1 : -1)),
    ...extra,
  });

test('two runs of the same code on fresh ports normalise to the same document', () => {
  const a = normaliseCertifyJson(doc(31001, 40001, 'abc123'), ['http://127.0.0.1:31001']);
  const b = normaliseCertifyJson(doc(32002, 40002, 'zz9'), ['http://127.0.0.1:32002']);
  expect(differences(a, b)).toEqual([]);
});

test('what certify concluded is never normalised away', () => {
  const a = normaliseCertifyJson(doc(31001, 40001, 'abc123'), ['http://127.0.0.1:31001']);
  const b = normaliseCertifyJson(doc(31001, 40001, 'abc123', { verdict: 'fail' }), ['http://127.0.0.1:31001']);
  expect(differences(a, b)).toEqual(['$.verdict: before "pass" / after "fail"']);
  const other = normaliseCertifyJson(doc(31001, 40001, 'abc123').replace('access-control-allow-origin":"http://127.0.0.1:40001', 'access-control-allow-origin":"*'), ['http://127.0.0.1:31001']);
  expect(differences(a, other).length).toBeGreaterThan(0);
});
