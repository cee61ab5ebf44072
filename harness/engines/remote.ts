// Browsers on another machine (or another process here): one variable per engine names where it runs.
//   ws:// or wss://     a Playwright browser server (`npm run browser-server`, BrowserType.launchServer,
//                       or any Playwright-compatible grid), reached with BrowserType.connect
//   http:// or https:// a WebDriver remote end (WebKitWebDriver, a Selenium Grid, safaridriver on a Mac);
//                       only for an engine WebDriver drives here (its module's remoteWebDriver)
// Nothing is launched locally for such an engine; the fixture server must be reachable from the
// remote browser (`npm run fixtures -- --host <name>`, CORS_FIXTURE_HOSTS).

import { ENGINES, perEngine } from './registry.ts';
import { EngineUnavailableError } from './types.ts';
import { ENGINE_NAMES, type EngineName } from '../../contract/engine.ts';

export const CONNECT_ENV: Record<EngineName, string> = perEngine((m) => m.connectEnv);

/** JSON merged over the WebDriver capabilities sent to a remote end (e.g. {"browserName":"safari"}). */
export const WEBDRIVER_CAPABILITIES_ENV = 'CORS_WEBDRIVER_CAPABILITIES';

export type RemoteEndpoint =
  | { kind: 'playwright'; engine: EngineName; wsEndpoint: string }
  | { kind: 'webdriver'; engine: EngineName; url: string; capabilities?: Record<string, unknown> };

/** The engines a WebDriver URL may name, for messages ("webkit"). */
const webDriverEngines = () => ENGINE_NAMES.filter((name) => ENGINES[name].remoteWebDriver).join(' or ');

/** The remote endpoint configured for an engine, or undefined to launch it here. Bad values fail loudly. */
export function remoteEndpoint(engine: EngineName, env: NodeJS.ProcessEnv = process.env): RemoteEndpoint | undefined {
  const name = CONNECT_ENV[engine];
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EngineUnavailableError(`${engine}: ${name}=${value} is not a URL; give ws://host:port/… (a Playwright browser server) or, for ${webDriverEngines()}, http://host:port (a WebDriver remote end).`);
  }
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return { kind: 'playwright', engine, wsEndpoint: value };
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!ENGINES[engine].remoteWebDriver) {
      throw new EngineUnavailableError(
        `${engine}: ${name}=${value} is a WebDriver URL, but ${engine} is driven by Playwright here; give the ws:// endpoint of a Playwright browser server (\`npm run browser-server -- ${engine}\` on the remote machine).`,
      );
    }
    return { kind: 'webdriver', engine, url: value.replace(/\/+$/, ''), ...(env[WEBDRIVER_CAPABILITIES_ENV] && { capabilities: parseCapabilities(env[WEBDRIVER_CAPABILITIES_ENV]) }) };
  }
  throw new EngineUnavailableError(`${engine}: ${name}=${value} has scheme ${url.protocol}; use ws:// (Playwright browser server) or http:// (WebDriver, ${webDriverEngines()} only).`);
}

function parseCapabilities(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EngineUnavailableError(`${WEBDRIVER_CAPABILITIES_ENV} is not JSON (${(error as Error).message}); give an object such as {"browserName":"safari"}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EngineUnavailableError(`${WEBDRIVER_CAPABILITIES_ENV} must be a JSON object of capabilities, such as {"browserName":"safari"}.`);
  }
  return parsed as Record<string, unknown>;
}

/** What the matrix records of a remote endpoint: scheme, host and port, never the path (a launchServer path is its only secret). */
export function endpointLabel(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.host}`;
}
