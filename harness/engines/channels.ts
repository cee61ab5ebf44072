// Browser channels: several builds of one engine in one matrix, each its own Playwright project
// named `<engine>@<channel>` (CORS_ENGINES=chromium,chromium@chrome-beta,firefox@moz-firefox-nightly).
// A channel names a build, where it is installed (Linux paths as Playwright 1.64.1 looks for them)
// and what to install when it is not; a project without `@` keeps the default resolution
// (resolve.ts: Playwright's build, else the distribution's).

import type { EngineName } from '../../contract/engine.ts';

export interface Channel {
  /** Product name recorded in run.engines. */
  browser: string;
  /** Where it is installed, first found wins. */
  paths: string[];
  /** Playwright's `channel` launch option (Firefox channels are driven over WebDriver BiDi). */
  playwrightChannel?: string;
  /** What to do when it is not installed. */
  install: string;
}

const multiarch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
const GOOGLE = 'Google\'s package from https://www.google.com/chrome/ (or `npx playwright install';
const MICROSOFT = 'Microsoft\'s package from https://www.microsoft.com/edge (or `npx playwright install';

export const CHANNELS: Record<EngineName, Record<string, Channel>> = {
  chromium: {
    chromium: { browser: 'Chromium', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], install: '`apt-get install -y chromium`' },
    chrome: { browser: 'Google Chrome', paths: ['/opt/google/chrome/chrome'], playwrightChannel: 'chrome', install: `google-chrome-stable: ${GOOGLE} chrome\`)` },
    'chrome-beta': { browser: 'Google Chrome Beta', paths: ['/opt/google/chrome-beta/chrome'], playwrightChannel: 'chrome-beta', install: `google-chrome-beta: ${GOOGLE} chrome-beta\`)` },
    'chrome-dev': { browser: 'Google Chrome Dev', paths: ['/opt/google/chrome-unstable/chrome'], playwrightChannel: 'chrome-dev', install: `google-chrome-unstable: ${GOOGLE} chrome-dev\`)` },
    msedge: { browser: 'Microsoft Edge', paths: ['/opt/microsoft/msedge/msedge'], playwrightChannel: 'msedge', install: `microsoft-edge-stable: ${MICROSOFT} msedge\`)` },
    'msedge-beta': { browser: 'Microsoft Edge Beta', paths: ['/opt/microsoft/msedge-beta/msedge'], playwrightChannel: 'msedge-beta', install: `microsoft-edge-beta: ${MICROSOFT} msedge-beta\`)` },
    'msedge-dev': { browser: 'Microsoft Edge Dev', paths: ['/opt/microsoft/msedge-dev/msedge'], playwrightChannel: 'msedge-dev', install: `microsoft-edge-dev: ${MICROSOFT} msedge-dev\`)` },
  },
  firefox: {
    'moz-firefox': { browser: 'Firefox', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'], playwrightChannel: 'moz-firefox', install: '`apt-get install -y firefox-esr` (Debian) or Mozilla\'s firefox package' },
    'moz-firefox-beta': { browser: 'Firefox Beta', paths: ['/opt/firefox-beta/firefox'], playwrightChannel: 'moz-firefox-beta', install: 'Firefox Beta from https://www.mozilla.org/firefox/channel/desktop/, unpacked to /opt/firefox-beta' },
    'moz-firefox-nightly': { browser: 'Firefox Nightly', paths: ['/opt/firefox-nightly/firefox'], playwrightChannel: 'moz-firefox-nightly', install: 'Firefox Nightly (Mozilla\'s firefox-nightly package, or the tarball unpacked to /opt/firefox-nightly)' },
  },
  webkit: {
    webkitgtk: { browser: 'WebKitGTK MiniBrowser', paths: [`/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${multiarch}/webkit2gtk-4.0/MiniBrowser`], install: '`apt-get install -y webkit2gtk-driver xvfb xauth`' },
  },
};

export interface ProjectChoice {
  /** The Playwright project name: the engine, or `<engine>@<channel>`. */
  name: string;
  engine: EngineName;
  channel?: string;
}

/** `chromium@chrome-beta` → engine chromium, channel chrome-beta; a bare engine name has no channel. */
export function parseProjectName(name: string): { engine: string; channel?: string } {
  const at = name.indexOf('@');
  return at < 0 ? { engine: name } : { engine: name.slice(0, at), channel: name.slice(at + 1) };
}

export function channelNames(engine: EngineName): string[] {
  return Object.keys(CHANNELS[engine]);
}
