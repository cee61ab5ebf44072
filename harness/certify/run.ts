// Certifies a target: discovers its URLs, runs every browser check in every engine (in parallel,
// from a local viewer origin) and the node checks once, and gathers one result per check × engine.
// A Certifier keeps its engines, so several targets can be certified without relaunching.

import { originsFor } from '../../fixtures/origins.ts';
import { type RunningFixtures, startFixtures } from '../../fixtures/server.ts';
import { launchEngine } from '../engines/launch.ts';
import type { Engine, EngineInfo, EngineName, Probe } from '../engines/types.ts';
import { performAction } from '../in-page/actions.ts';
import { freePort } from '../net.ts';
import { type BrowserCheck, CHECKS, type Check, type NodeCheck, type Outcome, type ProbeOrigins, runNodeCheck } from './checks.ts';
import { type Target, discover } from './discover.ts';
import { FIXES, type Problem } from './fixes.ts';
import { DEFAULT_LIMITS, SafeFetch, type SafeFetchLimits } from './safe-fetch.ts';

export const NODE_COLUMN = 'node';
export const ATTACKER_ORIGIN = 'https://cors-certify-attacker.example';

export interface CheckResult {
  id: string;
  title: string;
  kind: Check['kind'];
  problem: Problem;
  /** Per engine project (browser checks) or `node`. */
  results: Record<string, Outcome>;
}

export interface CertifyReport {
  input: string;
  target: Target;
  startedAt: string;
  durationMs: number;
  viewerOrigin: string;
  engines: EngineInfo[];
  checks: CheckResult[];
  requests: { node: number };
  verdict: 'pass' | 'fail';
  fixes: Partial<Record<Problem, (typeof FIXES)[Problem]>>;
}

export interface Discovered {
  target: Target;
  http: SafeFetch;
}

export interface CertifierOptions {
  engines: EngineName[];
  limits?: SafeFetchLimits;
  /** Origin the node checks claim to be (default: the local viewer origin). */
  probeOrigin?: string;
  /** Origins the server is meant to trust: their look-alikes are probed. */
  trustedOrigins?: string[];
  progress?: (message: string) => void;
}

export class Certifier {
  private constructor(
    private readonly fixtures: RunningFixtures,
    private readonly engines: { engine: Engine; probe: Probe }[],
    private readonly options: CertifierOptions,
  ) {}

  static async start(options: CertifierOptions): Promise<Certifier> {
    const ports = { viewer: await freePort(), image: await freePort(), other: await freePort() };
    const fixtures = await startFixtures({ ports });
    const launched = await Promise.allSettled(
      options.engines.map(async (name) => {
        const engine = await launchEngine(name);
        options.progress?.(`  ${name}: ${engine.info.browser} ${engine.info.version}`);
        return { engine, probe: await engine.newProbe() };
      }),
    );
    const failed = launched.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const ok = launched.filter((r): r is PromiseFulfilledResult<{ engine: Engine; probe: Probe }> => r.status === 'fulfilled').map((r) => r.value);
    if (failed.length) {
      await Promise.all(ok.map((e) => e.engine.close()));
      await fixtures.close();
      throw new AggregateError(failed.map((f) => f.reason as Error), failed.map((f) => (f.reason as Error).message).join('\n'));
    }
    return new Certifier(fixtures, ok, options);
  }

  get viewerOrigin(): string {
    return originsFor(this.fixtures.ports).viewer;
  }

  /** The certifier's own fixture server: a ready-made target for self-tests. */
  get fixtureOrigins() {
    return originsFor(this.fixtures.ports);
  }

  /** Discovers the target's URLs (node-side only: fails fast, before any browser work). */
  static async discover(input: string, limits: SafeFetchLimits = DEFAULT_LIMITS): Promise<Discovered> {
    const http = new SafeFetch(limits);
    return { target: await discover(input, http), http };
  }

  async certify(input: string | Discovered, { trustedOrigins = this.options.trustedOrigins ?? [] } = {}): Promise<CertifyReport> {
    const started = Date.now();
    const { target, http } = typeof input === 'string' ? await Certifier.discover(input, this.options.limits) : input;
    const origins: ProbeOrigins = { viewer: this.options.probeOrigin ?? this.viewerOrigin, attacker: ATTACKER_ORIGIN, trusted: trustedOrigins };

    const browserChecks = CHECKS.filter((c): c is BrowserCheck => c.kind === 'browser');
    const nodeChecks = CHECKS.filter((c): c is NodeCheck => c.kind === 'node');
    const [perEngine, nodeResults] = await Promise.all([
      Promise.all(this.engines.map(({ engine, probe }) => this.runBrowserChecks(engine, probe, browserChecks, target))),
      (async () => {
        const out: Record<string, Outcome> = {};
        for (const check of nodeChecks) out[check.id] = await runNodeCheck(check, target, http, origins);
        return out;
      })(),
    ]);

    const checks: CheckResult[] = CHECKS.map((check) => ({
      id: check.id,
      title: check.title,
      kind: check.kind,
      problem: check.problem,
      results:
        check.kind === 'node'
          ? { [NODE_COLUMN]: nodeResults[check.id]! }
          : Object.fromEntries(this.engines.map(({ engine }, i) => [engine.info.project, perEngine[i]![check.id]!])),
    }));
    const failing = checks.filter((c) => Object.values(c.results).some((r) => r.status === 'fail' || r.status === 'warn'));
    return {
      input: target.input,
      target,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      viewerOrigin: this.viewerOrigin,
      engines: this.engines.map(({ engine }) => engine.info),
      checks,
      requests: { node: http.requestsMade },
      verdict: checks.some((c) => Object.values(c.results).some((r) => r.status === 'fail')) ? 'fail' : 'pass',
      fixes: Object.fromEntries(failing.map((c) => [c.problem, FIXES[c.problem]])),
    };
  }

  private async runBrowserChecks(engine: Engine, probe: Probe, checks: BrowserCheck[], target: Target): Promise<Record<string, Outcome>> {
    await probe.open(`${this.viewerOrigin}/blank`);
    const out: Record<string, Outcome> = {};
    for (const check of checks) {
      if (check.applies && !check.applies(target)) {
        out[check.id] = { status: 'n/a', observed: 'not applicable to this target' };
        continue;
      }
      try {
        out[check.id] = check.judge(await probe.run(performAction, check.action(target)));
      } catch (error) {
        throw new Error(`${engine.info.project} failed while running ${check.id}: ${(error as Error).message}`);
      }
      this.options.progress?.(`  ${engine.info.project.padEnd(8)} ${check.id}: ${out[check.id]!.status}`);
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map(({ engine }) => engine.close()));
    await this.fixtures.close();
  }
}
