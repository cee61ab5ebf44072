// The single entry point: an engine name in, a running Engine (or a loud, actionable error) out.

import { fakeClock } from './clock.ts';
import { type PlaywrightEngineOptions, launchPlaywrightEngine } from './playwright-engine.ts';
import { startPassThroughProxy } from './proxy.ts';
import { type HostMapping, engineMapping } from './proxy-mapping.ts';
import { connectPlaywrightEngine } from './playwright-connect.ts';
import { CONNECT_ENV, type RemoteEndpoint, remoteEndpoint } from './remote.ts';
import { type LaunchPlan, resolveChannel, resolveEngine } from './resolve.ts';
import { ENGINES } from './registry.ts';
import { parseProjectName } from './channels.ts';
import { type Engine, type EngineModule, EngineUnavailableError } from './types.ts';
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
  /**
   * A profile that allows third-party cookies (the engine module's thirdPartyCookiesAllowed): only
   * for the cookie rows' `-3pc-allowed` variants, which get a browser of their own.
   */
  thirdPartyCookies?: boolean;
}

export async function launchEngine(name: EngineName, options: LaunchOptions = {}): Promise<Engine> {
  const project = options.project ?? name;
  // A browser elsewhere (CORS_CONNECT_<ENGINE>): nothing to find or launch here.
  const remote = remoteEndpoint(name);
  if (remote) return connectRemote(name, remote, project, options);
  // A project named <engine>@<channel> (CORS_ENGINES) runs that channel's build.
  const { channel } = parseProjectName(project);
  const plan = channel ? resolveChannel(name, channel) : resolveEngine(name);
  const beside = await startBeside(plan, options);
  let engine: Engine;
  try {
    engine = await launchPlan(plan, project, beside.options);
  } catch (error) {
    await beside.close();
    throw error;
  }
  return beside.around(engine);
}

function connectRemote(name: EngineName, remote: RemoteEndpoint, project: string, { mapHosts = [], clock, thirdPartyCookies, cookieResetUrls = [], proxy }: LaunchOptions): Promise<Engine> {
  if (mapHosts.length || clock || thirdPartyCookies) {
    const needs = clock ? 'a moved clock' : thirdPartyCookies ? 'a profile that allows third-party cookies' : `mapping host names to the local server (${mapHosts.map((m) => (typeof m === 'string' ? m : m.host)).join(', ')})`;
    throw new EngineUnavailableError(`${name}: ${needs} needs a local browser; unset ${CONNECT_ENV[name]}.`);
  }
  if (remote.kind === 'playwright') return connectPlaywrightEngine(name, remote.wsEndpoint, project);
  return connectWebDriverEngine(remote, project, { cookieResetUrls, ...(proxy && { proxy }) });
}

type DriverOptions = Omit<LaunchOptions, 'project' | 'mapHosts' | 'clock' | 'thirdPartyCookies'> & { browserArgs?: string[] };

function launchPlan(plan: LaunchPlan, project: string, { cookieResetUrls = [], proxy, browserArgs, ...rest }: DriverOptions): Promise<Engine> {
  if (plan.driver === 'playwright') return launchPlaywrightEngine(plan, project, rest);
  const { env, extraHosts, extraTrust, cookiePolicy } = rest;
  return launchWebDriverEngine(plan, project, { cookieResetUrls, ...(proxy && { proxy }), ...(env && { env }), ...(extraHosts && { extraHosts }), ...(extraTrust && { extraTrust }), ...(browserArgs && { browserArgs }), ...(cookiePolicy && { cookiePolicy }) });
}

/**
 * What the browser needs running beside it (a moved clock, a pass-through proxy for mapped hosts),
 * the launch options that point it there, and how the engine closes them with it.
 */
async function startBeside(plan: LaunchPlan, { mapHosts = [], clock, thirdPartyCookies, project: _project, ...given }: LaunchOptions) {
  const module = ENGINES[plan.engine];
  const options: DriverOptions = thirdPartyCookies ? withThirdPartyCookies(given, module.thirdPartyCookiesAllowed) : given;
  const fake = clock ? fakeClock(plan.engine) : undefined;
  const mapping = mapHosts.length ? engineMapping(plan.engine, mapHosts) : undefined;
  const passThrough = mapping?.proxyRoutes ? await startPassThroughProxy(mapping.proxyRoutes) : undefined;
  const via = passThrough ? module.viaProxy(passThrough.address) : {};
  // A WebDriver proxy capability only where WebDriver drives the browser.
  const capability = plan.driver === 'webdriver' ? via.capability : undefined;
  const viaEnv = capability ? via.env : undefined;
  const launch: DriverOptions = { ...options, ...(capability && { proxy: capability }) };
  if (mapping) {
    launch.extraHosts = [...(options.extraHosts ?? []), ...mapping.extraHosts];
    launch.switches = [...(options.switches ?? []), ...mapping.switches];
    launch.prefs = { ...options.prefs, ...mapping.prefs, ...via.prefs };
  }
  if (fake || viaEnv || options.env) launch.env = { ...options.env, ...fake?.env, ...viaEnv };
  const close = async () => {
    fake?.close();
    await passThrough?.close();
  };
  const around = (engine: Engine): Engine =>
    fake || passThrough ? { info: engine.info, newProbe: () => engine.newProbe(), ...(fake && { clock: fake }), close: () => engine.close().finally(close) } : engine;
  return { options: launch, close, around };
}

/** The launch options with the engine's third-party-cookies-allowed setting added, and its policy named. */
function withThirdPartyCookies(options: DriverOptions, allowed: EngineModule['thirdPartyCookiesAllowed']): DriverOptions {
  return {
    ...options,
    cookiePolicy: allowed.cookiePolicy,
    ...(allowed.firefoxPrefs && { prefs: { ...options.prefs, ...allowed.firefoxPrefs } }),
    ...(allowed.chromiumProfilePrefs && { chromiumProfilePrefs: allowed.chromiumProfilePrefs }),
    ...(allowed.browserArgs && { browserArgs: allowed.browserArgs }),
  };
}
