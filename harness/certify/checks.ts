// The certification checks, as a table. Browser checks are actions a viewer really performs, run
// in every engine from the local viewer origin; node checks send forged or bare requests that a
// page cannot (security probes, per-hop redirect headers) and run once.

import type { ResolvedAction } from '../scenarios/targets.ts';
import type { Observation } from '../scenarios/types.ts';
import type { Target } from './discover.ts';
import type { Problem } from './fixes.ts';
import { type SafeFetch, type SafeResponse, TargetError } from './safe-fetch.ts';

export type Status = 'pass' | 'warn' | 'fail' | 'n/a';
export interface Outcome {
  status: Status;
  observed: string;
}

interface CheckBase {
  id: string;
  title: string;
  /** What to fix when this check fails or warns. */
  problem: Problem;
}

export interface BrowserCheck extends CheckBase {
  kind: 'browser';
  applies?: (t: Target) => boolean;
  action: (t: Target) => ResolvedAction;
  judge: (o: Observation) => Outcome;
}

export interface NodeCheck extends CheckBase {
  kind: 'node';
  run: (t: Target, http: SafeFetch, probe: ProbeOrigins) => Promise<Outcome>;
}

export type Check = BrowserCheck | NodeCheck;

/** Origins the node checks claim to be: a plausible viewer, an attacker, and origins the server means to trust. */
export interface ProbeOrigins {
  viewer: string;
  attacker: string;
  trusted: string[];
}

const IIIF3_ACCEPT = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
const IIIF2_ACCEPT = 'application/ld+json;profile="http://iiif.io/api/image/2/context.json"';
const TIMEOUT_MS = 10_000;

const fetchAction = (url: string, headers?: Record<string, string>): ResolvedAction => ({ kind: 'fetch', url, headers, timeoutMs: TIMEOUT_MS });
const imageAction = (url: string): ResolvedAction => ({ kind: 'image', url, crossOrigin: 'anonymous', use: ['2d', 'webgl'], timeoutMs: TIMEOUT_MS });

function describe(o: Observation): string {
  if (o.result === 'blocked') return `not readable: ${o.error ?? 'network error'} (CORS check failed, or no response)`;
  if (o.result === 'readable') return `readable, status ${o.status}${o.redirected ? ' after a redirect' : ''}`;
  if (o.result === 'error') return `image failed to load with crossorigin=anonymous${o.error ? ` (${o.error})` : ''}`;
  if (o.result === 'loaded') return `loaded; ${Object.entries(o.canvas ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`;
  return JSON.stringify(o);
}

const readable = (o: Observation): Outcome => ({ status: o.result === 'readable' ? 'pass' : 'fail', observed: describe(o) });
const readableOk = (o: Observation): Outcome =>
  o.result === 'readable' && o.status !== undefined && o.status >= 400
    ? { status: 'warn', observed: `${describe(o)}: readable cross-origin, but not a success` }
    : readable(o);
const readableError = (o: Observation): Outcome =>
  o.result !== 'readable'
    ? { status: 'fail', observed: describe(o) }
    : { status: o.status !== undefined && o.status >= 400 ? 'pass' : 'warn', observed: `${describe(o)}${o.status !== undefined && o.status < 400 ? ' (expected an error status)' : ''}` };
function drawable(o: Observation): Outcome {
  if (o.result !== 'loaded') return { status: 'fail', observed: describe(o) };
  const values = Object.values(o.canvas ?? {});
  if (values.some((v) => v !== 'clean' && v !== 'unavailable')) return { status: 'fail', observed: describe(o) };
  if (values.includes('unavailable')) return { status: 'warn', observed: `${describe(o)} (this engine has no WebGL here)` };
  return { status: 'pass', observed: describe(o) };
}

const acao = (r: SafeResponse) => r.headers.get('access-control-allow-origin');
const acac = (r: SafeResponse) => r.headers.get('access-control-allow-credentials');
const varies = (r: SafeResponse) => (r.headers.get('vary') ?? '').split(',').some((v) => ['origin', '*'].includes(v.trim().toLowerCase()));
const pass = (observed: string): Outcome => ({ status: 'pass', observed });

