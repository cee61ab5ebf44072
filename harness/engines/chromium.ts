// Chromium: what is particular to it, in one place (harness/engines/types.ts EngineModule).

import { type BrowserContext, chromium as playwright } from 'playwright-core';
import { type LocalCa, fixtureLeaf, localCa } from '../../fixtures/tls.ts';
import type { TrustOptions } from './trust.ts';
import { type Channel, type EngineModule, EngineUnavailableError, THIRD_PARTY_ALLOWED } from './types.ts';

/** Chromium's own background traffic would reach no fixture and only add noise. */
const CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update'];

const GOOGLE = 'Google\'s package from https://www.google.com/chrome/ (or `npx playwright install';
const MICROSOFT = 'Microsoft\'s package from https://www.microsoft.com/edge (or `npx playwright install';

const channels: Record<string, Channel> = {
  chromium: { browser: 'Chromium', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], install: '`apt-get install -y chromium`' },
  chrome: { browser: 'Google Chrome', paths: ['/opt/google/chrome/chrome'], playwrightChannel: 'chrome', install: `google-chrome-stable: ${GOOGLE} chrome\`)` },
  'chrome-beta': { browser: 'Google Chrome Beta', paths: ['/opt/google/chrome-beta/chrome'], playwrightChannel: 'chrome-beta', install: `google-chrome-beta: ${GOOGLE} chrome-beta\`)` },
  'chrome-dev': { browser: 'Google Chrome Dev', paths: ['/opt/google/chrome-unstable/chrome'], playwrightChannel: 'chrome-dev', install: `google-chrome-unstable: ${GOOGLE} chrome-dev\`)` },
  msedge: { browser: 'Microsoft Edge', paths: ['/opt/microsoft/msedge/msedge'], playwrightChannel: 'msedge', install: `microsoft-edge-stable: ${MICROSOFT} msedge\`)` },
  'msedge-beta': { browser: 'Microsoft Edge Beta', paths: ['/opt/microsoft/msedge-beta/msedge'], playwrightChannel: 'msedge-beta', install: `microsoft-edge-beta: ${MICROSOFT} msedge-beta\`)` },
  'msedge-dev': { browser: 'Microsoft Edge Dev', paths: ['/opt/microsoft/msedge-dev/msedge'], playwrightChannel: 'msedge-dev', install: `microsoft-edge-dev: ${MICROSOFT} msedge-dev\`)` },
};

// Browsers as shipped, not as automation tools configure them. Playwright 1.64.1 disables some
// Chromium features that change what a web page meets (HTTPS upgrades, third-party storage
// partitioning, CORS redirect handling); those are given back here, the rest of Playwright's list
// (UI, update and telemetry noise) is kept. The launched command line is read back from
// chrome://version, so a Playwright upgrade that changes its list fails loudly instead of silently.

/** Playwright 1.64.1's `--disable-features` list (chromiumSwitches.ts), in its order. */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'DialMediaRouteProvider', 'GlobalMediaControls',
  'HttpsUpgrades', 'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning',
  'BlockOriginHeaderModificationOnRedirect', 'AvoidCorsURLLoaderRestartOnRedirect', 'Translate', 'AutoDeElevate',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/** Features Chromium ships enabled that change web-facing behaviour: left as shipped. */
export const SHIPPED_FEATURES = ['HttpsUpgrades', 'ThirdPartyStoragePartitioning', 'BlockOriginHeaderModificationOnRedirect', 'AvoidCorsURLLoaderRestartOnRedirect'];

