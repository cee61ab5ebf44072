// Certifies a target: plans the requests a viewer makes (plan.ts), runs every browser check in every
// engine in parallel from certify's viewer origin (its own loopback one, or the user's real one with
// --viewer-origin, served locally: viewer-origin.ts), corroborates each browser failure from Node
// (evidence.ts), runs the node checks, then names the server and the root causes (diagnose.ts).
// A Certifier keeps its engines, so several targets can be certified without relaunching.

import { type HostMapping, launchEngine } from '../engines/launch.ts';
import { type Engine, EngineUnavailableError, type InPageFunction, type Probe } from '../engines/types.ts';
import type { ExtraTrust } from '../engines/trust.ts';
import { performAction } from '../in-page/actions.ts';
import { type BrowserCheck, CHECKS, baselineFor, type NodeCheck, type ProbeOrigins, actionFor, judgeInPage } from './checks.ts';
import { diagnose } from './diagnose.ts';
import { DEFAULT_SAMPLES, discover } from './discover.ts';
import { type Baseline, type Classification, Corroborator } from './evidence.ts';
import { firstHttpHop, mixedContentCause, unexpectedMixedContent } from './mixed-content.ts';
import { DEFAULT_LIMITS, SafeFetch, type SafeFetchLimits, type SafeResponse, TargetError } from './safe-fetch.ts';
import { type AuthCertifyResult, certifyAuth } from './auth.ts';
import { detectServer } from './servers.ts';
import { type ViewerCheckResult, viewerCheck } from '../viewers/check.ts';
import { type ViewerOrigin, startViewerOrigin } from './viewer-origin.ts';
import { type CertifyReport, type CheckResult, type Discovered, NODE_COLUMN, type Outcome } from './types.ts';
import type { EngineInfo, EngineName } from '../../contract/engine.ts';
import type { Observation } from '../../contract/page.ts';
import type { Target, Evidence } from '../../contract/certify.ts';

export { baselineFor };
export const ATTACKER_ORIGIN = 'https://cors-certify-attacker.example';

export interface CertifierOptions {
  engines: EngineName[];
  limits?: SafeFetchLimits;
  /** Tiles sampled per tile check (default 20). */
  samples?: number;
  /** A page origin that serves `/blank` to run from, instead of certify's own (self-tests against the fixture server). */
  viewerOrigin?: string;
  /** The user's real viewer origin (--viewer-origin): certify's pages are served locally under it and every engine maps it there. */
  realViewerOrigin?: string;
  /** Origins the server is meant to trust: their look-alikes are probed. */
  trustedOrigins?: string[];
  progress?: (message: string) => void;
  /** Each browser check as it finishes in an engine (the service's live progress per engine). */
  checkDone?: (project: string, done: number, total: number, check: string) => void;
  /** certify --ca: the user's CA and the target's certificates Node verified against it (harness/certify/tls-ca.ts). */
  extraTrust?: ExtraTrust;
  /** Also open the image in real viewers (OpenSeadragon WebGL and canvas, Mirador) in every engine; screenshots go to `screenshotDir`. */
  viewers?: { screenshotDir: string };
}

/** An engine with the page certify drives in it (open on the viewer origin). */
export interface RunningEngine {
  engine: Engine;
  probe: Probe;
}

/** The one place certify launches engines (and opens the viewer page in each). */
async function launchEngines(names: EngineName[], page: string, progress?: (m: string) => void, mapping?: HostMapping, extraTrust?: ExtraTrust): Promise<RunningEngine[]> {
  const launched = await Promise.allSettled(
    names.map(async (name) => {
      const engine = await launchEngine(name, { ...(mapping && { mapHosts: [mapping] }), ...(extraTrust && { extraTrust }) });
      try {
        const probe = await engine.newProbe();
        await probe.open(page);
        // An error page (unreachable, untrusted certificate, an upgrade to https) has another origin.
        const opened = await probe.run(() => location.origin, null);
        if (opened !== new URL(page).origin) throw new EngineUnavailableError(`${name}: the viewer page ${page} did not load (the page's origin is ${opened}); certify cannot run from it`);
        progress?.(`  ${name}: ${engine.info.browser} ${engine.info.version}`);
        return { engine, probe };
      } catch (error) {
        await engine.close();
        throw error;
      }
    }),
  );
  const ok = launched.filter((r): r is PromiseFulfilledResult<RunningEngine> => r.status === 'fulfilled').map((r) => r.value);
  const failed = launched.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) {
    await Promise.all(ok.map((e) => e.engine.close()));
    throw new AggregateError(failed.map((f) => f.reason as Error), failed.map((f) => (f.reason as Error).message).join('\n'));
  }
  return ok;
}

