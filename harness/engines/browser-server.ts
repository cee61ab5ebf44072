// `npm run browser-server -- <engine>`: a Playwright browser server (BrowserType.launchServer) for
// the harness on another machine to drive through CORS_CONNECT_<ENGINE>. It runs the same
// executable, channel, switches and prefs as a local launch (playwrightLaunchOptions), so only the
// profile differs: Playwright's connect API gives new contexts, not the profile's own.

import { exitWithUsage, parseOrExit } from '../cli/command.ts';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserServer as PlaywrightBrowserServer, chromium } from 'playwright-core';
import { ENGINES } from './registry.ts';
import { acquireDisplay } from './display.ts';
import { removeProfileDir } from './hung.ts';
import { playwrightLaunchOptions, runsHeaded } from './playwright-engine.ts';
import { CONNECT_ENV } from './remote.ts';
import { resolveEngine } from './resolve.ts';
import { checkChromiumCommandLine } from './shipped-defaults.ts';
import { trustInFirefoxProfile } from './trust.ts';
import { EngineUnavailableError } from './types.ts';
import { ENGINE_NAMES, type EngineName } from '../../contract/engine.ts';
import { COMMAND } from '../cli/browser-server.ts';

export interface BrowserServer {
  engine: EngineName;
  wsEndpoint: string;
  close(): Promise<void>;
}

/** Starts a browser server on `host` (loopback by default) and a port the kernel picks unless `port` is given. */
export async function startBrowserServer(engine: EngineName, { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {}): Promise<BrowserServer> {
  const plan = resolveEngine(engine);
  if (plan.driver !== 'playwright' || engine === 'webkit') {
    throw new EngineUnavailableError(
      `${engine}: no Playwright browser server for the system WebKitGTK (Playwright cannot drive it). Start WebKitWebDriver instead ` +
        `(\`WebKitWebDriver --host=all --port=4444\`) and point ${CONNECT_ENV.webkit} at http://<host>:4444.`,
    );
  }
  const headed = runsHeaded(plan);
  const display = headed ? await acquireDisplay(engine) : undefined;
  // The server's browser gets a profile directory of ours, so Firefox's certificate store holds the
  // local CA (the https fixtures); clients' contexts live in that profile. `_userDataDir` is
  // launchServer's own persistent-profile option in the pinned Playwright 1.64.1 (not in its typings).
  const profileDir = mkdtempSync(join(tmpdir(), `cors-${engine}-server-profile-`));
  const release = async () => {
    await display?.release();
    removeProfileDir(profileDir);
  };
  let server: PlaywrightBrowserServer;
  try {
    if (engine === 'firefox') trustInFirefoxProfile(profileDir);
    const options = { ...playwrightLaunchOptions(plan, headed, display, {}), host, port, _userDataDir: profileDir };
    server = await ENGINES[engine].playwright.launchServer(options);
  } catch (error) {
    await release();
    if (error instanceof EngineUnavailableError) throw error;
    throw new EngineUnavailableError(`${engine} (${plan.executable}) failed to start as a browser server: ${String((error as Error).message).split('\n')[0]}`);
  }
  const close = async () => {
    await server.close();
    await release();
  };
  if (engine === 'chromium') {
    // The same command-line check as a local launch: shipped features on, trust switch present.
    const browser = await chromium.connect(server.wsEndpoint());
    try {
      await checkChromiumCommandLine(await browser.newContext());
    } catch (error) {
      await close();
      throw error;
    } finally {
      await browser.close();
    }
  }
  return { engine, wsEndpoint: server.wsEndpoint(), close };
}

async function main(): Promise<void> {
  const { values, positionals } = parseOrExit(COMMAND);
  const engine = positionals[0] as EngineName;
  if (!ENGINE_NAMES.includes(engine)) exitWithUsage(COMMAND, `name one engine: chromium or firefox, got "${engine}"`);
  const port = values.port ?? 0;
  try {
    const server = await startBrowserServer(engine, { ...(values.host && { host: values.host }), port });
    process.stdout.write(`${CONNECT_ENV[engine]}=${server.wsEndpoint}\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    fail(error instanceof EngineUnavailableError ? error.message : String((error as Error)?.stack ?? error));
  }
}

function fail(message: string): void {
  process.stderr.write(`browser-server: ${message}\n`);
  process.exitCode = 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
