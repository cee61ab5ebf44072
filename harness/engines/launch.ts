// The single entry point: an engine name in, a running Engine (or a loud, actionable error) out.

import { fakeClock } from './clock.ts';
import { type PlaywrightEngineOptions, launchPlaywrightEngine } from './playwright-engine.ts';
import { resolveEngine } from './resolve.ts';
import { type Engine, type EngineName, EngineUnavailableError } from './types.ts';
import { launchWebDriverEngine } from './webdriver-engine.ts';

export interface LaunchOptions extends PlaywrightEngineOptions {
  /** Playwright project name, recorded with every result. */
  project?: string;
  /** URLs whose cookies reset() clears where the driver cannot clear all cookies at once. */
  cookieResetUrls?: string[];
  /** WebKit only: a WebDriver proxy capability. */
  proxy?: Record<string, unknown>;
  /**
   * Host names the browser resolves to loopback (the fixture server), with the local CA's leaf for
   * each trusted: how a page is served locally under a real viewer origin (certify --viewer-origin).
   * Chromium: --host-resolver-rules; Firefox: network.dns.localDomains. WebKitGTK has no such
   * switch: it would need a pass-through proxy (not built), so it fails loudly.
   */
  mapHosts?: string[];
  /**
   * A clock the harness can move forward (engine.clock, harness/engines/clock.ts): only for @slow
   * scenarios, which get a browser of their own; normal cells never run with it.
   */
  clock?: boolean;
}

export async function launchEngine(name: EngineName, { project = name, cookieResetUrls = [], proxy, mapHosts = [], clock, ...rest }: LaunchOptions = {}): Promise<Engine> {
  const plan = resolveEngine(name);
  if (clock) return withClock(name, (env) => launchEngine(name, { project, cookieResetUrls, ...(proxy && { proxy }), mapHosts, ...rest, env: { ...rest.env, ...env } }));
  if (mapHosts.length) {
    if (plan.driver === 'webdriver') {
      throw new EngineUnavailableError(
        `webkit: cannot map ${mapHosts.join(', ')} to the local server: WebKitGTK has no host-resolver switch, and the pass-through ` +
          'proxy that would route only those names locally is not built yet. Run without a mapped viewer origin, or with --project chromium/firefox.',
      );
    }
    rest.extraHosts = [...(rest.extraHosts ?? []), ...mapHosts];
    rest.chromiumArgs = [...(rest.chromiumArgs ?? []), `--host-resolver-rules=${mapHosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`];
    rest.firefoxPrefs = { ...rest.firefoxPrefs, 'network.dns.localDomains': mapHosts.join(',') };
  }
  return plan.driver === 'webdriver'
    ? launchWebDriverEngine(plan, project, { cookieResetUrls, ...(proxy && { proxy }), ...(rest.extraHosts && { extraHosts: rest.extraHosts }), ...(rest.env && { env: rest.env }) })
    : launchPlaywrightEngine(plan, project, rest);
}

/** Launches with a fake clock's environment; the engine carries the clock and closes it. */
async function withClock(name: EngineName, launch: (env: Record<string, string>) => Promise<Engine>): Promise<Engine> {
  const clock = fakeClock(name);
  const engine = await launch(clock.env).catch((error: unknown) => {
    clock.close();
    throw error;
  });
  return { info: engine.info, newProbe: () => engine.newProbe(), clock, close: () => engine.close().finally(() => clock.close()) };
}
