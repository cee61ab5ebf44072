// A TLS handshake with a target, verified as Node verifies it (the system roots, plus --ca), that
// also reads the certificates the server presented. The chain is read in a 'secure' listener placed
// before Node's own check, which then refuses a bad certificate as usual: no request is sent over a
// connection that failed verification, and nothing accepts a certificate the trust store does not.

import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { type DetailedPeerCertificate, connect, rootCertificates } from 'node:tls';
import type { PresentedCertificate } from './tls-words.ts';

export interface Handshake {
  /** Node's verification code (e.g. CERT_HAS_EXPIRED), absent when the certificate is trusted. */
  code?: string;
  /** Any other failure (refused, reset, timeout). */
  error?: string;
  /** The presented chain, leaf first, as certificates and as what certify says about them. */
  chain: PresentedCertificate[];
  pems: string[];
}

/** The host as TLS sees it: no IPv6 brackets; an IP address gets no SNI. */
export const tlsHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

export function handshake(url: string, extraCa: string[] = [], timeoutMs = 10_000): Promise<Handshake> {
  const u = new URL(url);
  const host = tlsHost(u);
  return new Promise((resolve) => {
    let pems: string[] = [];
    const socket = connect({
      host,
      port: Number(u.port || 443),
      ...(!isIP(host) && { servername: host }),
      ...(extraCa.length && { ca: [...rootCertificates, ...extraCa] }),
      ALPNProtocols: ['http/1.1'],
    });
    const done = (h: Omit<Handshake, 'chain' | 'pems'>) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...h, pems, chain: pems.map(describe) });
    };
    const timer = setTimeout(() => done({ error: `no TLS handshake within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.prependListener('secure', () => (pems = presented(socket.getPeerCertificate(true))));
    socket.once('secureConnect', () => done({}));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code && error.code !== 'ECONNRESET' && pems.length ? { code: error.code } : { error: error.code ?? error.message }));
  });
}

/** The chain Node reports, leaf first, up to the first self-issued certificate. */
function presented(peer: DetailedPeerCertificate): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let c: DetailedPeerCertificate | undefined = peer; c?.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    out.push(new X509Certificate(c.raw).toString());
  }
  return out;
}

function describe(pem: string): PresentedCertificate {
  const x = new X509Certificate(pem);
  const caIssuers = /CA Issuers - URI:(\S+)/.exec(x.infoAccess ?? '')?.[1];
  return {
    subject: oneLine(x.subject),
    issuer: oneLine(x.issuer),
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    names: (x.subjectAltName ?? '').split(', ').filter(Boolean).map((n) => n.replace(/^(DNS|IP Address):/, '')),
    selfIssued: x.subject === x.issuer,
    ...(caIssuers && { caIssuers }),
  };
}

const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');
