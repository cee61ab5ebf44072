// Chromium: what is particular to it, in one place (harness/engines/types.ts EngineModule).

import { chromium as playwright } from 'playwright-core';
import { SHIPPED_FEATURES } from './shipped-defaults.ts';
import { type EngineModule, THIRD_PARTY_ALLOWED } from './types.ts';

export const chromium: EngineModule = {
  name: 'chromium',
  product: 'Chromium',
  playwright,
  install: { playwright: 'npx playwright install chromium', debian: ['chromium'] },
  overrideEnv: 'CORS_CHROMIUM_PATH',
  systemPaths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
  system: { driver: 'playwright', protocol: 'cdp' },
  bundledProtocol: 'cdp',
  connectEnv: 'CORS_CONNECT_CHROMIUM',
  remoteProtocol: 'cdp',
  // Trust: --ignore-certificate-errors-spki-list for the local CA's leaves (trust.ts chromiumTrustArgs).
  trustNeedsCertutil: false,
  cookiePolicy:
    'shipped default (no cookie setting changed in the profile; Debian Chromium 156 blocks third-party cookies with it, CDP blockedReasons "UserPreferences"); ' +
    `features Playwright disables that change web behaviour re-enabled (${SHIPPED_FEATURES.join(', ')})`,
  // profile.cookie_controls_mode 0 = allow third-party cookies (1 blocks them, 2 blocks them in Incognito):
  // the pref chrome://settings/cookies writes, in the profile's Default/Preferences before launch.
  thirdPartyCookiesAllowed: {
    chromiumProfilePrefs: { profile: { cookie_controls_mode: 0 } },
    cookiePolicy: `${THIRD_PARTY_ALLOWED}: profile preference profile.cookie_controls_mode=0 (chrome://settings/cookies "Allow third-party cookies")`,
  },
  clock: { preload: 'libfaketime', method: 'libfaketime (LD_PRELOAD, FAKETIME_TIMESTAMP_FILE) inherited by the network service' },
  headedUnderPlaywright: false,
  // --host-resolver-rules can rewrite the port too (MAP host:443 127.0.0.1:<port>).
  hostMapping: (hosts, loopback) => ({
    chromiumArgs: [`--host-resolver-rules=${hosts.map((m) => (m.port !== undefined ? `MAP ${m.host}:${m.port} ${loopback}:${m.to}` : `MAP ${m.host} ${loopback}`)).join(', ')}`],
    firefoxPrefs: {},
    proxy: false,
  }),
  viaProxy: () => ({}),
};
