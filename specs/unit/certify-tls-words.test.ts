// A certificate the client cannot trust is said in words, with what to do, not as an OpenSSL code:
// a real TLS handshake against an in-process https server with a self-signed certificate.

import { createServer } from 'node:https';
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { expect, test } from '../support/browserless.ts';
import { SafeFetch, type TargetError } from '../../harness/certify/safe-fetch.ts';
import { type PresentedCertificate, certificateCause, certificateProblem } from '../../harness/certify/tls-words.ts';

function selfSigned(): { key: string; cert: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 86400_000);
  const name = [{ name: 'commonName', value: '127.0.0.1' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]);
  cert.sign(key, forge.md.sha256.create());
  return { key: keyPem, cert: forge.pki.certificateToPem(cert) };
}

test('a self-signed server certificate is named in words, says browsers refuse before CORS, and what to do', async () => {
  const server = createServer(selfSigned(), (_req, res) => res.end('{}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `https://127.0.0.1:${(server.address() as { port: number }).port}/info.json`;
    const error = await new SafeFetch().request('GET', url).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/untrusted certificate: the certificate is self-signed/);
    expect(error?.message).toMatch(/before any request is sent or any CORS header is read/);
    expect((error as TargetError | null)?.certificate).toEqual({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', url });
  } finally {
    server.close();
  }
});

test('each certificate error code has words; other errors keep theirs', () => {
  for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
    expect(certificateProblem(code), code).toMatch(/^untrusted certificate: the /);
  }
  expect(certificateProblem('ECONNREFUSED')).toBeNull();
});

test('an unknown issuer is an incomplete chain when the last certificate sent names where its issuer is published', () => {
  const leaf: PresentedCertificate = { subject: 'CN=iiif.example.org', issuer: 'CN=R11', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z', names: ['iiif.example.org'], selfIssued: false };
  expect(certificateCause('UNABLE_TO_VERIFY_LEAF_SIGNATURE', [leaf])).toBe('certificate-unknown-issuer');
  expect(certificateCause('UNABLE_TO_VERIFY_LEAF_SIGNATURE', [{ ...leaf, caIssuers: 'http://r11.i.lencr.org/' }])).toBe('certificate-incomplete-chain');
  // The root itself was sent: nothing is missing, it is only not trusted.
  expect(certificateCause('SELF_SIGNED_CERT_IN_CHAIN', [{ ...leaf, caIssuers: 'http://r11.i.lencr.org/' }])).toBe('certificate-unknown-issuer');
  expect(certificateCause('ECONNRESET')).toBeNull();
});
