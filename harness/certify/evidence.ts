// Node-side corroboration: what the server answers to the very request a browser failed on (same
// URL, same Origin, same headers, plus the OPTIONS the browser would send first when the request
// is preflighted). The page's TypeError never decides alone: the answer classifies the failure as
// a CORS failure, "not available" (an error status that carries correct CORS headers) or a
// network failure, and names the cause.

import { type AcaoValueCause, acaoProblem } from './acao-value.ts';
import type { CertificateCause } from './tls-words.ts';
import type { MixedContentCause } from './mixed-content.ts';
import type { Evidence } from '../../contract/certify.ts';
import { type SafeFetch, TargetError } from './safe-fetch.ts';

/** The headers a finding quotes. */
// The answer headers kept as evidence (strict-transport-security: collection mode starts fresh probes after it).
const QUOTED = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-headers', 'access-control-allow-methods', 'vary', 'server', 'via', 'location', 'strict-transport-security', 'content-type', 'x-cache', 'x-varnish', 'cf-ray', 'x-amz-cf-id', 'x-amz-request-id', 'x-served-by', 'x-powered-by'];

export type Resource = 'json' | 'image';
export type Cause =
  | 'no-acao'
  | 'no-acao-on-images'
  | 'no-acao-on-json'
  | 'errors-without-acao'
  | 'redirects-without-acao'
  | 'preflight-not-answered'
  | 'preflight-without-acao'
  | 'preflight-allow-headers'
  | AcaoValueCause
  | CertificateCause
  | MixedContentCause
  | 'echo-without-vary'
  | 'acao-only-with-origin'
  | 'any-origin-with-credentials'
  | 'wildcard-with-credentials'
  | 'null-origin-trusted'
  | 'loose-origin-match'
  | 'authorization-via-wildcard'
  | 'origin-reflected'
  | 'origin-not-allowed'
  | 'browser-only';

/** `mixed`: the browser refused an http URL from an https page before any CORS check (mixed-content.ts). */
export type Classification = { kind: 'mixed'; cause: MixedContentCause; detail: string } | { kind: 'cors'; cause: Cause; detail: string } | { kind: 'unavailable'; detail: string } | { kind: 'network'; detail: string };

/** The first successful answers for info.json and a tile: what "ACAO on JSON / on images" means for this server. */
export interface Baseline {
  json: Evidence;
  image: Evidence;
}

export const acaoOf = (e: Evidence) => e.headers['access-control-allow-origin'];
export const acaoOk = (e: Evidence, origin: string) => acaoOf(e) === '*' || acaoOf(e) === origin;
export const statusText = (e: Evidence) => (e.error ? `no response (${e.error})` : `${e.status}`);
export const varies = (e: Evidence) => (e.headers.vary ?? '').split(',').some((v) => ['origin', '*'].includes(v.trim().toLowerCase()));

/**
 * An allow-list without this origin: no ACAO, an answer that varies on Origin, and neither info.json
 * nor a tile allowed it. (A server that lacks ACAO for everyone sends no Vary: Origin.)
 */
export function refusedByAllowList(e: Evidence, origin: string, baseline: Baseline): boolean {
  return !acaoOf(e) && varies(e) && !acaoOk(baseline.json, origin) && !acaoOk(baseline.image, origin);
}

const notAllowed = (e: Evidence, origin: string): Classification => ({
  kind: 'cors',
  cause: 'origin-not-allowed',
  detail: `${e.method === 'OPTIONS' ? 'OPTIONS answered ' : ''}${e.status} without ACAO for Origin ${origin}, with Vary: Origin (the server allows only listed origins)`,
});

