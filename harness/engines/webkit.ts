// WebKit (WebKitGTK's MiniBrowser over WebKitWebDriver): what is particular to it, in one place
// (harness/engines/types.ts EngineModule).

import { arch } from 'node:os';
import { webkit as playwright } from 'playwright-core';
import { type EngineModule, THIRD_PARTY_ALLOWED } from './types.ts';

const multiarch = arch() === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';

/** WebKitWebDriver's own override and places (the driver beside the browser). */
export const WEBKIT_DRIVER = { overrideEnv: 'CORS_WEBKIT_DRIVER_PATH', systemPaths: ['/usr/bin/WebKitWebDriver'] };

export const WEBKIT_COOKIE_POLICY =
  'WebKitGTK default: WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY (third parties may not set cookies), Intelligent Tracking Prevention off';

export const webkit: EngineModule = {
  name: 'webkit',
  product: 'WebKit',
  playwright,
  install: { playwright: 'npx playwright install webkit', debian: ['webkit2gtk-driver', 'xvfb', 'xauth'] },
  overrideEnv: 'CORS_MINIBROWSER_PATH',
  systemPaths: [`/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${multiarch}/webkit2gtk-4.0/MiniBrowser`, `/usr/libexec/webkit2gtk-4.1/MiniBrowser`],
  system: { driver: 'webdriver' },
  bundledProtocol: 'cdp',
  connectEnv: 'CORS_CONNECT_WEBKIT',
  remoteProtocol: 'cdp',
  // Trust: the WebDriver capability webkitgtk:browserOptions.certificates, per host (trust.ts webkitCertificates).
  trustNeedsCertutil: false,
  cookiePolicy: WEBKIT_COOKIE_POLICY,
  // MiniBrowser --help-all: "--cookies-policy=POLICY  Cookies accept policy (always, never, no-third-party). Default: no-third-party",
  // passed through WebKitWebDriver's webkitgtk:browserOptions args.
  thirdPartyCookiesAllowed: { browserArgs: ['--cookies-policy=always'], cookiePolicy: `${THIRD_PARTY_ALLOWED}: MiniBrowser --cookies-policy=always (WEBKIT_COOKIE_POLICY_ACCEPT_ALWAYS), Intelligent Tracking Prevention off` },
  clock: { preload: 'libfaketime', method: 'libfaketime (LD_PRELOAD, FAKETIME_TIMESTAMP_FILE) on WebKitWebDriver, inherited by MiniBrowser and its network process' },
  headedUnderPlaywright: false,
  // No host mapping at all: always the pass-through proxy (proxy-mapping.ts says why the capability is `system`).
  hostMapping: () => ({ chromiumArgs: [], firefoxPrefs: {}, proxy: true }),
  viaProxy: ({ host, port }) => {
    const url = `http://${host}:${port}`;
    const direct = 'localhost,127.0.0.1,::1';
    // Both spellings, so a proxy already set in the user's environment cannot take precedence.
    return { capability: { proxyType: 'system' }, env: { http_proxy: url, https_proxy: url, no_proxy: direct, HTTP_PROXY: url, HTTPS_PROXY: url, NO_PROXY: direct } };
  },
};
