// The local CA: made once, cached, and what it issues verifies against it for the fixture hosts;
// the https variant list names only scenarios that exist; the fixture speaks both schemes per port.

import { X509Certificate } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/browserless.ts';
import { NAMED_HOST, remoteHost } from '../../fixtures/origins.ts';
import { localCa, spkiHash } from '../../fixtures/tls.ts';
import { chromiumTrustArgs } from '../../harness/engines/chromium.ts';
import { webkitCertificates } from '../../harness/engines/webkit.ts';
import { CATALOGUE } from '../scenarios/index.ts';
import { HTTPS_SUFFIX, HTTPS_VARIANT_IDS } from '../scenarios/https.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';

test('the local CA is made once, cached, and its leaf verifies for the fixture hosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-tls-'));
  try {
    const ca = localCa(dir);
    const again = localCa(dir);
    expect(again.caPem).toBe(ca.caPem); // read from the cache, not made again
    expect(again.fixtures.certPem).toBe(ca.fixtures.certPem);
    const leaf = new X509Certificate(ca.fixtures.certPem);
    expect(leaf.verify(new X509Certificate(ca.caPem).publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(new X509Certificate(ca.caPem).ca).toBe(true);
    expect(ca.fixtures.spkiHash).toBe(spkiHash(ca.fixtures.certPem));
    const other = ca.leafFor(['viewer.example.org']);
    expect(new X509Certificate(other.certPem).checkHost('viewer.example.org')).toBe('viewer.example.org');
    expect(chromiumTrustArgs(ca)).toEqual([`--ignore-certificate-errors-spki-list=${ca.fixtures.spkiHash},${ca.caSpkiHash}`]);
    // …and the machine's non-loopback address, where it has one (the mixed-content origins).
    const remote = remoteHost();
    if (remote) expect(leaf.checkIP(remote)).toBe(remote);
    expect(leaf.checkHost(NAMED_HOST)).toBe(NAMED_HOST);
    expect(webkitCertificates(ca).map((c) => c.host).sort()).toEqual(['127.0.0.1', 'localhost', NAMED_HOST, ...(remote ? [remote] : [])].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every port answers http and https, and the log records the scheme', async () => {
  const fixtures = await startFixturesOnFreePorts();
  const { image } = fixtures.ports;
  try {
    for (const scheme of ['http', 'https'] as const) {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const url = `${scheme}://localhost:${image}/make?acao=*&token=t-${scheme}`;
        const done = (res: { statusCode?: number; resume(): void }) => (res.resume(), resolve(res.statusCode));
        // The https request verifies the server certificate against the local CA (no insecure mode).
        (scheme === 'https' ? httpsGet(url, { ca: localCa().caPem }, done) : httpGet(url, done)).on('error', reject);
      });
      expect(status).toBe(200);
      expect(fixtures.log.forToken(`t-${scheme}`).map((r) => [r.scheme, r.role])).toEqual([[scheme, 'image']]);
    }
  } finally {
    await fixtures.close();
  }
});

test('the https variant list names only catalogue scenarios, and each variant id is <id>@https', () => {
  const ids = new Set(CATALOGUE.map((s) => s.id));
  for (const id of HTTPS_VARIANT_IDS) {
    expect(ids.has(id), `${id} is not a scenario`).toBe(true);
    expect(ids.has(`${id}${HTTPS_SUFFIX}`)).toBe(true);
    expect(CATALOGUE.find((s) => s.id === `${id}${HTTPS_SUFFIX}`)?.scheme).toBe('https');
  }
});
