// A Playwright browser that runs elsewhere: a browser server (`npm run browser-server`,
// BrowserType.launchServer) or a Playwright-compatible grid, reached with BrowserType.connect.
// Every probe is a new context on that browser: Playwright's connect API gives no persistent
// profile, so such a context is off the record (Chromium blocks third-party cookies in it) and the
// remote side decides which certificates it trusts. The matrix records both (source `remote`,
// profile `ephemeral`), so a remote column never passes for a local one.

import type { Browser } from 'playwright-core';
import { ENGINES } from './registry.ts';
import { settlesWithin } from './hung.ts';
import { type ContextHandle, PlaywrightProbe, firstLine } from './playwright-engine.ts';
import { CONNECT_ENV, endpointLabel } from './remote.ts';
import { type Engine, EngineUnavailableError } from './types.ts';
import type { EngineInfo, EngineName } from '../../contract/engine.ts';


export async function connectPlaywrightEngine(engine: EngineName, wsEndpoint: string, project: string): Promise<Engine> {
  let browser: Browser;
  try {
    browser = await ENGINES[engine].playwright.connect(wsEndpoint, { timeout: 30_000 });
  } catch (error) {
    throw new EngineUnavailableError(
      `${engine}: could not connect to the Playwright browser server ${CONNECT_ENV[engine]}=${endpointLabel(wsEndpoint)}: ${firstLine(error)}. ` +
        `Start one with \`npm run browser-server -- ${engine}\` (it prints the endpoint), or unset ${CONNECT_ENV[engine]} to launch ${engine} here.`,
    );
  }
  const open = new Set<ContextHandle>();
  const newHandle = async (): Promise<ContextHandle> => {
    const context = await browser.newContext();
    const handle: ContextHandle = {
      context,
      close: async () => {
        open.delete(handle);
        await settlesWithin(context.close().catch(() => {}), 10_000);
      },
    };
    open.add(handle);
    return handle;
  };
  const first = await newHandle();
  const userAgent = await first.context.newPage().then(async (page) => (await page.evaluate(() => navigator.userAgent)) as string);
  const info: EngineInfo = {
    project,
    engine,
    browser: ENGINES[engine].product,
    version: browser.version(),
    source: 'remote',
    protocol: ENGINES[engine].remoteProtocol,
    executable: endpointLabel(wsEndpoint),
    // Where the user agent tells (HeadlessChrome); otherwise the browser server knows, we do not.
    headless: ENGINES[engine].headlessFromUserAgent(userAgent),
    profile: 'ephemeral',
    cookiePolicy: `the remote browser's, in a Playwright context without a persistent profile (off the record: Chromium blocks third-party cookies there)`,
  };
  let spare: ContextHandle | undefined = first;
  return {
    info,
    newProbe: async () => {
      const handle = spare ?? (await newHandle());
      spare = undefined;
      return new PlaywrightProbe(handle, () => {}).init();
    },
    close: async () => {
      await Promise.all([...open].map((h) => h.close()));
      await settlesWithin(browser.close().catch(() => {}), 10_000);
    },
  };
}
