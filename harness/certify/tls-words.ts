// Node's certificate error codes in words: what is wrong with the server's certificate, that
// browsers refuse the connection before any CORS check (so no CORS setting can help), and what to do.

const WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed (nobody vouches for it)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends at a root that is not trusted here (an unknown issuer, e.g. an internal CA)',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (its start date is in the future, or the clock is wrong)',
  ERR_TLS_CERT_ALTNAME_INVALID: "the certificate is for another name than the URL's host",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is unknown here: an internal CA, or an intermediate certificate the server does not send (incomplete chain)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is unknown here: an internal CA, or an intermediate certificate the server does not send (incomplete chain)",
  UNABLE_TO_GET_ISSUER_CERT: 'the chain is incomplete: the server does not send an intermediate certificate',
};

const WHAT_TO_DO =
  'Browsers refuse the connection before CORS is checked, so viewers cannot load anything from it. Fix the certificate on the server ' +
  '(a certificate for this host name from a public CA, with its intermediate certificates, not expired); test with `openssl s_client -connect host:443 -servername host`.';

/** A sentence for a certificate error code, or null for other errors. */
export function certificateProblem(code: string | undefined): string | null {
  const words = code ? WORDS[code] : undefined;
  return words ? `untrusted certificate: ${words} (${code}). ${WHAT_TO_DO}` : null;
}
