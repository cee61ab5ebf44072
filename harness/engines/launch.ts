// The single entry point: an engine name in, a running Engine (or a loud, actionable error) out.

import { type PlaywrightEngineOptions, launchPlaywrightEngine } from './playwright-engine.ts';
import { connectPlaywrightEngine } from './playwright-connect.ts';
import { CONNECT_ENV, remoteEndpoint } from './remote.ts';
import { resolveChannel, resolveEngine } from './resolve.ts';
import { parseProjectName } from './channels.ts';
import { type Engine, type EngineName, EngineUnavailableError } from './types.ts';
import { connectWebDriverEngine, launchWebDriverEngine } from './webdriver-engine.ts';

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
}

export async function launchEngine(name: EngineName, { project = name, cookieResetUrls = [], proxy, mapHosts = [], ...rest }: LaunchOptions = {}): Promise<Engine> {
  // A browser elsewhere (CORS_CONNECT_<ENGINE>): nothing to find or launch here.
  const remote = remoteEndpoint(name);
  if (remote && mapHosts.length) {
    throw new EngineUnavailableError(`${name}: mapping host names to the local server (${mapHosts.join(', ')}) needs a local browser; unset ${CONNECT_ENV[name]}.`);
  }
  if (remote?.kind === 'playwright') return connectPlaywrightEngine(name, remote.wsEndpoint, project);
  if (remote?.kind === 'webdriver') return connectWebDriverEngine(remote, project, { cookieResetUrls, ...(proxy && { proxy }) });
  // A project named <engine>@<channel> (CORS_ENGINES) runs that channel's build.
  const { channel } = parseProjectName(project);
  const plan = channel ? resolveChannel(name, channel) : resolveEngine(name);
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
    ? launchWebDriverEngine(plan, project, { cookieResetUrls, ...(proxy && { proxy }), ...(rest.extraHosts && { extraHosts: rest.extraHosts }) })
    : launchPlaywrightEngine(plan, project, rest);
}
