// The single entry point: an engine name in, a running Engine (or a loud, actionable error) out.

import { fakeClock } from './clock.ts';
import { type PlaywrightEngineOptions, launchPlaywrightEngine } from './playwright-engine.ts';
import { startPassThroughProxy } from './proxy.ts';
import { type HostMapping, engineMapping, firefoxProxyPrefs, webkitProxySettings } from './proxy-mapping.ts';
import { connectPlaywrightEngine } from './playwright-connect.ts';
import { CONNECT_ENV, remoteEndpoint } from './remote.ts';
import { resolveChannel, resolveEngine } from './resolve.ts';
import { parseProjectName } from './channels.ts';
import { type Engine, EngineUnavailableError } from './types.ts';
import { connectWebDriverEngine, launchWebDriverEngine } from './webdriver-engine.ts';
import type { EngineName } from '../../contract/engine.ts';

export type { HostMapping };

export interface LaunchOptions extends PlaywrightEngineOptions {
  /** Playwright project name, recorded with every result. */
  project?: string;
  /** URLs whose cookies reset() clears where the driver cannot clear all cookies at once. */
  cookieResetUrls?: string[];
  /** WebKit only: a WebDriver proxy capability. */
  proxy?: Record<string, unknown>;
  /**
   * Host names the browser reaches on loopback, with the local CA's leaf for each trusted: how a
   * page is served locally under a real viewer origin (certify --viewer-origin). Chromium:
   * --host-resolver-rules; Firefox: network.dns.localDomains, or the pass-through proxy when the
   * port changes; WebKitGTK: the pass-through proxy (harness/engines/proxy-mapping.ts).
   */
  mapHosts?: HostMapping[];
  /**
   * A clock the harness can move forward (engine.clock, harness/engines/clock.ts): only for @slow
   * scenarios, which get a browser of their own; normal cells never run with it.
   */
  clock?: boolean;
}

export async function launchEngine(name: EngineName, { project = name, cookieResetUrls = [], proxy, mapHosts = [], clock, ...rest }: LaunchOptions = {}): Promise<Engine> {
  // A browser elsewhere (CORS_CONNECT_<ENGINE>): nothing to find or launch here.
  const remote = remoteEndpoint(name);
  if (remote && (mapHosts.length || clock)) {
    const needs = clock ? 'a moved clock' : `mapping host names to the local server (${mapHosts.map((m) => (typeof m === 'string' ? m : m.host)).join(', ')})`;
    throw new EngineUnavailableError(`${name}: ${needs} needs a local browser; unset ${CONNECT_ENV[name]}.`);
  }
  if (remote?.kind === 'playwright') return connectPlaywrightEngine(name, remote.wsEndpoint, project);
  if (remote?.kind === 'webdriver') return connectWebDriverEngine(remote, project, { cookieResetUrls, ...(proxy && { proxy }) });
  // A project named <engine>@<channel> (CORS_ENGINES) runs that channel's build.
  const { channel } = parseProjectName(project);
  const plan = channel ? resolveChannel(name, channel) : resolveEngine(name);
  // What the browser needs running beside it (a moved clock, a pass-through proxy), closed with it.
  const fake = clock ? fakeClock(name) : undefined;
  const mapping = mapHosts.length ? engineMapping(plan.engine, mapHosts) : undefined;
  const passThrough = mapping?.proxyRoutes ? await startPassThroughProxy(mapping.proxyRoutes) : undefined;
  const closeBeside = async () => {
    fake?.close();
    await passThrough?.close();
  };
  if (mapping) {
    rest.extraHosts = [...(rest.extraHosts ?? []), ...mapping.extraHosts];
    rest.chromiumArgs = [...(rest.chromiumArgs ?? []), ...mapping.chromiumArgs];
    rest.firefoxPrefs = { ...rest.firefoxPrefs, ...mapping.firefoxPrefs, ...(passThrough && firefoxProxyPrefs(passThrough.address)) };
  }
  const webkitProxy = passThrough && plan.driver === 'webdriver' ? webkitProxySettings(passThrough.address) : undefined;
  if (webkitProxy) proxy = webkitProxy.capability;
  const env = fake || webkitProxy || rest.env ? { ...rest.env, ...fake?.env, ...webkitProxy?.env } : undefined;
  let engine: Engine;
  try {
    engine =
      plan.driver === 'webdriver'
        ? await launchWebDriverEngine(plan, project, { cookieResetUrls, ...(proxy && { proxy }), ...(env && { env }), ...(rest.extraHosts && { extraHosts: rest.extraHosts }) })
        : await launchPlaywrightEngine(plan, project, { ...rest, ...(env && { env }) });
  } catch (error) {
    await closeBeside();
    throw error;
  }
  if (!fake && !passThrough) return engine;
  return { info: engine.info, newProbe: () => engine.newProbe(), ...(fake && { clock: fake }), close: () => engine.close().finally(closeBeside) };
}