export class Certifier {
  private constructor(
    private readonly viewer: ViewerOrigin | null,
    readonly viewerOrigin: string,
    private readonly engines: RunningEngine[],
    private readonly options: CertifierOptions,
    /** engines: close() ends them; probes: only this run's probes (isolated()); nothing: a caller lent them (attach()). */
    private readonly owns: 'engines' | 'probes' | 'nothing' = 'engines',
  ) {}

  /**
   * The same engines with fresh probes (a new profile or WebDriver session each), so nothing one
   * run leaves (cache, cookies, preflight cache, HSTS) reaches the next. `engines` picks a subset.
   */
  async isolated(options: Partial<CertifierOptions> & { engines?: EngineName[] } = {}): Promise<Certifier> {
    const chosen = this.engines.filter(({ engine }) => !options.engines || options.engines.includes(engine.info.engine));
    const page = `${this.viewerOrigin}/blank`;
    const opened = await Promise.allSettled(
      chosen.map(async ({ engine }) => {
        const probe = await engine.newProbe();
        try {
          await probe.open(page);
        } catch (error) {
          await probe.close();
          throw error;
        }
        return { engine, probe };
      }),
    );
    const ok = opened.filter((r): r is PromiseFulfilledResult<RunningEngine> => r.status === 'fulfilled').map((r) => r.value);
    const failed = opened.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) {
      await Promise.all(ok.map((e) => e.probe.close()));
      throw new AggregateError(failed.map((f) => f.reason as Error), failed.map((f) => (f.reason as Error).message).join('\n'));
    }
    return new Certifier(this.viewer, this.viewerOrigin, ok, { ...this.options, ...options, engines: ok.map(({ engine }) => engine.info.engine) }, 'probes');
  }

  /**
   * Between two targets certified in the same probes (collection mode): every engine forgets its
   * cookies (Playwright: the whole jar; WebDriver, which deletes only the current document's: the
   * viewer origin's and those of `origins`, the hosts the last target used), then is back on the
   * blank page. The HTTP cache is kept: it is keyed by URL, and no two services share a URL.
   */
  async forgetCookies(origins: string[]): Promise<void> {
    const page = `${this.viewerOrigin}/blank`;
    const visit = [page, ...new Set(origins.map((o) => `${new URL(o).origin}/`))];
    await Promise.all(
      this.engines.map(async ({ probe }) => {
        await probe.reset(visit);
        await probe.open(page);
      }),
    );
  }

  /**
   * A Certifier over engines the caller launched and keeps (the Playwright bindings: the test's
   * browser and probe, already on `viewerOrigin`); none for the node checks alone.
   */
  get engineInfo(): EngineInfo[] {
    return this.engines.map(({ engine }) => engine.info);
  }

  static attach(engines: RunningEngine[], viewerOrigin: string, options: Omit<CertifierOptions, 'engines' | 'viewerOrigin'> = {}): Certifier {
    return new Certifier(null, viewerOrigin, engines, { ...options, engines: engines.map(({ engine }) => engine.info.engine), viewerOrigin }, 'nothing');
  }

  static async start(options: CertifierOptions): Promise<Certifier> {
    return Certifier.starting(options).certifier;
  }

  /** As start(), with the viewer origin known as soon as it listens, before the engines are up (collection mode fingerprints meanwhile). */
  static starting(options: CertifierOptions): { viewerOrigin: Promise<string>; certifier: Promise<Certifier> } {
    const viewer = options.viewerOrigin ? Promise.resolve(null) : startViewerOrigin(options.realViewerOrigin);
    const viewerOrigin = viewer.then((v) => options.viewerOrigin ?? v!.origin);
    const certifier = viewer.then(async (v) => {
      const origin = options.viewerOrigin ?? v!.origin;
      try {
        return new Certifier(v, origin, await launchEngines(options.engines, `${origin}/blank`, options.progress, v?.mapping, options.extraTrust), options);
      } catch (error) {
        await v?.close();
        throw error;
      }
    });
    viewerOrigin.catch(() => {}); // the same failure reaches whoever awaits `certifier`
    return { viewerOrigin, certifier };
  }

  /** Discovers the target's URLs (node-side only: fails fast, before any browser work). */
  static async discover(input: string, limits: SafeFetchLimits = DEFAULT_LIMITS, samples = DEFAULT_SAMPLES, http = new SafeFetch(limits)): Promise<Discovered> {
    return { target: await discover(input, http, samples), http };
  }

  /** Certifies a target: every check (or those named in `only`), corroborated, diagnosed. */
  async certify(input: string | Discovered, { trustedOrigins = this.options.trustedOrigins ?? [], only, screenshotDir = this.options.viewers?.screenshotDir }: { trustedOrigins?: string[]; only?: string[]; screenshotDir?: string } = {}): Promise<CertifyReport> {
    const started = Date.now();
    const { target, http } = typeof input === 'string' ? await Certifier.discover(input, this.options.limits, this.options.samples) : input;
    const origins: ProbeOrigins = { viewer: this.viewerOrigin, attacker: ATTACKER_ORIGIN, trusted: trustedOrigins };
    const node = new Corroborator(http, this.viewerOrigin);
    const baseline = await baselineFor(target, node);

    const selected = only ? CHECKS.filter((c) => only.includes(c.id)) : CHECKS;
    const browserChecks = selected.filter((c): c is BrowserCheck => c.kind === 'browser');
    const nodeChecks = selected.filter((c): c is NodeCheck => c.kind === 'node');
    const [perEngine, nodeResults] = await Promise.all([
      Promise.all(this.engines.map((e) => this.runBrowserChecks(e, browserChecks, target, node, baseline))),
      (async () => {
        const out: Record<string, Outcome> = {};
        for (const check of nodeChecks) out[check.id] = await runNodeCheck(check, target, node, origins);
        return out;
      })(),
    ]);
    const checks: CheckResult[] = selected.map((check) => ({
      id: check.id,
      title: check.title,
      kind: check.kind,
      results: check.kind === 'node' ? { [NODE_COLUMN]: nodeResults[check.id]! } : Object.fromEntries(this.engines.map(({ engine }, i) => [engine.info.project, perEngine[i]![check.id]!])),
    }));
    const requests = await node.all();
    const server = detectServer(requests);
    const viewers = this.options.viewers && screenshotDir !== undefined && (await this.runViewers(target.input, screenshotDir));
    const auth = await authOf(target, http, this.viewerOrigin);
    return {
      ...(viewers && { viewers }),
      ...(auth && { auth }),
      input: target.input,
      target,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      viewerOrigin: this.viewerOrigin,
      viewerOriginKind: this.options.viewerOrigin ? 'external' : this.options.realViewerOrigin ? 'given' : 'own',
      engines: this.engines.map(({ engine }) => engine.info),
      server,
      checks,
      diagnoses: diagnose(checks, server),
      requests,
      verdict: checks.some((c) => Object.values(c.results).some((r) => r.status === 'fail')) || auth?.verdict === 'fail' ? 'fail' : 'pass',
    };
  }

  private async runBrowserChecks({ engine, probe }: RunningEngine, checks: BrowserCheck[], target: Target, node: Corroborator, baseline: Baseline): Promise<Record<string, Outcome>> {
    const out: Record<string, Outcome> = {};
    for (const check of checks) {
      try {
        out[check.id] = await runBrowserCheck(probe, check, target, node, baseline, engine.info.engine);
        this.options.checkDone?.(engine.info.project, Object.keys(out).length, checks.length, check.id);
      } catch (error) {
        throw new Error(`${engine.info.project} failed while running ${check.id}: ${(error as Error).message}`, { cause: error });
      }
    }
    // One line per engine, not per check: progress that fits a screen next to the report.
    const counts = new Map<string, number>();
    for (const { status } of Object.values(out)) counts.set(status, (counts.get(status) ?? 0) + 1);
    this.options.progress?.(`  ${engine.info.project.padEnd(8)} ${checks.length} checks: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}`);
    return out;
  }

  /** Each engine in turn opens the target in the real viewers, then goes back to the blank page. */
  async runViewers(url: string, screenshotDir: string): Promise<ViewerCheckResult[]> {
    const perEngine = await Promise.all(
      this.engines.map(async ({ engine, probe }) => {
        const results = await viewerCheck({ probe, engine: engine.info.project, viewerOrigin: this.viewerOrigin, url, screenshotDir });
        await probe.open(`${this.viewerOrigin}/blank`);
        this.options.progress?.(`  ${engine.info.project.padEnd(8)} viewers: ${results.map((r) => `${r.check} ${r.shows === null ? 'n/a' : r.shows ? 'shows' : 'does not show'}`).join(', ')}`);
        return results;
      }),
    );
    return perEngine.flat();
  }

  /** Runs `fn` in every engine's page on the viewer origin (tls-refusal.ts: each engine's fetch of a refused URL). */
  inEachEngine<A, R>(fn: InPageFunction<A, R>, args: A): Promise<{ info: EngineInfo; result: R }[]> {
    return Promise.all(this.engines.map(async ({ engine, probe }) => ({ info: engine.info, result: await probe.run(fn, args) })));
  }

  async close(): Promise<void> {
    if (this.owns === 'probes') {
      await Promise.all(this.engines.map(({ probe }) => probe.close()));
      return;
    }
    if (this.owns === 'engines') await Promise.all(this.engines.map(({ engine }) => engine.close()));
    await this.viewer?.close();
  }
}

