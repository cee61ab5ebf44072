// Node's certificate error codes in words: which of five problems the server's certificate has, that
// browsers refuse the connection before any CORS check (so no CORS setting can help), and what to do.
// The presented chain (tls-inspect.ts), when read, makes the words concrete (names, dates, issuer).

import type { Static } from '@sinclair/typebox';
import type { PresentedCertificateSchema } from '../../contract/certificate.ts';

/** The five certificate problems certify names, each a root cause with its own fix (fixes-tls.ts). */
export const CERTIFICATE_CAUSES = [
  'certificate-self-signed',
  'certificate-expired',
  'certificate-wrong-name',
  'certificate-unknown-issuer',
  'certificate-incomplete-chain',
] as const;
export type CertificateCause = (typeof CERTIFICATE_CAUSES)[number];

/** OpenSSL / Node verification codes → the problem they mean (the issuer codes are refined by the chain). */
const CAUSE_OF_CODE: Record<string, CertificateCause> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate-self-signed',
  CERT_HAS_EXPIRED: 'certificate-expired',
  CERT_NOT_YET_VALID: 'certificate-expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate-wrong-name',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate-unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate-unknown-issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate-unknown-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate-incomplete-chain',
};

/** One certificate as the server presented it (leaf first): contract/certificate.ts. */
export type PresentedCertificate = Static<typeof PresentedCertificateSchema>;

export const isCertificateCode = (code: string | undefined): code is string => !!code && Object.hasOwn(CAUSE_OF_CODE, code);

/**
 * The problem a verification code means. An unknown issuer whose last presented certificate names
 * where its issuer can be fetched (as public CAs' certificates do) is an intermediate the server
 * does not send: an incomplete chain. Without the chain, the code alone decides.
 */
export function certificateCause(code: string, chain: PresentedCertificate[] = []): CertificateCause | null {
  const cause = CAUSE_OF_CODE[code];
  if (!cause) return null;
  const last = chain.at(-1);
  if (cause === 'certificate-unknown-issuer' && code !== 'SELF_SIGNED_CERT_IN_CHAIN' && last && !last.selfIssued && last.caIssuers) return 'certificate-incomplete-chain';
  return cause;
}

const GENERIC: Record<CertificateCause, string> = {
  'certificate-self-signed': 'the certificate is self-signed (nobody vouches for it)',
  'certificate-expired': 'the certificate has expired, or is not valid yet (its dates, or the clock)',
  'certificate-wrong-name': "the certificate is for another name than the URL's host",
  'certificate-unknown-issuer': 'the certificate is signed by a certificate authority that is not trusted here (e.g. an internal CA)',
  'certificate-incomplete-chain': 'the chain is incomplete: the server does not send the intermediate certificate that signed its certificate',
};

/** What is wrong, in words, as concrete as the presented chain allows. */
export function certificateWords(cause: CertificateCause, code: string, host: string, chain: PresentedCertificate[] = []): string {
  const leaf = chain[0];
  if (!leaf) return `${GENERIC[cause]} (${code})`;
  const now = Date.now();
  switch (cause) {
    case 'certificate-self-signed':
      return `the certificate (${leaf.subject}) is self-signed: it vouches for itself and no certificate authority vouches for it (${code})`;
    case 'certificate-expired': {
      const late = chain.find((c) => Date.parse(c.validTo) < now);
      const early = chain.find((c) => Date.parse(c.validFrom) > now);
      if (late) return `the certificate ${late === leaf ? '' : `of its issuer ${late.subject} `}expired on ${late.validTo} (${code})`;
      if (early) return `the certificate ${early === leaf ? '' : `of its issuer ${early.subject} `}is not valid before ${early.validFrom} (check the clock of the machine that made it) (${code})`;
      return `${GENERIC[cause]} (${code})`;
    }
    case 'certificate-wrong-name':
      return `the certificate is for ${leaf.names.length ? leaf.names.join(', ') : leaf.subject}, not for ${host} (${code})`;
    case 'certificate-unknown-issuer':
      return `the certificate is signed by ${chain.at(-1)!.selfIssued ? chain.at(-1)!.subject : chain.at(-1)!.issuer}, a certificate authority that neither this machine nor the browsers trust (an internal or private CA) (${code})`;
    case 'certificate-incomplete-chain':
      return `the server sends its certificate but not the intermediate certificate that signed it (${chain.at(-1)!.issuer}${chain.at(-1)!.caIssuers ? `, published at ${chain.at(-1)!.caIssuers}` : ''}); clients that do not fetch it themselves (Firefox, WebKit, Node, curl) cannot link the certificate to a trusted root (${code})`;
  }
}

export const BEFORE_CORS =
  'Browsers refuse the connection during the TLS handshake, before any request is sent or any CORS header is read: no Access-Control-* setting can help, and viewers show nothing.';

/** A sentence for a certificate error code, or null for other errors (Node-side messages, before the chain is read). */
export function certificateProblem(code: string | undefined): string | null {
  if (!isCertificateCode(code)) return null;
  return `untrusted certificate: ${GENERIC[certificateCause(code)!]} (${code}). ${BEFORE_CORS}`;
}