export function chromiumShippedFeatureArgs(): { ignoreDefaultArgs: string[]; args: string[] } {
  const kept = PLAYWRIGHT_DISABLED_FEATURES.filter((f) => !SHIPPED_FEATURES.includes(f));
  return { ignoreDefaultArgs: [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`], args: [`--disable-features=${kept.join(',')}`] };
}

/** Reads the running Chromium's command line and fails if a shipped feature is still disabled or trust is missing. */
export async function checkChromiumCommandLine(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('chrome://version');
  const commandLine = (await page.locator('#command_line').textContent()) ?? '';
  const disabled = [...commandLine.matchAll(/--disable-features=(\S+)/g)].flatMap((m) => m[1]!.split(','));
  const stillDisabled = SHIPPED_FEATURES.filter((f) => disabled.includes(f));
  if (stillDisabled.length || !commandLine.includes('--ignore-certificate-errors-spki-list=')) {
    throw new EngineUnavailableError(
      `chromium: the launched command line ${stillDisabled.length ? `still disables ${stillDisabled.join(', ')}` : 'lacks --ignore-certificate-errors-spki-list'} ` +
        `(Playwright's default switches changed?). Update PLAYWRIGHT_DISABLED_FEATURES in harness/engines/chromium.ts. Command line: ${commandLine.slice(0, 600)}`,
    );
  }
}

/** Trust: the SPKI hashes of the local CA and the leaves it issued, for the fixture hosts and any extra host. */
export function chromiumTrustArgs(ca: LocalCa = localCa(), { extraHosts = [], extraTrust }: TrustOptions = {}): string[] {
  const leaves = [...new Set([ca.fixtures, fixtureLeaf(ca), ...(extraHosts.length ? [ca.leafFor(extraHosts)] : [])])];
  const verified = [...new Set(extraTrust?.leaves.map((l) => l.spkiHash) ?? [])];
  return [`--ignore-certificate-errors-spki-list=${[...leaves.map((l) => l.spkiHash), ca.caSpkiHash, ...verified].join(',')}`];
}

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
  // Trust: --ignore-certificate-errors-spki-list for the local CA's leaves (chromiumTrustArgs above).
  trustNeedsCertutil: false,
  cookiePolicy:
    'shipped default (no cookie setting changed in the profile; Debian Chromium 156 blocks third-party cookies with it, CDP blockedReasons "UserPreferences"); ' +
    `features Playwright disables that change web behaviour re-enabled (${SHIPPED_FEATURES.join(', ')})`,
  // profile.cookie_controls_mode 0 = allow third-party cookies (1 blocks them, 2 blocks them in Incognito):
  // the pref chrome://settings/cookies writes, in the profile's Default/Preferences before launch.
  loopbackHttpBlocked: { fetch: false, imageAfterRedirect: false },
  thirdPartyCookiesAllowed: {
    chromiumProfilePrefs: { profile: { cookie_controls_mode: 0 } },
    cookiePolicy: `${THIRD_PARTY_ALLOWED}: profile preference profile.cookie_controls_mode=0 (chrome://settings/cookies "Allow third-party cookies")`,
  },
  clock: { preload: 'libfaketime', method: 'libfaketime (LD_PRELOAD, FAKETIME_TIMESTAMP_FILE) inherited by the network service' },
  headedUnderPlaywright: false,
  // --host-resolver-rules can rewrite the port too (MAP host:443 127.0.0.1:<port>).
  hostMapping: (hosts, loopback) => ({
    switches: [`--host-resolver-rules=${hosts.map((m) => (m.port !== undefined ? `MAP ${m.host}:${m.port} ${loopback}:${m.to}` : `MAP ${m.host} ${loopback}`)).join(', ')}`],
    prefs: {},
    proxy: false,
  }),
  viaProxy: () => ({}),
  channels,
  needsDisplay: false,
  remoteWebDriver: false,
  // Only Chromium tells (HeadlessChrome in its user agent).
  headlessFromUserAgent: (userAgent) => /Headless/.test(userAgent),
  underPlaywright: {
    options: (ca, extras) => {
      const shipped = chromiumShippedFeatureArgs();
      return { args: [...CHROMIUM_ARGS, ...shipped.args, ...chromiumTrustArgs(ca, extras), ...(extras.switches ?? [])], ignoreDefaultArgs: shipped.ignoreDefaultArgs };
    },
    // Shipped features on and the trust switch present, read back from chrome://version.
    checkRunning: checkChromiumCommandLine,
    product: () => 'Chromium',
  },
};
