// The certification checks, as a table. Browser checks are requests a viewer really makes (from
// the request plan), run in every engine from the local viewer origin; every failure there is
// corroborated from Node (evidence.ts). Node checks send what a page cannot (forged origins,
// bare requests, single redirect hops) and run once.

import { acaoProblem } from './acao-value.ts';
import { type Baseline, type Cause, type Corroborator, type Resource, acaoOf, acaoOk, judgePreflight, refusedByAllowList, varies } from './evidence.ts';
import type { Observation, ResolvedAction } from '../../contract/page.ts';
import type { Evidence, Target } from '../../contract/certify.ts';
import type { Outcome } from './types.ts';

/** One request a viewer makes, as the page makes it. */
export interface ViewerRequest {
  url: string;
  resource: Resource;
  how: 'fetch' | 'image' | 'cache-sequence';
  headers?: Record<string, string>;
  /** An error response is the point (unknown identifier, bad region): readable is a pass. */
  expectError?: boolean;
}

export interface BrowserCheck {
  kind: 'browser';
  id: string;
  title: string;
  /** Why the check does not apply to this target, if it does not. */
  skip?: (t: Target) => string | undefined;
  requests: (t: Target) => ViewerRequest[];
}

export interface NodeCheck {
  kind: 'node';
  id: string;
  title: string;
  run: (t: Target, http: Corroborator, probe: ProbeOrigins) => Promise<Outcome>;
}

export type Check = BrowserCheck | NodeCheck;

/** Origins the node checks claim to be: the viewer, an attacker, and origins the server means to trust. */
export interface ProbeOrigins {
  viewer: string;
  attacker: string;
  trusted: string[];
}

const IIIF3_ACCEPT = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
const IIIF2_ACCEPT = 'application/ld+json;profile="http://iiif.io/api/image/2/context.json"';
const TIMEOUT_MS = 8_000;

export function actionFor(r: ViewerRequest): ResolvedAction {
  const image = (url: string, crossOrigin?: 'anonymous'): ResolvedAction => ({ kind: 'image', url, ...(crossOrigin && { crossOrigin }), use: ['2d', 'webgl'], timeoutMs: TIMEOUT_MS });
  if (r.how === 'fetch') return { kind: 'fetch', url: r.url, headers: r.headers, timeoutMs: TIMEOUT_MS };
  if (r.how === 'image') return image(r.url, 'anonymous');
  return { kind: 'sequence', steps: [{ kind: 'image', url: r.url, timeoutMs: TIMEOUT_MS }, image(r.url, 'anonymous')] };
}

export function describe(o: Observation | undefined): string {
  if (!o) return 'no observation';
  if (o.result === 'blocked') return `not readable: ${o.error ?? 'network error'}`;
  if (o.result === 'readable') return `readable, status ${o.status}${o.redirected ? ' after a redirect' : ''}`;
  if (o.result === 'error') return `image failed to load with crossorigin=anonymous${o.error ? ` (${o.error})` : ''}`;
  if (o.result === 'loaded') return `loaded; ${Object.entries(o.canvas ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`;
  return JSON.stringify(o);
}

/** What the page saw, judged alone: pass, or a failure that Node must corroborate. */
export function judgeInPage(r: ViewerRequest, o: Observation): { status: 'pass' | 'unavailable' | 'suspect'; observed: string } {
  const seen = r.how === 'cache-sequence' ? o.steps?.[1] : o;
  if (!seen) return { status: 'suspect', observed: describe(o) };
  if (r.how === 'fetch') {
    if (seen.result !== 'readable') return { status: 'suspect', observed: describe(seen) };
    // Readable cross-origin: CORS is right. An error status there is "not available", not CORS.
    if (!r.expectError && seen.status !== undefined && seen.status >= 400) return { status: 'unavailable', observed: `${describe(seen)} (readable: CORS headers are right)` };
    return { status: 'pass', observed: describe(seen) };
  }
  if (seen.result !== 'loaded') return { status: 'suspect', observed: `${r.how === 'cache-sequence' ? 'after a plain <img> load, ' : ''}${describe(seen)}` };
  const values = Object.values(seen.canvas ?? {});
  if (values.some((v) => v !== 'clean' && v !== 'unavailable')) return { status: 'suspect', observed: describe(seen) };
  return { status: 'pass', observed: `${describe(seen)}${values.includes('unavailable') ? ' (no WebGL in this engine here: 2D only)' : ''}` };
}