/**
 * When the info.json declares an AuthProbeService2: the Auth 2.0 checks (auth.ts), from Node with
 * SafeFetch (never credentials or cookies; nobody logs in). An info.json that cannot be read again
 * here was already read by discovery: a failure now is a target error like any other.
 */
async function authOf(target: Target, http: SafeFetch, viewerOrigin: string): Promise<AuthCertifyResult | null> {
  const text = (r: SafeResponse) => new TextDecoder().decode(r.body);
  let info: Record<string, unknown>;
  try {
    info = JSON.parse(text(await http.request('GET', target.urls.info))) as Record<string, unknown>;
  } catch {
    return null;
  }
  return certifyAuth(info, viewerOrigin, async (method, url, headers) => {
    const r = await http.request(method, url, headers);
    return { status: r.status, headers: r.headers, body: text(r) };
  });
}

/**
 * One browser check in one engine: the page's requests, each failure explained. Mixed content is
 * decided first, from the URLs (an http URL or redirect hop from an https page) and what this
 * engine is expected to do with it; every other failure is corroborated from Node.
 */
export async function runBrowserCheck(probe: Probe, check: BrowserCheck, target: Target, node: Corroborator, baseline: Baseline, engine: EngineName): Promise<Outcome> {
  const skipped = check.skip?.(target);
  if (skipped) return { status: 'n/a', observed: skipped };
  const requests = check.requests(target);
  const action = requests.length === 1 ? actionFor(requests[0]!) : { kind: 'sequence' as const, steps: requests.map(actionFor) };
  const o = await probe.run(performAction, action);
  const observations: Observation[] = requests.length === 1 ? [o] : (o.steps ?? []);
  const parts = await Promise.all(
    requests.map(async (r, i) => {
      const seen = judgeInPage(r, observations[i] ?? {});
      if (seen.status !== 'suspect') return { ...seen, evidence: [] as Evidence[] };
      const how = r.how === 'fetch' ? 'fetch' : 'image';
      const http = await firstHttpHop(node.origin, r.url, node);
      const mixed = http && mixedContentCause(engine, how, http.hop);
      if (http && mixed) return { status: 'mixed', observed: `${seen.observed}; ${mixed.detail}`, classification: { kind: 'mixed', ...mixed } as Classification, evidence: http.evidence };
      const { classification, evidence } = await node.classify(r.url, r.resource, r.headers, baseline, r.how === 'cache-sequence');
      // An error response the browser could not read, though Node saw correct CORS headers on it.
      let c: Classification = r.expectError && classification.kind === 'unavailable' ? { kind: 'cors', cause: 'browser-only', detail: classification.detail } : classification;
      // Refused where Node reads it fine, on an http URL from an https page: mixed content all the same.
      if (http && c.kind === 'cors' && c.cause === 'browser-only') c = { kind: 'mixed', ...unexpectedMixedContent(engine, how, http.hop, c.detail) };
      return { status: c.kind, observed: `${seen.observed}; ${c.kind === 'mixed' ? '' : 'Node: '}${c.detail}`, classification: c, evidence: c.kind === 'mixed' ? http!.evidence : evidence };
    }),
  );
  return aggregate(parts);
}