/** Request headers a browser would preflight (everything but a safelisted Accept without quotes). */
export function preflightedHeaders(headers: Record<string, string> = {}): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => !(name.toLowerCase() === 'accept' && !/["():<>?@[\\\]{}]/.test(value)))
    .map(([name]) => name.toLowerCase())
    .sort();
}

export class Corroborator {
  private readonly cache = new Map<string, Promise<Evidence>>();
  constructor(
    private readonly http: SafeFetch,
    readonly origin: string,
  ) {}

  get requestsMade(): number {
    return this.http.requestsMade;
  }

  /** One request, memoised: three engines failing on one URL cost one node-side request. */
  send(method: 'GET' | 'OPTIONS', url: string, request: Record<string, string>): Promise<Evidence> {
    const key = `${method} ${url} ${JSON.stringify(request)}`;
    if (!this.cache.has(key)) {
      this.cache.set(
        key,
        this.http.request(method, url, request).then(
          (r) => ({ method, url, request, status: r.status, headers: Object.fromEntries(QUOTED.flatMap((h) => (r.headers.has(h) ? [[h, r.headers.get(h)!]] : []))) }),
          (error: unknown) => {
            if (!(error instanceof TargetError)) throw error;
            return { method, url, request, headers: {}, error: error.message.replace(/^\S+ \S+: /, '') };
          },
        ),
      );
    }
    return this.cache.get(key)!;
  }

  get(url: string, headers: Record<string, string> = {}, origin: string | null = this.origin): Promise<Evidence> {
    return this.send('GET', url, { ...(origin === null ? {} : { Origin: origin }), ...headers });
  }

  preflight(url: string, headers: string[], origin = this.origin): Promise<Evidence> {
    return this.send('OPTIONS', url, { Origin: origin, 'Access-Control-Request-Method': 'GET', ...(headers.length ? { 'Access-Control-Request-Headers': headers.join(',') } : {}) });
  }

  /** Every request the corroborator has sent, for --json and --verbose. */
  async all(): Promise<Evidence[]> {
    return Promise.all(this.cache.values());
  }

  /** Same request as the browser's; classifies why it failed (or that it did not, from Node). */
  async classify(url: string, resource: Resource, headers: Record<string, string> | undefined, baseline: Baseline, afterPlainLoad = false): Promise<{ classification: Classification; evidence: Evidence[] }> {
    const evidence: Evidence[] = [];
    if (afterPlainLoad) {
      // The browser cached the plain <img> answer (no Origin sent) and reused it for the CORS load.
      const [bare, withOrigin] = [await this.get(url, {}, null), await this.get(url)];
      const cachedWithout = !acaoOf(withOrigin) && withOrigin.status! < 300 && acaoOk(baseline.image, this.origin);
      if (!acaoOf(bare) && (cachedWithout || (acaoOk(withOrigin, this.origin) && !varies(withOrigin)))) {
        return { classification: { kind: 'cors', cause: 'acao-only-with-origin', detail: `${withOrigin.status} with ACAO only when Origin is sent, no Vary: Origin` }, evidence: [bare, withOrigin] };
      }
    }
    // The browser follows redirects (fetch and <img> alike), so Node does too, hop by hop: a 303
    // that carries ACAO to an info.json that does not is the info.json's failure, not the redirect's.
    // After a cross-origin hop the browser sends Origin: null (Fetch, "tainted origin").
    const needed = preflightedHeaders(headers);
    let [current, origin] = [url, this.origin];
    for (let hop = 0; ; hop++) {
      if (needed.length) {
        const pre = await this.preflight(current, needed, origin);
        evidence.push(pre);
        const c = judgePreflight(pre, needed, origin, baseline);
        if (c) return { classification: c, evidence };
      }
      const get = await this.get(current, headers, origin);
      evidence.push(get);
      const location = get.headers.location;
      // A redirect to something that is not a URL is a network error in the browser, not a CORS one.
      if (location && get.status! >= 300 && get.status! < 400 && !URL.canParse(location, current)) return { classification: { kind: 'network', detail: `GET ${current} answered ${get.status} with Location "${location}", which is not a URL` }, evidence };
      if (hop >= 10 || !location || get.status! < 300 || get.status! >= 400 || !acaoOk(get, origin)) {
        const c = judgeResponse(get, resource, origin, baseline);
        return { classification: hop ? { ...c, detail: `${c.detail} (at ${current}, after ${hop} redirect${hop > 1 ? 's' : ''}, Origin ${origin})` } : c, evidence };
      }
      const next = new URL(location, current);
      if (next.origin !== new URL(current).origin) origin = 'null';
      current = next.href;
    }
  }
}

export function judgePreflight(pre: Evidence, needed: string[], origin: string, baseline: Baseline): Classification | null {
  if (pre.error) return { kind: 'network', detail: `OPTIONS ${statusText(pre)}` };
  const ok = pre.status! >= 200 && pre.status! < 300;
  if (ok && refusedByAllowList(pre, origin, baseline)) return notAllowed(pre, origin);
  if (!ok) return { kind: 'cors', cause: 'preflight-not-answered', detail: `OPTIONS answered ${pre.status}${acaoOf(pre) ? '' : ' without ACAO'}` };
  if (!acaoOk(pre, origin)) {
    const acao = acaoOf(pre);
    if (acao === undefined) return { kind: 'cors', cause: 'preflight-without-acao', detail: `OPTIONS answered ${pre.status}, ACAO missing` };
    const problem = acaoProblem(acao, origin);
    return { kind: 'cors', cause: problem.cause, detail: `OPTIONS answered ${pre.status}: ACAO ${problem.what}` };
  }
  const allowed = (pre.headers['access-control-allow-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const missing = needed.filter((h) => !allowed.includes(h) && !(allowed.includes('*') && h !== 'authorization'));
  if (missing.length) return { kind: 'cors', cause: 'preflight-allow-headers', detail: `OPTIONS answered ${pre.status}, Access-Control-Allow-Headers ${pre.headers['access-control-allow-headers'] ?? 'missing'} (needs ${missing.join(', ')})` };
  return null;
}

export function judgeResponse(get: Evidence, resource: Resource, origin: string, baseline: Baseline): Classification {
  if (get.error) return { kind: 'network', detail: `GET ${statusText(get)}` };
  const status = get.status!;
  const acao = acaoOf(get);
  if (acaoOk(get, origin)) {
    if (status >= 400) return { kind: 'unavailable', detail: `${status} with ACAO ${acao}` };
    return { kind: 'cors', cause: 'browser-only', detail: `Node got ${status} with ACAO ${acao}; the browser did not (intermittent, or a cached response)` };
  }
  if (acao !== undefined) {
    const problem = acaoProblem(acao, origin);
    return { kind: 'cors', cause: problem.cause, detail: `${status}: ACAO ${problem.what}` };
  }
  if (refusedByAllowList(get, origin, baseline)) return notAllowed(get, origin);
  if (status >= 300 && status < 400) return { kind: 'cors', cause: 'redirects-without-acao', detail: `${status} redirect without ACAO` };
  // A server that echoes the Origin without Vary: a cache served this response made for another request.
  const echoes = [baseline.json, baseline.image].some((b) => acaoOf(b) === origin && origin !== '*' && !varies(b));
  if (echoes && status < 300) return { kind: 'cors', cause: 'echo-without-vary', detail: `${status} without ACAO, though the server echoes the Origin elsewhere (without Vary)` };
  const jsonOk = acaoOk(baseline.json, origin);
  const imageOk = acaoOk(baseline.image, origin);
  if (!jsonOk && !imageOk) return { kind: 'cors', cause: 'no-acao', detail: `${status} without ACAO` };
  if (resource === 'image' && !imageOk) return { kind: 'cors', cause: 'no-acao-on-images', detail: `${status} without ACAO` };
  if (resource === 'json' && !jsonOk) return { kind: 'cors', cause: 'no-acao-on-json', detail: `${status} without ACAO` };
  if (status >= 400) return { kind: 'cors', cause: 'errors-without-acao', detail: `${status} without ACAO` };
  return { kind: 'cors', cause: resource === 'image' ? 'no-acao-on-images' : 'no-acao-on-json', detail: `${status} without ACAO (other ${resource === 'image' ? 'tiles' : 'JSON'} have it)` };
}
