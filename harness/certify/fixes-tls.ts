// The fix for each certificate problem (tls-words.ts), per server software where the line differs.
// {host} is the URL's host name. No response is read over a refused connection, so the server is
// rarely known: the generic text names the nginx and Apache lines too.

import type { CertificateCause } from './tls-words.ts';
import type { Fix } from './types.ts';

const CHECK = 'Check with `openssl s_client -connect {host}:443 -servername {host} </dev/null` ("Verify return code: 0 (ok)").';
const ACME = 'certbot certonly --webroot -w /var/www/html -d {host}';

export const TLS_FIXES: Record<CertificateCause, Fix> = {
  'certificate-self-signed': {
    title: 'Untrusted certificate: self-signed',
    layer: 'origin',
    generic: `Replace it with a certificate for {host} from a certificate authority browsers trust (free: Let's Encrypt, \`${ACME}\`), or one from your organisation's CA (then certify with --ca <its root certificate> and install that root on every viewer's machine). nginx: ssl_certificate /etc/letsencrypt/live/{host}/fullchain.pem; ssl_certificate_key /etc/letsencrypt/live/{host}/privkey.pem;  Apache: SSLCertificateFile …/fullchain.pem and SSLCertificateKeyFile …/privkey.pem. ${CHECK}`,
    servers: {
      nginx: `${ACME}\n# then in the server block:\nssl_certificate     /etc/letsencrypt/live/{host}/fullchain.pem;\nssl_certificate_key /etc/letsencrypt/live/{host}/privkey.pem;`,
      apache: `${ACME}\nSSLCertificateFile    /etc/letsencrypt/live/{host}/fullchain.pem\nSSLCertificateKeyFile /etc/letsencrypt/live/{host}/privkey.pem`,
      caddy: 'Remove `tls internal` (or the self-signed `tls cert key` line) from the site block: Caddy then gets a public certificate for {host} itself.',
    },
  },
  'certificate-expired': {
    title: 'Untrusted certificate: expired (or not valid yet)',
    layer: 'origin',
    generic: `Renew the certificate and reload the server (Let's Encrypt: \`certbot renew\`, then reload; make renewal automatic: the certbot timer). If it is not valid yet, fix the clock of the machine that issued it. ${CHECK}`,
    servers: {
      nginx: 'certbot renew && systemctl reload nginx   # nginx reads ssl_certificate only at (re)load',
      apache: 'certbot renew && systemctl reload apache2',
      caddy: "Caddy renews by itself: check its log for why renewal failed (port 80/443 reachable, DNS pointing at it).",
    },
  },
  'certificate-wrong-name': {
    title: 'Untrusted certificate: for another host name',
    layer: 'origin',
    generic: `Serve a certificate whose subjectAltName includes {host} (\`${ACME}\`, or add {host} to the certificate request), or use in the URL (and in info.json's id) the name the certificate is for. A certificate is checked against the URL's host name, not the IP address or another alias. ${CHECK}`,
    servers: {
      nginx: `${ACME}\n# in the server block answering for {host} (server_name {host};):\nssl_certificate     /etc/letsencrypt/live/{host}/fullchain.pem;\nssl_certificate_key /etc/letsencrypt/live/{host}/privkey.pem;`,
      apache: `${ACME}\n# in the <VirtualHost *:443> with ServerName {host}:\nSSLCertificateFile    /etc/letsencrypt/live/{host}/fullchain.pem\nSSLCertificateKeyFile /etc/letsencrypt/live/{host}/privkey.pem`,
      caddy: 'Name {host} in the site address ({host} { … }): Caddy gets a certificate for the names it serves.',
    },
  },
  'certificate-unknown-issuer': {
    title: 'Untrusted certificate: unknown issuer (a CA browsers do not trust)',
    layer: 'origin',
    generic: `For viewers on the public web: a certificate from a public CA (\`${ACME}\`). For an intranet with its own CA: install that CA's root certificate on every viewer's machine (browser or system store), and certify with --ca <root certificate file> so certify trusts it in every engine and in Node. ${CHECK}`,
    servers: {},
  },
  'certificate-incomplete-chain': {
    title: 'Untrusted certificate: incomplete chain (intermediate certificate not sent)',
    layer: 'origin',
    generic: `Send the intermediate certificate(s) after the server's certificate, in one file: \`cat {host}.crt intermediate.crt > fullchain.pem\` (Let's Encrypt: fullchain.pem, not cert.pem). nginx: ssl_certificate fullchain.pem;  Apache 2.4.8+: SSLCertificateFile fullchain.pem. Chromium may fetch the missing certificate itself and work, which hides the problem; Firefox, WebKit and Node do not. ${CHECK}`,
    servers: {
      nginx: 'ssl_certificate /etc/ssl/{host}/fullchain.pem;   # the server certificate first, then the intermediate(s): cat {host}.crt intermediate.crt > fullchain.pem',
      apache: 'SSLCertificateFile /etc/ssl/{host}/fullchain.pem   # Apache 2.4.8+: certificate then intermediate(s) in one file; older: SSLCertificateChainFile intermediate.crt',
      lighttpd: 'ssl.pemfile = "/etc/ssl/{host}/fullchain.pem"   # certificate then intermediate(s); or ssl.ca-file = the intermediate',
    },
  },
};