/** Node-side GETs of the main resources with a given Origin header (each failure becomes part of the outcome). */
async function sample(t: Target, http: SafeFetch, origin: string): Promise<{ name: string; response: SafeResponse }[]> {
  const urls = { 'info.json': t.urls.info, tile: t.urls.tile, 'error response': t.urls.unknownIdentifier };
  const out: { name: string; response: SafeResponse }[] = [];
  for (const [name, url] of Object.entries(urls)) out.push({ name, response: await http.request('GET', url, { Origin: origin }) });
  return out;
}

async function echoes(t: Target, http: SafeFetch, origin: string): Promise<SafeResponse> {
  return http.request('GET', t.urls.info, { Origin: origin });
}

/** Judges a forged-origin probe: echoed with credentials is a security failure, echoed without a warning. */
function forged(r: SafeResponse, origin: string, what: string): Outcome {
  if (acao(r) !== origin) return pass(`${what} not trusted (ACAO: ${acao(r) ?? 'none'})`);
  return acac(r) === 'true'
    ? { status: 'fail', observed: `${what} ${origin} is echoed with Access-Control-Allow-Credentials: true: any such site can read credentialed responses` }
    : { status: 'warn', observed: `${what} ${origin} is echoed (no credentials, so public data only)` };
}

/**
 * Look-alikes of an origin the server trusts, as misconfiguration scanners send them (Corsy,
 * CORScanner): a prefix match, a suffix match, unescaped regex dots, and the other scheme.
 */
export function lookAlikes(trusted: string): { kind: string; origin: string }[] {
  const u = new URL(trusted);
  const out = [
    { kind: 'prefix match', origin: `${u.origin}.cors-certify.example` },
    { kind: 'suffix match', origin: `${u.protocol}//cors-certify${u.host}` },
    { kind: 'other scheme', origin: `${u.protocol === 'https:' ? 'http:' : 'https:'}//${u.host}` },
  ];
  if (u.hostname.includes('.')) out.push({ kind: 'unescaped dot', origin: `${u.protocol}//${u.hostname.replace(/\./g, 'x')}${u.port ? `:${u.port}` : ''}` });
  return out;
}

