// How each engine is told to trust the local CA (fixtures/tls.ts), the way web-platform-tests does
// it, so https fixture pages are ordinary secure pages: no certificate-error mode (in which
// Chromium, for one, does not cache responses): no Playwright or WebDriver switch that ignores
// certificate errors.
//   Chromium: --ignore-certificate-errors-spki-list=<SPKI hashes> (only honoured with a user data dir)
//   Firefox:  the CA imported into the profile's NSS certificate store with certutil (libnss3-tools)
//   WebKitGTK: the WebDriver capability webkitgtk:browserOptions.certificates (per host)

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type LocalCa, fixtureLeaf, localCa } from '../../fixtures/tls.ts';
import { EngineUnavailableError } from './types.ts';

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

export function chromiumTrustArgs(ca: LocalCa = localCa(), { extraHosts = [], extraTrust }: TrustOptions = {}): string[] {
  const leaves = [...new Set([ca.fixtures, fixtureLeaf(ca), ...(extraHosts.length ? [ca.leafFor(extraHosts)] : [])])];
  const verified = [...new Set(extraTrust?.leaves.map((l) => l.spkiHash) ?? [])];
  return [`--ignore-certificate-errors-spki-list=${[...leaves.map((l) => l.spkiHash), ca.caSpkiHash, ...verified].join(',')}`];
}

/** Creates the NSS store of a Firefox profile directory and imports the CA as a trusted root. */
export function trustInFirefoxProfile(profileDir: string, ca: LocalCa = localCa(), extraCaFiles: string[] = []): void {
  const certutil = (args: string[]) => {
    const result = spawnSync('certutil', args, { encoding: 'utf8', timeout: 30_000 });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new EngineUnavailableError(
        'firefox: certutil is not installed; it puts the local CA into the Firefox profile so https fixtures are trusted. ' +
          'Install it with `apt-get install -y libnss3-tools` (or `npm run setup:browsers`).',
      );
    }
    if (result.status !== 0) throw new EngineUnavailableError(`firefox: certutil ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  };
  certutil(['-N', '-d', `sql:${profileDir}`, '--empty-password']);
  certutil(['-A', '-d', `sql:${profileDir}`, '-n', 'CORS harness local CA', '-t', 'CT,,', '-i', ca.caFile]);
  extraCaFiles.forEach((file, i) => certutil(['-A', '-d', `sql:${profileDir}`, '-n', `certify --ca ${i + 1}`, '-t', 'C,,', '-i', file]));
}

/** WebKitGTK: accept the fixture leaf certificate for each fixture host (and any extra host). */
export function webkitCertificates(ca: LocalCa = localCa(), { extraHosts: requested = [], extraTrust }: TrustOptions = {}): { host: string; certificateFile: string }[] {
  const leaf = fixtureLeaf(ca);
  const hosts = leaf.names.filter((h) => h !== '::1').map((host) => ({ host, certificateFile: leaf.certFile }));
  // A name the fixture leaf covers (e.g. tiles.example.test) is served with that leaf: one certificate per host.
  const extraHosts = requested.filter((h) => !leaf.names.includes(h));
  const extra = extraHosts.length ? ca.leafFor(extraHosts) : undefined;
  const verified = (extraTrust?.leaves ?? []).map(({ host, certFile }) => ({ host, certificateFile: certFile }));
  return [...hosts, ...extraHosts.map((host) => ({ host, certificateFile: extra!.certFile })), ...verified];
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
