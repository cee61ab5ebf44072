// WebKit (WebKitGTK's MiniBrowser over WebKitWebDriver): what is particular to it, in one place
// (harness/engines/types.ts EngineModule).

import { arch } from 'node:os';
import { webkit as playwright } from 'playwright-core';
import { type LocalCa, fixtureLeaf, localCa } from '../../fixtures/tls.ts';
import type { TrustOptions } from './trust.ts';
import { type EngineModule, THIRD_PARTY_ALLOWED } from './types.ts';

const multiarch = arch() === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';

const CONNECT_ENV = 'CORS_CONNECT_WEBKIT';

const WEBKIT_COOKIE_POLICY =
  'WebKitGTK default: WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY (third parties may not set cookies), Intelligent Tracking Prevention off';

export const webkit: EngineModule = {
  name: 'webkit',
  product: 'WebKit',
  playwright,
  install: { playwright: 'npx playwright install webkit', debian: ['webkit2gtk-driver', 'xvfb', 'xauth'] },
  overrideEnv: 'CORS_MINIBROWSER_PATH',
  systemPaths: [`/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${multiarch}/webkit2gtk-4.0/MiniBrowser`, `/usr/libexec/webkit2gtk-4.1/MiniBrowser`],
  // WebKitWebDriver's own override and places (the driver beside the browser).
  system: { driver: 'webdriver', webDriver: { overrideEnv: 'CORS_WEBKIT_DRIVER_PATH', systemPaths: ['/usr/bin/WebKitWebDriver'] } },
  bundledProtocol: 'cdp',
  connectEnv: CONNECT_ENV,
  remoteProtocol: 'cdp',
  // Trust: the WebDriver capability webkitgtk:browserOptions.certificates, per host (webkitCertificates below).
  trustNeedsCertutil: false,
  cookiePolicy: WEBKIT_COOKIE_POLICY,
  // MiniBrowser --help-all: "--cookies-policy=POLICY  Cookies accept policy (always, never, no-third-party). Default: no-third-party",
  // passed through WebKitWebDriver's webkitgtk:browserOptions args.
  // WebKit's MixedContentChecker: loopback http deliberately not potentially trustworthy (webkit.org/b/171934); specs/deviations.ts WEBKIT_LOOPBACK_FETCH.
  loopbackHttpBlocked: { fetch: true, imageAfterRedirect: true },
  thirdPartyCookiesAllowed: { browserArgs: ['--cookies-policy=always'], cookiePolicy: `${THIRD_PARTY_ALLOWED}: MiniBrowser --cookies-policy=always (WEBKIT_COOKIE_POLICY_ACCEPT_ALWAYS), Intelligent Tracking Prevention off` },
  clock: { preload: 'libfaketime', method: 'libfaketime (LD_PRELOAD, FAKETIME_TIMESTAMP_FILE) on WebKitWebDriver, inherited by MiniBrowser and its network process' },
  headedUnderPlaywright: false,
  // No host mapping at all: always the pass-through proxy (proxy-mapping.ts says why the capability is `system`).
  hostMapping: () => ({ switches: [], prefs: {}, proxy: true }),
  viaProxy: ({ host, port }) => {
    const url = `http://${host}:${port}`;
    const direct = 'localhost,127.0.0.1,::1';
    // Both spellings, so a proxy already set in the user's environment cannot take precedence.
    return { capability: { proxyType: 'system' }, env: { http_proxy: url, https_proxy: url, no_proxy: direct, HTTP_PROXY: url, HTTPS_PROXY: url, NO_PROXY: direct } };
  },
  channels: {
    webkitgtk: { browser: 'WebKitGTK MiniBrowser', paths: [`/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${multiarch}/webkit2gtk-4.0/MiniBrowser`], install: '`apt-get install -y webkit2gtk-driver xvfb xauth`' },
  },
  needsDisplay: true,
  // WebKitWebDriver, a Selenium Grid, safaridriver on a Mac.
  remoteWebDriver: true,
  headlessFromUserAgent: () => null,
  underWebDriver: {
    // `certificates`: WebKitGTK accepts the local CA's leaf for the fixture hosts (the https origins).
    capabilities: (binary, trust) => ({ 'webkitgtk:browserOptions': { ...(binary && { binary }), args: ['--automation', ...(trust.browserArgs ?? [])], certificates: webkitCertificates(undefined, trust) } }),
    browserName: 'MiniBrowser',
    product: (browserName) => `WebKitGTK ${browserName}`,
  },
  underPlaywright: {
    unsupported: {
      launch:
        "webkit: Playwright's own WebKit build cannot be told to trust the local CA of the https fixtures (it has no certificate " +
        'store the harness can reach, and ignoring certificate errors would change its behaviour). Use the system WebKitGTK through ' +
        'WebDriver: set CORS_MINIBROWSER_PATH, or remove the Playwright build (`npx playwright uninstall`).',
      browserServer:
        'webkit: no Playwright browser server for the system WebKitGTK (Playwright cannot drive it). Start WebKitWebDriver instead ' +
        `(\`WebKitWebDriver --host=all --port=4444\`) and point ${CONNECT_ENV} at http://<host>:4444.`,
    },
  },
};

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
