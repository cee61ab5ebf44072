// Firefox: what is particular to it, in one place (harness/engines/types.ts EngineModule).

import { spawnSync } from 'node:child_process';
import { firefox as playwright } from 'playwright-core';
import { type LocalCa, localCa } from '../../fixtures/tls.ts';
import { type Channel, type EngineModule, EngineUnavailableError, THIRD_PARTY_ALLOWED } from './types.ts';
import type { TrustOptions } from './trust.ts';

const channels: Record<string, Channel> = {
  'moz-firefox': { browser: 'Firefox', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'], playwrightChannel: 'moz-firefox', install: '`apt-get install -y firefox-esr` (Debian) or Mozilla\'s firefox package' },
  'moz-firefox-beta': { browser: 'Firefox Beta', paths: ['/opt/firefox-beta/firefox'], playwrightChannel: 'moz-firefox-beta', install: 'Firefox Beta from https://www.mozilla.org/firefox/channel/desktop/, unpacked to /opt/firefox-beta' },
  'moz-firefox-nightly': { browser: 'Firefox Nightly', paths: ['/opt/firefox-nightly/firefox'], playwrightChannel: 'moz-firefox-nightly', install: 'Firefox Nightly (Mozilla\'s firefox-nightly package, or the tarball unpacked to /opt/firefox-nightly)' },
};

/**
 * How Firefox's WebDriver dispatches input, not what the web sees: mouse actions as widget events
 * from the parent process, routed like a person's mouse, so a click at a point inside a cross-site
 * (out-of-process) iframe reaches it; synthesized in the top document's process (the default) it
 * never does (auth/flow-cross-site-storage-access).
 */
const DRIVER_PREFS = { 'remote.events.async.mouse.enabled': true };
/**
 * The person's "Allow" to the storage-access prompt (Firefox's own test switch for its permission
 * prompts, ContentPermissionRequestBase: `<type>.prompt.testing` / `.allow`): Firefox's BiDi has no
 * storage-access permission (permissions.setPermission: unsupported operation), and a doorhanger is
 * browser UI no driver clicks. Only auth/flow-cross-site-storage-access asks (docs/auth.md).
 */
const PROMPT_ANSWERS = { 'dom.storage_access.prompt.testing': true, 'dom.storage_access.prompt.testing.allow': true };

export const firefox: EngineModule = {
  name: 'firefox',
  product: 'Firefox',
  playwright,
  // libnss3-tools: certutil, which puts the local CA into the Firefox profile (https fixtures).
  install: { playwright: 'npx playwright install firefox', debian: ['firefox-esr', 'xvfb', 'xauth', 'libnss3-tools'] },
  overrideEnv: 'CORS_FIREFOX_PATH',
  systemPaths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
  // Stock Firefox is driven over WebDriver BiDi; executablePath alone would hang (playwright#2623).
  system: { driver: 'playwright', protocol: 'webdriver-bidi', channel: 'moz-firefox' },
  bundledProtocol: 'juggler',
  connectEnv: 'CORS_CONNECT_FIREFOX',
  remoteProtocol: 'webdriver-bidi',
  // Trust: the local CA in the profile's certificate store (trustInFirefoxProfile below).
  trustNeedsCertutil: true,
  cookiePolicy:
    'shipped default: network.cookie.cookieBehavior=5 (Total Cookie Protection: third-party cookies partitioned by top-level site); Playwright leaves it unchanged',
  // 0 = accept all cookies, no partitioning (5, the default, is Total Cookie Protection).
  loopbackHttpBlocked: { fetch: false, imageAfterRedirect: false },
  thirdPartyCookiesAllowed: { firefoxPrefs: { 'network.cookie.cookieBehavior': 0 }, cookiePolicy: `${THIRD_PARTY_ALLOWED}: network.cookie.cookieBehavior=0 (accept all, unpartitioned)` },
  clock: {
    preload: 'clock-shim',
    method: 'clock-shim.c (LD_PRELOAD, no allocation; libfaketime deadlocks in mozjemalloc) in the parent process; content processes keep the real clock',
  },
  headedUnderPlaywright: true,
  // network.dns.localDomains when the port stays the same; it has no port mapping, so a
  // port-changing mapping goes through the pass-through proxy.
  hostMapping: (hosts) => {
    const proxy = hosts.some((m) => m.port !== undefined);
    const prefs: Record<string, string> = proxy ? {} : { 'network.dns.localDomains': [...new Set(hosts.map((m) => m.host))].join(',') };
    return { switches: [], prefs, proxy };
  },
  // http and https (CONNECT) through the proxy; loopback stays direct, as Firefox ships.
  viaProxy: ({ host, port }) => ({
    prefs: { 'network.proxy.type': 1, 'network.proxy.http': host, 'network.proxy.http_port': port, 'network.proxy.ssl': host, 'network.proxy.ssl_port': port },
  }),
  channels,
  needsDisplay: true,
  remoteWebDriver: false,
  headlessFromUserAgent: () => null,
  underPlaywright: {
    options: (_ca, extras) => ({ args: [], firefoxUserPrefs: { ...DRIVER_PREFS, ...PROMPT_ANSWERS, ...extras.prefs } }),
    prepareProfile: trustInFirefoxProfile,
    product: (executable) => (executable.endsWith('-esr') ? 'Firefox ESR' : 'Firefox'),
  },
};

/** Creates the NSS store of a Firefox profile directory and imports the CA as a trusted root. */
export function trustInFirefoxProfile(profileDir: string, ca: LocalCa = localCa(), { extraTrust }: TrustOptions = {}): void {
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
  (extraTrust?.caFiles ?? []).forEach((file, i) => certutil(['-A', '-d', `sql:${profileDir}`, '-n', `certify --ca ${i + 1}`, '-t', 'C,,', '-i', file]));
}