const tiles = (t: Target) => t.plan.sampled;
const pass = (observed: string, evidence?: Evidence[]): Outcome => ({ status: 'pass', observed, evidence });
const fail = (cause: Cause, observed: string, evidence?: Evidence[]): Outcome => ({ status: 'fail', observed, causes: [cause], evidence });
const warn = (cause: Cause, observed: string, evidence?: Evidence[]): Outcome => ({ status: 'warn', observed, causes: [cause], evidence });

/** Judges a forged-origin probe: echoed with credentials is a security failure, echoed without a warning. */
function forged(e: Evidence, origin: string, what: string, withCredentials: Cause): Outcome {
  if (acaoOf(e) !== origin) return pass(`${what} not trusted (ACAO: ${acaoOf(e) ?? 'none'})`, [e]);
  return e.headers['access-control-allow-credentials'] === 'true'
    ? fail(withCredentials, `${what} ${origin} is echoed with Access-Control-Allow-Credentials: true: any such site can read credentialed responses`, [e])
    : warn('origin-reflected', `${what} ${origin} is echoed (no credentials, so public data only)`, [e]);
}

/** Look-alikes of a trusted origin, as misconfiguration scanners send them (Corsy, CORScanner). */
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

/** The answers that say what "ACAO on JSON / on images" means for this server (memoised requests). */
export async function baselineFor(t: Target, http: Corroborator): Promise<Baseline> {
  const [json, image] = await Promise.all([http.get(t.urls.info), http.get(tiles(t)[0]!.url)]);
  return { json, image };
}

/** info.json, the first sampled tile and an error response, each GET with the viewer's Origin. */
const mainResponses = (t: Target, http: Corroborator) =>
  Promise.all([
    http.get(t.urls.info).then((e) => ({ name: 'info.json', e })),
    http.get(tiles(t)[0]!.url).then((e) => ({ name: 'tile', e })),
    http.get(t.urls.unknownIdentifier).then((e) => ({ name: 'error response', e })),
  ]);

