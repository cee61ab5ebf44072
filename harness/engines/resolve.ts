// Where each engine comes from: Playwright's own build when it is installed, else the system one.
// Resolution is pure file-system inspection, so `setup:browsers` and the test fixtures agree on
// what is missing.

import { accessSync, constants, existsSync } from 'node:fs';
import { arch } from 'node:os';
import { chromium, firefox, webkit } from 'playwright-core';
import { CHANNELS } from './channels.ts';
import { hasCertutil } from './trust.ts';
import { EngineUnavailableError } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';

/** `product`: the browser's name when a channel chose it (channels.ts). */
export type LaunchPlan =
  | { driver: 'playwright'; engine: EngineName; source: 'bundled' | 'system'; executable: string; channel?: string; protocol: 'cdp' | 'juggler' | 'webdriver-bidi'; product?: string }
  | { driver: 'webdriver'; engine: 'webkit'; source: 'system'; executable: string; webDriver: string; product?: string };

/** Environment overrides: point an engine at a specific executable (forces the system path). */
export const OVERRIDE_ENV = {
  chromium: 'CORS_CHROMIUM_PATH',
  firefox: 'CORS_FIREFOX_PATH',
  webkit: 'CORS_MINIBROWSER_PATH',
  webkitDriver: 'CORS_WEBKIT_DRIVER_PATH',
} as const;

/** What to install, per engine: the Playwright build, or the Debian packages. */
export const INSTALL_HINT: Record<EngineName, { playwright: string; debian: string[] }> = {
  chromium: { playwright: 'npx playwright install chromium', debian: ['chromium'] },
  // libnss3-tools: certutil, which puts the local CA into the Firefox profile (https fixtures).
  firefox: { playwright: 'npx playwright install firefox', debian: ['firefox-esr', 'xvfb', 'xauth', 'libnss3-tools'] },
  webkit: { playwright: 'npx playwright install webkit', debian: ['webkit2gtk-driver', 'xvfb', 'xauth'] },
};

const multiarch = arch() === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
const SYSTEM_PATHS = {
  chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
  firefox: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
  webkit: [`/usr/lib/${multiarch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${multiarch}/webkit2gtk-4.0/MiniBrowser`, `/usr/libexec/webkit2gtk-4.1/MiniBrowser`],
  webkitDriver: ['/usr/bin/WebKitWebDriver'],
};

export function installAdvice(engine: EngineName): string {
  const hint = INSTALL_HINT[engine];
  return (
    `Install it with \`npm run setup:browsers\` (does the right thing here), or by hand: ` +
    `\`${hint.playwright}\` where Playwright's download is reachable, otherwise ` +
    `\`apt-get install -y ${hint.debian.join(' ')}\` on Debian/Ubuntu.`
  );
}

export function resolveEngine(engine: EngineName, env: NodeJS.ProcessEnv = process.env): LaunchPlan {
  if (engine === 'firefox' && !hasCertutil()) {
    throw new EngineUnavailableError(`firefox: certutil is not installed (it makes Firefox trust the https fixtures' local CA). ${installAdvice('firefox')}`);
  }
  const overridden = env[OVERRIDE_ENV[engine]];
  if (!overridden) {
    const bundled = bundledExecutable(engine);
    if (bundled) {
      return { driver: 'playwright', engine, source: 'bundled', executable: bundled, protocol: engine === 'firefox' ? 'juggler' : 'cdp' };
    }
  }
  const executable = findExecutable(engine, SYSTEM_PATHS[engine], overridden ? [overridden, OVERRIDE_ENV[engine]] : undefined);
  switch (engine) {
    case 'chromium':
      return { driver: 'playwright', engine, source: 'system', executable, protocol: 'cdp' };
    case 'firefox':
      // Stock Firefox is driven over WebDriver BiDi; executablePath alone would hang (playwright#2623).
      return { driver: 'playwright', engine, source: 'system', executable, channel: 'moz-firefox', protocol: 'webdriver-bidi' };
    case 'webkit': {
      const driverOverride = env[OVERRIDE_ENV.webkitDriver];
      const webDriver = findExecutable(engine, SYSTEM_PATHS.webkitDriver, driverOverride ? [driverOverride, OVERRIDE_ENV.webkitDriver] : undefined);
      return { driver: 'webdriver', engine, source: 'system', executable, webDriver };
    }
  }
}

/** The build a channel names (`chromium@chrome-beta`), or a loud error naming what to install. */
export function resolveChannel(engine: EngineName, channelName: string): LaunchPlan {
  const channel = CHANNELS[engine][channelName];
  if (!channel) throw new EngineUnavailableError(`${engine}: no channel "${channelName}"; ${engine} channels are ${Object.keys(CHANNELS[engine]).join(', ')}.`);
  const executable = channel.paths.find(isExecutable);
  if (!executable) {
    throw new EngineUnavailableError(
      `${engine}@${channelName}: ${channel.browser} is not installed (looked for ${channel.paths.join(', ')}). Install ${channel.install}, or drop ${engine}@${channelName} from CORS_ENGINES.`,
    );
  }
  const product = executable.endsWith('-esr') ? `${channel.browser} ESR` : channel.browser;
  if (engine === 'webkit') {
    const webDriver = findExecutable(engine, SYSTEM_PATHS.webkitDriver);
    return { driver: 'webdriver', engine, source: 'system', executable, webDriver, product };
  }
  if (engine === 'firefox' && !hasCertutil()) {
    throw new EngineUnavailableError(`firefox: certutil is not installed (it makes Firefox trust the https fixtures' local CA). ${installAdvice('firefox')}`);
  }
  const protocol = engine === 'firefox' ? 'webdriver-bidi' : 'cdp';
  return { driver: 'playwright', engine, source: 'system', executable, protocol, product, ...(channel.playwrightChannel && { channel: channel.playwrightChannel }) };
}

function bundledExecutable(engine: EngineName): string | undefined {
  const path = { chromium, firefox, webkit }[engine].executablePath();
  return path && isExecutable(path) ? path : undefined;
}

function findExecutable(engine: EngineName, candidates: string[], override?: [path: string, envName: string]): string {
  if (override) {
    const [path, envName] = override;
    if (isExecutable(path)) return path;
    throw new EngineUnavailableError(
      `${engine}: ${envName}=${path} is not an executable file. Fix or unset ${envName}. ${installAdvice(engine)}`,
    );
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new EngineUnavailableError(
    `${engine} is not installed: no Playwright build and none of ${candidates.join(', ')}. ${installAdvice(engine)}`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return existsSync(path);
  } catch {
    return false;
  }
}
