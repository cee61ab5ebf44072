// How each engine is made to reach a host name served locally (certify --viewer-origin): the same
// mapping, written the way each engine accepts it (its module's hostMapping and viaProxy). No system
// DNS change, no response altered.
//   Chromium: --host-resolver-rules, which can rewrite the port too (MAP host:443 127.0.0.1:<port>).
//   Firefox:  network.dns.localDomains when the port stays the same; it has no port mapping, so a
//             port-changing mapping goes through the pass-through proxy (network.proxy.* prefs).
//   WebKitGTK: no host mapping at all: always the pass-through proxy. The standard WebDriver
//             capability `proxy: { proxyType: 'manual', sslProxy }` cannot name it: WebKitWebDriver
//             turns sslProxy into an https:// proxy URI (TLS to the proxy, checked against the
//             system trust store only, so a local proxy fails with "Unacceptable TLS certificate"),
//             and ignores socksProxy. So the capability is `proxyType: 'system'` and the "system"
//             settings are the browser process's own environment (http_proxy / https_proxy, which
//             GLib's proxy resolver reads): per process, no system change. Loopback stays direct,
//             which WebKitWebDriver's own connection to the browser needs.

import type { ProxyRoute } from './proxy.ts';
import { ENGINES } from './registry.ts';
import type { Prefs } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';

/**
 * A host served on loopback. A plain string keeps the port the browser uses (the fixture server's
 * own ports); `{ host, port, to }` sends the browser's `host:port` (e.g. 443, implied by an https
 * origin) to 127.0.0.1:`to` (a port the kernel picked), so the page's origin has no odd port.
 */
export type HostMapping = string | { host: string; port: number; to: number };

export interface EngineMapping {
  /** Names whose certificates the engine must trust (the local CA's leaf for them). */
  extraHosts: string[];
  /** Switches and prefs that map the names (the engine module's hostMapping). */
  switches: string[];
  prefs: Prefs;
  /** Routes for a pass-through proxy, when this engine needs one. */
  proxyRoutes?: ProxyRoute[];
}

const LOOPBACK = '127.0.0.1';

export function engineMapping(engine: EngineName, mappings: HostMapping[]): EngineMapping {
  const all = mappings.map((m) => (typeof m === 'string' ? { host: m } : m));
  const extraHosts = [...new Set(all.map((m) => m.host))];
  const routes: ProxyRoute[] = all.map((m) => ('port' in m ? { host: m.host, port: m.port, to: { host: LOOPBACK, port: m.to } } : { host: m.host, to: { host: LOOPBACK } }));
  const { switches, prefs, proxy } = ENGINES[engine].hostMapping(all, LOOPBACK);
  return { extraHosts, switches, prefs, ...(proxy && { proxyRoutes: routes }) };
}
