// How each engine is told to trust the local CA (fixtures/tls.ts), the way web-platform-tests does
// it, so https fixture pages are ordinary secure pages: no certificate-error mode (in which
// Chromium, for one, does not cache responses): no Playwright or WebDriver switch that ignores
// certificate errors. Each engine's module does it its way:
//   Chromium: --ignore-certificate-errors-spki-list=<SPKI hashes> (only honoured with a user data dir)
//   Firefox:  the CA imported into the profile's NSS certificate store with certutil (libnss3-tools)
//   WebKitGTK: the WebDriver capability webkitgtk:browserOptions.certificates (per host)
// Here: what they share.

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface TrustOptions {
  /** Extra host names the browser must accept (e.g. a viewer origin mapped to loopback). */
  extraHosts?: string[];
  /** A CA the user trusts (certify --ca), and the server certificates Node verified against it. */
  extraTrust?: ExtraTrust;
}

/**
 * certify --ca: the CA files go into Firefox's store (Firefox verifies against them itself); the
 * leaves, each verified by Node against the CA (chain, dates, host name) before any engine starts,
 * are accepted the way the local CA's leaves are: Chromium by key (SPKI), WebKitGTK per host.
 */
export interface ExtraTrust {
  caFiles: string[];
  leaves: { host: string; certFile: string; spkiHash: string }[];
}

/** Whether certutil is an executable on PATH (what resolve.ts checks, without running it, before promising Firefox works). */
export function hasCertutil(path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', 'certutil'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
