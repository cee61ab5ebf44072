// `npm run browser-server -- <engine>`: a Playwright browser server (BrowserType.launchServer) for
// the harness on another machine to drive through CORS_CONNECT_<ENGINE>. It runs the same
// executable, channel, switches and prefs as a local launch (playwrightLaunchOptions), so only the
// profile differs: Playwright's connect API gives new contexts, not the profile's own.

import { exitWithUsage, parseOrExit } from '../cli/command.ts';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserServer as PlaywrightBrowserServer } from 'playwright-core';
import { localCa } from '../../fixtures/tls.ts';
import { ENGINES } from './registry.ts';
import { acquireDisplay } from './display.ts';
import { removeProfileDir } from './hung.ts';
import { playwrightLaunchOptions, runsHeaded, underPlaywright } from './playwright-engine.ts';
import { CONNECT_ENV } from './remote.ts';
import { resolveEngine } from './resolve.ts';
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
  const facts = underPlaywright(engine, 'browserServer');
  if (plan.driver !== 'playwright') throw new EngineUnavailableError(`${engine}: no Playwright browser server for a browser Playwright does not drive here (${plan.executable}).`);
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
    facts.prepareProfile?.(profileDir, localCa());
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
  if (facts.checkRunning) {
    // The same check as a local launch (Chromium: shipped features on, trust switch present).
    const browser = await ENGINES[engine].playwright.connect(server.wsEndpoint());
    try {
      await facts.checkRunning(await browser.newContext());
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
  const servable = ENGINE_NAMES.filter((name) => !('unsupported' in ENGINES[name].underPlaywright));
  if (!servable.includes(engine)) exitWithUsage(COMMAND, `name one engine: ${servable.join(' or ')}, got "${engine}"`);
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
