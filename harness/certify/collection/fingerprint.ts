// A service's configuration as seen from Node, cheaply (7 requests, 2 more per path prefix): the
// info.json, one tile and one error (unknown identifier, asked once per path prefix), each with
// and without Origin, the base URI's redirect and a preflight asking for Authorization. Services with equal fingerprints are one configuration: a
// few of them are certified in the engines, the rest share their verdict.

import type { Fingerprint } from '../../../contract/collection.ts';
import { discover } from '../discover.ts';
import type { Evidence } from '../../../contract/certify.ts';
import { Corroborator } from '../evidence.ts';
import { SafeFetch, type SafeFetchLimits, TargetError } from '../safe-fetch.ts';
import { detectServer } from '../servers.ts';
import type { HostRate } from './walk.ts';

/** A SafeFetch whose every request waits its turn on the host's rate. */
class PoliteFetch extends SafeFetch {
  constructor(
    limits: SafeFetchLimits,
    private readonly rate: HostRate,
  ) {
    super(limits);
  }
  override async request(method: 'GET' | 'HEAD' | 'OPTIONS', url: string, headers: Record<string, string> = {}) {
    await this.rate.wait(url);
    return super.request(method, url, headers);
  }
}

const CORS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-headers', 'access-control-allow-methods', 'vary'] as const;
const SHORT: Record<string, string> = { 'access-control-allow-origin': 'acao', 'access-control-allow-credentials': 'acac', 'access-control-allow-headers': 'acah', 'access-control-allow-methods': 'acam', vary: 'vary' };

/** Status and CORS headers, the sent Origin written as <origin> (the viewer's port changes between runs). */
function summarize(e: Evidence, origin: string): string {
  if (e.error) return `no response (${e.error.replace(/\d+(\.\d+)? s/, 'the time limit')})`;
  const parts = CORS_HEADERS.filter((h) => e.headers[h] !== undefined).map((h) => `${SHORT[h]}=${e.headers[h]!.split(origin).join('<origin>')}`);
  const location = e.headers.location ? ` → ${new URL(e.headers.location, e.url).pathname.replace(/[^/]+\/info\.json$/, '{id}/info.json')}` : '';
  return [`${e.status}${location}`, ...parts].join(' ');
}

/** The service URL with its identifier (the last path segment) as {id}. */
export const pathPattern = (service: string) => new URL(service).pathname.replace(/[^/]+$/, '{id}');

export type FingerprintOutcome = { fingerprint: Fingerprint; error?: undefined } | { fingerprint?: undefined; error: string };

/**
 * The unknown-identifier probes depend only on the path under which identifiers live, not on the
 * service: asked once per path prefix and shared by its services (pass one map per run).
 */
export type ErrorProbes = Map<string, Promise<[Evidence, Evidence]>>;

export async function fingerprint(service: string, origin: string, limits: SafeFetchLimits, rate: HostRate, errorProbes: ErrorProbes = new Map()): Promise<FingerprintOutcome> {
  const http = new PoliteFetch({ ...limits, maxRequests: 16 }, rate);
  let target;
  try {
    target = await discover(`${service}/info.json`, http, 1);
  } catch (error) {
    if (error instanceof TargetError) return { error: error.message };
    throw error;
  }
  const node = new Corroborator(http, origin);
  const tile = target.plan.sampled[0]!.url;
  // The unknown identifier is random per run (no cache can answer it); its name is not part of the fingerprint.
  const prefix = target.urls.unknownIdentifier.replace(/cors-certify-missing-[a-z0-9]+\/info\.json$/, '');
  let errors = errorProbes.get(prefix);
  if (!errors) {
    // An answer missing (a slow moment) is not shared: the next service of the prefix asks again.
    errors = Promise.all([node.get(target.urls.unknownIdentifier), node.get(target.urls.unknownIdentifier, {}, null)]).then((pair) => {
      if (pair.some((e) => e.error)) errorProbes.delete(prefix);
      return pair;
    });
    errorProbes.set(prefix, errors);
  }
  const probes: [string, Promise<Evidence>][] = [
    ['info+origin', node.get(target.urls.info)],
    ['info', node.get(target.urls.info, {}, null)],
    ['tile+origin', node.get(tile)],
    ['tile', node.get(tile, {}, null)],
    ['error+origin', errors.then(([withOrigin]) => withOrigin)],
    ['error', errors.then(([, without]) => without)],
    ['base+origin', node.get(target.urls.base)],
    ['preflight', node.preflight(target.urls.info, ['authorization'])],
  ];
  const evidence = await Promise.all(probes.map(([, p]) => p));
  const host = new URL(service).origin;
  return {
    fingerprint: {
      host,
      server: detectServer(evidence).origin,
      pathPattern: pathPattern(target.service.id),
      version: String(target.service.version),
      responses: Object.fromEntries(probes.map(([name], i) => [name, summarize(evidence[i]!, origin)])),
    },
  };
}

/** Equal keys: one configuration. */
export const fingerprintKey = (f: Fingerprint) => JSON.stringify([f.host, f.server, f.pathPattern, f.version, Object.entries(f.responses).sort()]);
