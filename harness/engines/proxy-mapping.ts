// How each engine is made to reach a host name served locally (certify --viewer-origin): the same
// mapping, written the way each engine accepts it. No system DNS change, no response altered.
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
  chromiumArgs: string[];
  firefoxPrefs: Record<string, string | number | boolean>;
  /** Routes for a pass-through proxy, when this engine needs one. */
  proxyRoutes?: ProxyRoute[];
}

const LOOPBACK = '127.0.0.1';

export function engineMapping(engine: EngineName, mappings: HostMapping[]): EngineMapping {
  const all = mappings.map((m) => (typeof m === 'string' ? { host: m } : m));
  const extraHosts = [...new Set(all.map((m) => m.host))];
  const routes: ProxyRoute[] = all.map((m) => ('port' in m ? { host: m.host, port: m.port, to: { host: LOOPBACK, port: m.to } } : { host: m.host, to: { host: LOOPBACK } }));
  const needsProxy = engine === 'webkit' || (engine === 'firefox' && all.some((m) => 'port' in m));
  return {
    extraHosts,
    chromiumArgs: engine === 'chromium' ? [`--host-resolver-rules=${all.map((m) => ('port' in m ? `MAP ${m.host}:${m.port} ${LOOPBACK}:${m.to}` : `MAP ${m.host} ${LOOPBACK}`)).join(', ')}`] : [],
    firefoxPrefs: engine === 'firefox' && !needsProxy ? { 'network.dns.localDomains': extraHosts.join(',') } : {},
    ...(needsProxy && { proxyRoutes: routes }),
  };
}

/** Firefox prefs that send http and https (CONNECT) through the proxy; loopback stays direct, as Firefox ships. */
export function firefoxProxyPrefs({ host, port }: { host: string; port: number }): Record<string, string | number> {
  return { 'network.proxy.type': 1, 'network.proxy.http': host, 'network.proxy.http_port': port, 'network.proxy.ssl': host, 'network.proxy.ssl_port': port };
}

/** WebKitGTK: the standard WebDriver proxy capability (W3C WebDriver §7.1) and the environment it points at. */
export function webkitProxySettings({ host, port }: { host: string; port: number }): { capability: Record<string, unknown>; env: Record<string, string> } {
  const url = `http://${host}:${port}`;
  const direct = 'localhost,127.0.0.1,::1';
  // Both spellings, so a proxy already set in the user's environment cannot take precedence.
  return { capability: { proxyType: 'system' }, env: { http_proxy: url, https_proxy: url, no_proxy: direct, HTTP_PROXY: url, HTTPS_PROXY: url, NO_PROXY: direct } };
}
