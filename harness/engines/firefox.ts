// Firefox: what is particular to it, in one place (harness/engines/types.ts EngineModule).

import { firefox as playwright } from 'playwright-core';
import { type EngineModule, THIRD_PARTY_ALLOWED } from './types.ts';

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
  // Trust: the local CA in the profile's certificate store (trust.ts trustInFirefoxProfile).
  trustNeedsCertutil: true,
  cookiePolicy:
    'shipped default: network.cookie.cookieBehavior=5 (Total Cookie Protection: third-party cookies partitioned by top-level site); Playwright leaves it unchanged',
  // 0 = accept all cookies, no partitioning (5, the default, is Total Cookie Protection).
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
    const firefoxPrefs: Record<string, string> = proxy ? {} : { 'network.dns.localDomains': [...new Set(hosts.map((m) => m.host))].join(',') };
    return { chromiumArgs: [], firefoxPrefs, proxy };
  },
  // http and https (CONNECT) through the proxy; loopback stays direct, as Firefox ships.
  viaProxy: ({ host, port }) => ({
    firefoxPrefs: { 'network.proxy.type': 1, 'network.proxy.http': host, 'network.proxy.http_port': port, 'network.proxy.ssl': host, 'network.proxy.ssl_port': port },
  }),
};
