// Where each engine comes from: Playwright's own build when it is installed, else the system one.
// Resolution is pure file-system inspection, so `setup:browsers` and the test fixtures agree on
// what is missing.

import { accessSync, constants, existsSync } from 'node:fs';
import { CHANNELS } from './channels.ts';
import { ENGINES, perEngine } from './registry.ts';
import { hasCertutil } from './trust.ts';
import { EngineUnavailableError } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';

/** `product`: the browser's name when a channel chose it (channels.ts). */
export type LaunchPlan =
  | { driver: 'playwright'; engine: EngineName; source: 'bundled' | 'system'; executable: string; channel?: string; protocol: 'cdp' | 'juggler' | 'webdriver-bidi'; product?: string }
  | { driver: 'webdriver'; engine: EngineName; source: 'system'; executable: string; webDriver: string; product?: string };

/** Environment overrides: point an engine at a specific executable (forces the system path). */
export const OVERRIDE_ENV = perEngine((m) => m.overrideEnv);

/** What to install, per engine: the Playwright build, or the Debian packages. */
export const INSTALL_HINT: Record<EngineName, { playwright: string; debian: string[] }> = perEngine((m) => m.install);

export function installAdvice(engine: EngineName): string {
  const hint = INSTALL_HINT[engine];
  return (
    `Install it with \`npm run setup:browsers\` (does the right thing here), or by hand: ` +
    `\`${hint.playwright}\` where Playwright's download is reachable, otherwise ` +
    `\`apt-get install -y ${hint.debian.join(' ')}\` on Debian/Ubuntu.`
  );
}

export function resolveEngine(engine: EngineName, env: NodeJS.ProcessEnv = process.env): LaunchPlan {
  const module = ENGINES[engine];
  requireTrustTools(engine);
  const overridden = env[module.overrideEnv];
  if (!overridden) {
    const bundled = bundledExecutable(engine);
    if (bundled) return { driver: 'playwright', engine, source: 'bundled', executable: bundled, protocol: module.bundledProtocol };
  }
  const executable = findExecutable(engine, module.systemPaths, overridden ? [overridden, module.overrideEnv] : undefined);
  const system = module.system;
  if (system.driver === 'playwright') return { driver: 'playwright', engine, source: 'system', executable, protocol: system.protocol, ...(system.channel && { channel: system.channel }) };
  const driverOverride = env[system.webDriver.overrideEnv];
  const webDriver = findExecutable(engine, system.webDriver.systemPaths, driverOverride ? [driverOverride, system.webDriver.overrideEnv] : undefined);
  return { driver: 'webdriver', engine, source: 'system', executable, webDriver };
}

/** An engine whose trust needs certutil (Firefox's profile store) fails before launch when it is missing. */
function requireTrustTools(engine: EngineName): void {
  if (ENGINES[engine].trustNeedsCertutil && !hasCertutil()) {
    throw new EngineUnavailableError(`${engine}: certutil is not installed (it makes Firefox trust the https fixtures' local CA). ${installAdvice(engine)}`);
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
  const system = ENGINES[engine].system;
  if (system.driver === 'webdriver') {
    const webDriver = findExecutable(engine, system.webDriver.systemPaths);
    return { driver: 'webdriver', engine, source: 'system', executable, webDriver, product };
  }
  requireTrustTools(engine);
  return { driver: 'playwright', engine, source: 'system', executable, protocol: system.protocol, product, ...(channel.playwrightChannel && { channel: channel.playwrightChannel }) };
}

function bundledExecutable(engine: EngineName): string | undefined {
  const path = ENGINES[engine].playwright.executablePath();
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