export const CHECKS: Check[] = [
  // Runs first, on a tile no other check has requested, so the HTTP cache starts clean.
  {
    kind: 'browser',
    id: 'tile-cache-poisoning',
    title: 'Tile loaded by plain <img> and then with crossorigin stays drawable',
    problem: 'cache-poisoning',
    action: (t) => ({ kind: 'sequence', steps: [{ kind: 'image', url: t.urls.freshTile, timeoutMs: TIMEOUT_MS }, imageAction(t.urls.freshTile)] }),
    judge: (o) => {
      const second = o.steps?.[1];
      if (!second) return { status: 'fail', observed: describe(o) };
      const outcome = drawable(second);
      return outcome.status === 'fail' ? { status: 'fail', observed: `after a plain <img> load, the crossorigin load: ${outcome.observed}` } : outcome;
    },
  },
  {
    kind: 'browser',
    id: 'input-url',
    title: 'The URL as given readable by fetch() (its redirects included)',
    problem: 'acao-missing-on-redirects',
    applies: (t) => t.input !== t.urls.info && t.input !== t.manifest,
    action: (t) => fetchAction(t.input),
    judge: readableOk,
  },
  { kind: 'browser', id: 'info-json', title: 'info.json readable by fetch()', problem: 'acao-missing', action: (t) => fetchAction(t.urls.info), judge: readableOk },
  {
    kind: 'browser',
    id: 'info-json-profile-accept',
    title: 'info.json readable with the IIIF profile Accept header (preflighted)',
    problem: 'preflight',
    action: (t) => fetchAction(t.urls.info, { Accept: t.service.version === 3 ? IIIF3_ACCEPT : IIIF2_ACCEPT }),
    judge: readableOk,
  },
  {
    kind: 'browser',
    id: 'manifest',
    title: 'Manifest readable by fetch()',
    problem: 'acao-missing',
    applies: (t) => t.manifest !== null,
    action: (t) => fetchAction(t.manifest!),
    judge: readableOk,
  },
  { kind: 'browser', id: 'base-uri-redirect', title: 'Base URI redirect to info.json readable', problem: 'acao-missing-on-redirects', action: (t) => fetchAction(t.urls.base), judge: readableOk },
  { kind: 'browser', id: 'tile-fetch', title: 'Tile readable by fetch()', problem: 'acao-missing', action: (t) => fetchAction(t.urls.tile), judge: readableOk },
  { kind: 'browser', id: 'tile-canvas', title: 'Tile drawable to 2D canvas and WebGL untainted', problem: 'acao-missing', action: (t) => imageAction(t.urls.tile), judge: drawable },
  { kind: 'browser', id: 'thumbnail-fetch', title: 'Thumbnail (size request) readable by fetch()', problem: 'acao-missing', action: (t) => fetchAction(t.urls.thumbnail), judge: readableOk },
  { kind: 'browser', id: 'thumbnail-canvas', title: 'Thumbnail drawable to 2D canvas and WebGL untainted', problem: 'acao-missing', action: (t) => imageAction(t.urls.thumbnail), judge: drawable },
  { kind: 'browser', id: 'full-canvas', title: 'Full image drawable to 2D canvas and WebGL untainted', problem: 'acao-missing', action: (t) => imageAction(t.urls.full), judge: drawable },
  { kind: 'browser', id: 'error-unknown-identifier', title: 'Error for an unknown identifier readable', problem: 'acao-missing-on-errors', action: (t) => fetchAction(t.urls.unknownIdentifier), judge: readableError },
  { kind: 'browser', id: 'error-invalid-region', title: 'Error for an invalid region readable', problem: 'acao-missing-on-errors', action: (t) => fetchAction(t.urls.invalidRegion), judge: readableError },
  {
    kind: 'browser',
    id: 'auth-probe-bearer',
    title: 'Preflighted request with Authorization: Bearer succeeds (Auth 2.0 probe pattern)',
    problem: 'authorization-not-allowed',
    action: (t) => fetchAction(t.urls.info, { Authorization: 'Bearer cors-certify-probe' }),
    judge: (o) => (o.result === 'readable' ? pass(describe(o)) : { status: 'fail', observed: describe(o) }),
  },

  // ---- node checks ----
  {
    kind: 'node',
    id: 'redirect-hops-acao',
    title: 'Every redirect hop carries Access-Control-Allow-Origin',
    problem: 'acao-missing-on-redirects',
    run: async (t, http, { viewer }) => {
      // The plain-http twin of an https target is optional: most hosts do not listen on port 80.
      const starts: { url: string; optional?: boolean }[] = [{ url: t.input }, { url: t.urls.base }];
      if (t.urls.info.startsWith('https:')) starts.push({ url: t.urls.info.replace(/^https:/, 'http:'), optional: true });
      const seen = new Set<string>();
      for (const { url, optional } of starts) {
        let hops: SafeResponse[];
        try {
          hops = await http.follow(url, { Origin: viewer });
        } catch (error) {
          if (optional) continue;
          throw error;
        }
        for (const hop of hops.slice(0, -1)) {
          if (!acao(hop)) return { status: 'fail', observed: `${hop.status} from ${hop.url} has no Access-Control-Allow-Origin` };
          seen.add(`${hop.status} ${hop.url}`);
        }
      }
      return seen.size ? pass(`${seen.size} redirect(s), each with ACAO`) : { status: 'n/a', observed: 'no redirects to check' };
    },
  },
  {
    kind: 'node',
    id: 'auth-allow-headers-explicit',
    title: 'Preflight allows Authorization by name, not only via *',
    problem: 'authorization-wildcard',
    run: async (t, http, { viewer }) => {
      const r = await http.request('OPTIONS', t.urls.info, { Origin: viewer, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' });
      if (r.status < 200 || r.status > 299 || !acao(r)) return { status: 'fail', observed: `preflight answered ${r.status} with ACAO ${acao(r) ?? 'missing'}` };
      const allowed = (r.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
      if (allowed.includes('authorization')) return pass('Access-Control-Allow-Headers names Authorization');
      if (allowed.includes('*')) return { status: 'warn', observed: 'only Access-Control-Allow-Headers: * covers Authorization; the Fetch standard says it does not' };
      return { status: 'fail', observed: `preflight answered ${r.status}, Access-Control-Allow-Headers: ${r.headers.get('access-control-allow-headers') ?? 'none'}` };
    },
  },
  {
    kind: 'node',
    id: 'vary-origin',
    title: 'Vary: Origin whenever the Origin is echoed',
    problem: 'vary-origin',
    run: async (t, http, { viewer }) => {
      const echoed = (await sample(t, http, viewer)).filter(({ response }) => acao(response) === viewer);
      if (!echoed.length) return pass('ACAO does not echo the Origin (e.g. *), so no Vary needed');
      const missing = echoed.filter(({ response }) => !varies(response)).map(({ name }) => name);
      return missing.length ? { status: 'fail', observed: `Origin echoed without Vary: Origin on ${missing.join(', ')}` } : pass('echoed with Vary: Origin');
    },
  },
  {
    kind: 'node',
    id: 'single-acao',
    title: 'One Access-Control-Allow-Origin value (no duplicates or lists)',
    problem: 'duplicate-acao',
    run: async (t, http, { viewer }) => {
      const bad = (await sample(t, http, viewer)).filter(({ response }) => (acao(response) ?? '').includes(','));
      return bad.length ? { status: 'fail', observed: bad.map(({ name, response }) => `${name}: "${acao(response)}"`).join('; ') } : pass('single value');
    },
  },
  {
    kind: 'node',
    id: 'no-wildcard-with-credentials',
    title: 'No ACAO * together with Access-Control-Allow-Credentials: true',
    problem: 'wildcard-with-credentials',
    run: async (t, http, { viewer }) => {
      const bad = (await sample(t, http, viewer)).filter(({ response }) => acao(response) === '*' && acac(response) === 'true');
      return bad.length ? { status: 'fail', observed: `ACAO * with ACAC true on ${bad.map((b) => b.name).join(', ')}` } : pass('no * with credentials');
    },
  },
  {
    kind: 'node',
    id: 'security-reflect-any',
    title: 'Arbitrary origins are not echoed (security)',
    problem: 'origin-reflected',
    run: async (t, http, { attacker }) => forged(await echoes(t, http, attacker), attacker, 'an arbitrary origin'),
  },
  {
    kind: 'node',
    id: 'security-null-origin',
    title: 'Origin "null" is not trusted (security)',
    problem: 'null-origin',
    run: async (t, http) => forged(await echoes(t, http, 'null'), 'null', 'the origin'),
  },
  {
    kind: 'node',
    id: 'security-loose-match',
    title: 'Look-alikes of trusted origins (prefix, suffix, dots, scheme) are not trusted (security)',
    problem: 'loose-origin-match',
    run: async (t, http, { attacker, viewer, trusted }) => {
      if (acao(await echoes(t, http, attacker)) === attacker) return { status: 'n/a', observed: 'every origin is echoed: see security-reflect-any' };
      const bases = [...new Set([new URL(t.urls.info).origin, viewer, ...trusted])];
      const outcomes: Outcome[] = [];
      for (const base of bases) {
        for (const { kind, origin } of lookAlikes(base)) outcomes.push(forged(await echoes(t, http, origin), origin, `${kind} of ${base}:`));
      }
      return outcomes.find((o) => o.status === 'fail') ?? outcomes.find((o) => o.status === 'warn') ?? pass(`${outcomes.length} look-alikes of ${bases.length} origin(s) not trusted`);
    },
  },
  {
    kind: 'node',
    id: 'acao-without-origin',
    title: 'The same ACAO with and without an Origin header, or Vary: Origin (no cache poisoning)',
    problem: 'cache-poisoning',
    run: async (t, http, { viewer }) => {
      const [bare, withOrigin] = [await http.request('GET', t.urls.tile), await http.request('GET', t.urls.tile, { Origin: viewer })];
      if (!acao(withOrigin) || acao(bare) === acao(withOrigin) || varies(withOrigin)) return pass(`tile ACAO without Origin: ${acao(bare) ?? 'none'}, with: ${acao(withOrigin) ?? 'none'}`);
      return { status: 'fail', observed: `tile has ACAO "${acao(withOrigin)}" only when Origin is sent, and no Vary: Origin: a cache can serve the no-Origin response to a CORS request` };
    },
  },
];

/** Node checks turn target failures into check failures rather than aborting the run. */
export async function runNodeCheck(check: NodeCheck, t: Target, http: SafeFetch, origins: ProbeOrigins): Promise<Outcome> {
  try {
    return await check.run(t, http, origins);
  } catch (error) {
    if (error instanceof TargetError) return { status: 'fail', observed: error.message };
    throw error;
  }
}
