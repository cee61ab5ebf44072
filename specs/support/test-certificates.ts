// Certificates made by the test, each with one thing wrong (or nothing), for a real TLS server:
// a CA nobody trusts unless certify is given it (--ca), an intermediate under it, and leaves with
// chosen names, dates, issuer and AIA. node-forge, as fixtures/tls.ts makes the local CA.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface Issued {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
  keyPem: string;
}

const DAY = 86_400_000;

function keyPair(): { key: forge.pki.rsa.PrivateKey; keyPem: string; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { key, keyPem, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

/** authorityInfoAccess with one caIssuers URI (forge has no name for it: raw DER). */
function caIssuersExtension(uri: string) {
  const { asn1 } = forge;
  const access = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.3.6.1.5.5.7.48.2').getBytes()),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, uri),
    ]),
  ]);
  return { id: '1.3.6.1.5.5.7.1.1', value: asn1.toDer(access).getBytes() };
}

interface Options {
  commonName: string;
  /** Signs it; absent: self-signed. */
  issuer?: Issued;
  ca?: boolean;
  /** subjectAltName: IP addresses and DNS names. */
  names?: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** AIA caIssuers: where the issuer's certificate is published (public CAs' leaves say). */
  caIssuers?: string;
}

export function issue({ commonName, issuer, ca = false, names = [], notBefore = new Date(Date.now() - DAY), notAfter = new Date(Date.now() + 30 * DAY), caIssuers }: Options): Issued {
  const { key, keyPem, publicKey } = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  const isIp = (n: string) => /^[\d.]+$/.test(n) || n.includes(':');
  cert.setExtensions([
    { name: 'basicConstraints', cA: ca, critical: true },
    { name: 'keyUsage', critical: true, ...(ca ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true, keyEncipherment: true }) },
    ...(ca ? [] : [{ name: 'extKeyUsage', serverAuth: true }]),
    ...(names.length ? [{ name: 'subjectAltName', altNames: names.map((n) => (isIp(n) ? { type: 7, ip: n } : { type: 2, value: n })) }] : []),
    { name: 'subjectKeyIdentifier' },
    ...(caIssuers ? [caIssuersExtension(caIssuers)] : []),
  ]);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { cert, key, pem: forge.pki.certificateToPem(cert), keyPem };
}

/** Writes the certificate file nginx's ssl_certificate reads (these certificates, in order) and the key. */
export function writeServerFiles(dir: string, name: string, leaf: Issued, chain: Issued[] = []): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  writeFileSync(certFile, [leaf, ...chain].map((c) => c.pem).join(''));
  writeFileSync(keyFile, leaf.keyPem, { mode: 0o600 });
  return { certFile, keyFile };
}

export const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