export const CHECKS: Check[] = [
  // Runs first, on a tile no other check requests, so the HTTP cache starts clean.
  {
    kind: 'browser',
    id: 'tile-cache-poisoning',
    title: 'Tile loaded by plain <img> and then with crossorigin stays drawable',
    requests: (t) => [{ url: t.plan.freshTile.url, resource: 'image', how: 'cache-sequence' }],
  },
  {
    kind: 'browser',
    id: 'input-url',
    title: 'The URL as given readable by fetch() (its redirects included)',
    skip: (t) => (t.input === t.urls.info || t.input === t.manifest ? 'the URL given is the info.json or manifest itself' : undefined),
    requests: (t) => [{ url: t.input, resource: t.kind === 'image-request' ? 'image' : 'json', how: 'fetch' }],
  },
  { kind: 'browser', id: 'info-json', title: 'info.json readable by fetch()', requests: (t) => [{ url: t.urls.info, resource: 'json', how: 'fetch' }] },
  {
    kind: 'browser',
    id: 'info-json-profile-accept',
    title: 'info.json readable with the IIIF profile Accept header (preflighted)',
    requests: (t) => [{ url: t.urls.info, resource: 'json', how: 'fetch', headers: { Accept: t.service.version === 3 ? IIIF3_ACCEPT : IIIF2_ACCEPT } }],
  },
  {
    kind: 'browser',
    id: 'manifest',
    title: 'Manifest readable by fetch()',
    skip: (t) => (t.manifest === null ? 'no manifest given' : undefined),
    requests: (t) => [{ url: t.manifest!, resource: 'json', how: 'fetch' }],
  },
  { kind: 'browser', id: 'base-uri-redirect', title: 'Base URI redirect to info.json readable', requests: (t) => [{ url: t.urls.base, resource: 'json', how: 'fetch' }] },
  { kind: 'browser', id: 'tile-fetch', title: 'Sampled tiles readable by fetch()', requests: (t) => tiles(t).map((x) => ({ url: x.url, resource: 'image', how: 'fetch' })) },
  { kind: 'browser', id: 'tile-canvas', title: 'Sampled tiles drawable to 2D canvas and WebGL untainted', requests: (t) => tiles(t).map((x) => ({ url: x.url, resource: 'image', how: 'image' })) },
  {
    kind: 'browser',
    id: 'thumbnail-canvas',
    title: 'Thumbnail (a listed size) drawable to canvas untainted',
    skip: (t) => (t.plan.thumbnail ? undefined : 'info.json lists no sizes'),
    requests: (t) => [
      { url: t.plan.thumbnail!, resource: 'image', how: 'fetch' },
      { url: t.plan.thumbnail!, resource: 'image', how: 'image' },
    ],
  },
  {
    kind: 'browser',
    id: 'full-canvas',
    title: 'Full image drawable to canvas untainted',
    skip: (t) => (t.plan.full ? undefined : t.plan.notChecked.find((n) => n.what.startsWith('full/'))?.why),
    requests: (t) => [{ url: t.plan.full!, resource: 'image', how: 'image' }],
  },
  { kind: 'browser', id: 'error-unknown-identifier', title: 'Error for an unknown identifier readable', requests: (t) => [{ url: t.urls.unknownIdentifier, resource: 'json', how: 'fetch', expectError: true }] },
  { kind: 'browser', id: 'error-invalid-region', title: 'Error for an invalid region readable', requests: (t) => [{ url: t.urls.invalidRegion, resource: 'image', how: 'fetch', expectError: true }] },
  {
    kind: 'browser',
    id: 'auth-probe-bearer',
    title: 'Preflighted request with Authorization: Bearer succeeds (Auth 2.0 probe pattern)',
    requests: (t) => [{ url: t.urls.info, resource: 'json', how: 'fetch', headers: { Authorization: 'Bearer cors-certify-probe' } }],
  },

  // ---- node checks ----
  {
    kind: 'node',
    id: 'redirect-hops-acao',
    title: 'Every redirect hop carries Access-Control-Allow-Origin',
    run: async (t, http, { viewer }) => {
      const seen: Evidence[] = [];
      for (const start of [...new Set([t.input, t.urls.base])]) {
        let url = start;
        for (let hop = 0; hop < 10; hop++) {
          const e = await http.get(url);
          if (e.error || e.status! < 300 || e.status! >= 400 || !e.headers.location || !URL.canParse(e.headers.location, url)) break;
          if (!acaoOk(e, viewer)) {
            // A wrong value fails the browser just as a missing one does, but its fix is the value's.
            const acao = acaoOf(e);
            if (acao !== undefined) {
              const problem = acaoProblem(acao, viewer);
              return fail(problem.cause, `${e.status} from ${url}: Access-Control-Allow-Origin ${problem.what}`, [e]);
            }
            if (refusedByAllowList(e, viewer, await baselineFor(t, http))) return fail('origin-not-allowed', `${e.status} from ${url} has no Access-Control-Allow-Origin for ${viewer}, with Vary: Origin (the server allows only listed origins)`, [e]);
            return fail('redirects-without-acao', `${e.status} from ${url} has no Access-Control-Allow-Origin`, [e]);
          }
          seen.push(e);
          url = new URL(e.headers.location, url).href;
        }
      }
      return seen.length ? pass(`${seen.length} redirect(s), each with ACAO`, seen) : { status: 'n/a', observed: 'no redirects to check' };
    },
  },
  {
    kind: 'node',
    id: 'auth-allow-headers-explicit',
    title: 'Preflight allows Authorization by name, not only via *',
    run: async (t, http, { viewer }) => {
      const pre = await http.preflight(t.urls.info, ['authorization']);
      const c = judgePreflight(pre, [], viewer, await baselineFor(t, http));
      if (c?.kind === 'cors') return fail(c.cause, c.detail, [pre]);
      if (c) return { status: 'network', observed: c.detail, evidence: [pre] };
      const allowed = (pre.headers['access-control-allow-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase());
      if (allowed.includes('authorization')) return pass('Access-Control-Allow-Headers names Authorization', [pre]);
      if (allowed.includes('*')) return warn('authorization-via-wildcard', 'only Access-Control-Allow-Headers: * covers Authorization; the Fetch standard says it does not', [pre]);
      return fail('preflight-allow-headers', `OPTIONS answered ${pre.status}, Access-Control-Allow-Headers: ${pre.headers['access-control-allow-headers'] ?? 'missing'}`, [pre]);
    },
  },
  {
    kind: 'node',
    id: 'vary-origin',
    title: 'Vary: Origin whenever the Origin is echoed',
    run: async (t, http, { viewer }) => {
      const all = await mainResponses(t, http);
      const echoed = all.filter(({ e }) => acaoOf(e) === viewer);
      if (!echoed.length) return pass('ACAO does not echo the Origin (e.g. *), so no Vary needed', all.map((x) => x.e));
      const missing = echoed.filter(({ e }) => !varies(e));
      return missing.length ? fail('echo-without-vary', `Origin echoed without Vary: Origin on ${missing.map((m) => m.name).join(', ')}`, missing.map((m) => m.e)) : pass('echoed with Vary: Origin');
    },
  },
  {
    kind: 'node',
    id: 'single-acao',
    title: 'One Access-Control-Allow-Origin value (no duplicates or lists)',
    run: async (t, http) => {
      const bad = (await mainResponses(t, http)).filter(({ e }) => (acaoOf(e) ?? '').includes(','));
      const first = bad[0] && acaoProblem(acaoOf(bad[0].e)!, String(bad[0].e.request.Origin ?? ''));
      return first ? fail(first.cause, bad.map(({ name, e }) => `${name}: "${acaoOf(e)}"`).join('; '), bad.map((b) => b.e)) : pass('single value');
    },
  },
  {
    kind: 'node',
    id: 'no-wildcard-with-credentials',
    title: 'No ACAO * together with Access-Control-Allow-Credentials: true',
    run: async (t, http) => {
      const bad = (await mainResponses(t, http)).filter(({ e }) => acaoOf(e) === '*' && e.headers['access-control-allow-credentials'] === 'true');
      return bad.length ? fail('wildcard-with-credentials', `ACAO * with ACAC true on ${bad.map((b) => b.name).join(', ')}`, bad.map((b) => b.e)) : pass('no * with credentials');
    },
  },
  {
    kind: 'node',
    id: 'security-reflect-any',
    title: 'Arbitrary origins are not echoed (security)',
    run: async (t, http, { attacker }) => forged(await http.get(t.urls.info, {}, attacker), attacker, 'an arbitrary origin', 'any-origin-with-credentials'),
  },
  {
    kind: 'node',
    id: 'security-null-origin',
    title: 'Origin "null" is not trusted (security)',
    run: async (t, http) => forged(await http.get(t.urls.info, {}, 'null'), 'null', 'the origin', 'null-origin-trusted'),
  },
  {
    kind: 'node',
    id: 'security-loose-match',
    title: 'Look-alikes of trusted origins (prefix, suffix, dots, scheme) are not trusted (security)',
    run: async (t, http, { attacker, viewer, trusted }) => {
      if (acaoOf(await http.get(t.urls.info, {}, attacker)) === attacker) return { status: 'n/a', observed: 'every origin is echoed: see security-reflect-any' };
      const bases = [...new Set([new URL(t.urls.info).origin, viewer, ...trusted])];
      const outcomes: Outcome[] = [];
      for (const base of bases) {
        for (const { kind, origin } of lookAlikes(base)) outcomes.push(forged(await http.get(t.urls.info, {}, origin), origin, `${kind} of ${base}:`, 'loose-origin-match'));
      }
      const bad = outcomes.find((o) => o.status === 'fail') ?? outcomes.find((o) => o.status === 'warn');
      if (bad?.status === 'fail') return { ...bad, causes: ['loose-origin-match'] };
      return bad ?? pass(`${outcomes.length} look-alikes of ${bases.length} origin(s) not trusted`);
    },
  },
  {
    kind: 'node',
    id: 'acao-without-origin',
    title: 'The same ACAO with and without an Origin header, or Vary: Origin (no cache poisoning)',
    run: async (t, http) => {
      const tile = t.plan.freshTile.url;
      const [bare, withOrigin] = [await http.get(tile, {}, null), await http.get(tile)];
      if (!acaoOf(withOrigin) || acaoOf(bare) === acaoOf(withOrigin) || varies(withOrigin)) return pass(`tile ACAO without Origin: ${acaoOf(bare) ?? 'none'}, with: ${acaoOf(withOrigin) ?? 'none'}`, [bare, withOrigin]);
      return fail('acao-only-with-origin', `tile has ACAO "${acaoOf(withOrigin)}" only when Origin is sent, and no Vary: Origin: a cache can serve the no-Origin response to a CORS request`, [bare, withOrigin]);
    },
  },
];