type Part = { status: string; observed: string; classification?: Classification; evidence: Evidence[] };

/** One outcome per check and engine: mixed content first (nothing else could be seen), then CORS failures, network, not available. */
function aggregate(parts: Part[]): Outcome {
  const n = parts.length;
  for (const kind of ['mixed', 'cors', 'network', 'unavailable'] as const) {
    const hit = parts.filter((p) => p.status === kind);
    if (!hit.length) continue;
    const causes = [...new Set(hit.flatMap((p) => (p.classification && 'cause' in p.classification ? [p.classification.cause] : [])))];
    const prefix = n > 1 ? `${hit.length} of ${n} failed; first: ` : '';
    return {
      status: kind === 'cors' || kind === 'mixed' ? 'fail' : kind,
      observed: `${prefix}${hit[0]!.observed}`,
      ...(causes.length && { causes }),
      ...(n > 1 && { failed: hit.length, of: n }),
      evidence: hit.flatMap((p) => p.evidence).slice(0, 6),
    };
  }
  return { status: 'pass', observed: n > 1 ? `${n} of ${n} passed` : parts[0]!.observed, ...(n > 1 && { failed: 0, of: n }) };
}

/** Node checks turn target failures into network outcomes rather than aborting the run. */
export async function runNodeCheck(check: NodeCheck, t: Target, http: Corroborator, origins: ProbeOrigins): Promise<Outcome> {
  try {
    return await check.run(t, http, origins);
  } catch (error) {
    if (error instanceof TargetError) return { status: 'network', observed: error.message };
    throw error;
  }
}
