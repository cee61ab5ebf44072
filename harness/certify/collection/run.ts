// Certifies every image service behind a collection, a many-canvas manifest or a list: walk
// (walk.ts), fingerprint every service from Node (fingerprint.ts), group equal fingerprints, certify
// a few representatives per group in every engine (browsers launched once per run, their cookies
// forgotten between services), and give every service the verdict of its own certification or of its group's, saying
// which. Results are kept in --state as they come (state.ts).

import pLimit from 'p-limit';
import type { CollectionGroup, CollectionResult, CollectionService } from '../../../contract/collection.ts';
import type { ProgressEvent } from '../../../contract/progress.ts';
import { collectionContract } from '../../../contract/validate.ts';
import { join } from 'node:path';
import { Certifier } from '../run.ts';
import type { CertifyReport } from '../types.ts';
import { DEFAULT_LIMITS, TargetError } from '../safe-fetch.ts';
import { type ErrorProbes, type FingerprintOutcome, fingerprint, fingerprintKey } from './fingerprint.ts';
import { RunState } from './state.ts';
import { HostRate, type WalkLimits, Walker } from './walk.ts';

export interface CollectionOptions {
  /** A collection, manifest or service URL; or `{ list }` (a file, `-` for stdin). */
  input: string | { list: string };
  walk: WalkLimits;
  /** Services per configuration certified in the engines. */
  representatives: number;
  samples: number;
  stateDir?: string;
  /** Screenshots of each group's first representative go to `<dir>/<group>/`. */
  viewers?: { screenshotDir: string };
  progress?: (e: ProgressEvent) => void;
  /** Aborted (SIGINT): stop between services; what is done stays in the state. */
  signal?: AbortSignal;
  /**
   * Starts the engines (the caller keeps and closes them); called once, when the walk finds its
   * first image service, so they launch while the rest is read, and never for an input that has none.
   */
  startEngines: () => Promise<Certifier>;
  /** The engines' viewer origin once it listens (starting them), before they are up: the fingerprints send it as Origin. Default: startEngines()'s. */
  viewerOrigin?: () => Promise<string>;
}

export class Interrupted extends Error {
  override name = 'Interrupted';
}

export class UnusableInput extends Error {
  override name = 'UnusableInput';
}

export const inputLabel = (input: CollectionOptions['input']) => (typeof input === 'string' ? input : `--list ${input.list}`);

export async function certifyCollection(o: CollectionOptions): Promise<CollectionResult> {
  const started = Date.now();
  const label = inputLabel(o.input);
  const state = RunState.open(o.stateDir, label);
  const emit = o.progress ?? (() => {});
  const stop = () => {
    if (o.signal?.aborted) throw new Interrupted('interrupted');
  };

  // Every service is fingerprinted from Node as soon as the walk finds it (documents and image
  // services are mostly on different hosts), at most --concurrency services at a time per host
  // and --rate requests a second per host: hosts are fingerprinted side by side, not one by one.
  const viewerOrigin = o.viewerOrigin ?? (async () => (await o.startEngines()).viewerOrigin);
  const rate = new HostRate(o.walk.rate);
  const limits = { ...DEFAULT_LIMITS, timeoutMs: o.walk.timeoutMs };
  const perHost = new Map<string, ReturnType<typeof pLimit>>();
  const errorProbes: ErrorProbes = new Map();
  const tasks = new Map<string, Promise<FingerprintOutcome>>();
  let documents = 0;
  let found = 0;
  let done = 0;
  let lastCount = 0;
  const count = (certified: number, perEngine: Record<string, number>, force = false) => {
    if (!force && Date.now() - lastCount < 1000) return;
    lastCount = Date.now();
    emit({ type: 'count', documents, servicesFound: found, servicesFingerprinted: done, servicesCertified: certified, perEngine });
  };
  const fingerprintOf = (url: string): Promise<FingerprintOutcome> => {
    const started = tasks.get(url);
    if (started) return started;
    const host = new URL(url).host;
    if (!perHost.has(host)) perHost.set(host, pLimit(o.walk.concurrency));
    const task = perHost.get(host)!(async (): Promise<FingerprintOutcome> => {
      const saved = state.fingerprint(url);
      if (saved) return (done++, saved);
      stop();
      const outcome = await fingerprint(url, await viewerOrigin(), limits, rate, errorProbes);
      state.saveFingerprint(url, outcome);
      done++;
      count(0, {});
      return outcome;
    });
    task.catch(() => {}); // awaited after the walk; an interruption or a launch failure meanwhile is not unhandled
    tasks.set(url, task);
    return task;
  };

  let walk = state.walk();
  emit({ type: 'phase', phase: 'discover', message: walk ? `resuming: ${walk.services.length} services from the saved walk` : `reading ${label}` });
  if (!walk) {
    const walker = new Walker(
      o.walk,
      (counts) => {
        ({ documents, servicesFound: found } = counts);
        count(0, {});
      },
      (s) => {
        void o.startEngines().catch(() => {}); // the engines launch while the walk goes on; awaited below
        found++;
        void fingerprintOf(s.url);
      },
    );
    walk = typeof o.input === 'string' ? await walker.fromUrl(o.input) : await walker.fromList(o.input.list);
    walk.services.sort((a, b) => a.url.localeCompare(b.url, 'en', { numeric: true }));
    walk.unreachable.sort((a, b) => a.url.localeCompare(b.url, 'en', { numeric: true }));
    stop();
    state.saveWalk(walk);
  }
  if (!walk.services.length) {
    const why = [
      walk.unreachable[0] ? `${walk.unreachable.length} could not be read, e.g. ${walk.unreachable[0].url}: ${walk.unreachable[0].reason}` : 'no image service was referenced',
      ...walk.truncated,
      ...walk.skipped.slice(0, 1).map((s) => `${s.url}: ${s.reason}`),
    ].join('; ');
    throw new UnusableInput(`found no image service to certify in ${label} (${walk.documents} documents read; ${why})`);
  }
  documents = walk.documents;
  found = walk.services.length;
  const certifier = await o.startEngines();
  const readSeconds = Math.round((Date.now() - started) / 100) / 10;
  const projects = certifier.engineInfo.map((e) => e.project);

  emit({ type: 'phase', phase: 'fingerprint', message: `fingerprinting ${walk.services.length} services from Node (${done} done while reading)` });
  const outcomes = await Promise.all(walk.services.map((s) => fingerprintOf(s.url)));
  // A probe with no answer (a loaded machine, a slow moment) would make a configuration of its own: asked once more, alone.
  for (const [i, out] of outcomes.entries()) {
    if (!out.fingerprint || !Object.values(out.fingerprint.responses).some((v) => v.startsWith('no response'))) continue;
    stop();
    outcomes[i] = await fingerprint(walk.services[i]!.url, certifier.viewerOrigin, limits, rate);
    state.saveFingerprint(walk.services[i]!.url, outcomes[i]!);
  }
  count(0, {}, true);
  const fingerprintSeconds = Math.round((Date.now() - started) / 100) / 10 - readSeconds;

  // Group equal fingerprints, in the services' (sorted) order.
  const byKey = new Map<string, { group: CollectionGroup; members: number[] }>();
  outcomes.forEach((out, i) => {
    if (!out.fingerprint) return;
    const key = fingerprintKey(out.fingerprint);
    let entry = byKey.get(key);
    if (!entry) {
      const f = out.fingerprint;
      entry = { group: { id: `g${byKey.size + 1}`, host: f.host, server: f.server, fingerprint: f, services: 0, representatives: [], checkedInBrowsers: [], verdict: 'unusable', diagnoses: [] }, members: [] };
      byKey.set(key, entry);
    }
    entry.group.services++;
    entry.members.push(i);
  });

  // A few representatives per group, in every engine.
  emit({ type: 'phase', phase: 'certify', message: `${byKey.size} configurations: certifying up to ${o.representatives} services of each in ${projects.join(', ')}` });
  const results = new Map<number, CertifyReport | { error: string }>();
  const perEngine: Record<string, number> = Object.fromEntries(projects.map((p) => [p, 0]));
  const certifyStarted = Date.now();
  // One browsing state per engine for the run (the probes launched with the engines), its cookies
  // forgotten between services; fresh probes (a new profile or WebDriver session) only after a
  // service whose server sent Strict-Transport-Security, which no engine lets a driver clear.
  let current = certifier;
  let fresh: Certifier | undefined;
  let previous: CertifyReport | { error: string; origins: string[] } | undefined;
  let relaunches = 0;
  const timings = process.env.CORS_CERTIFY_TIMINGS ? (m: string) => emit({ type: 'phase', phase: 'certify', message: m }) : undefined;
  try {
    for (const { group, members } of byKey.values()) {
      for (const i of members.slice(0, o.representatives)) {
        const url = walk.services[i]!.url;
        let r = state.result(url);
        if (!r) {
          stop();
          const shots = o.viewers && group.representatives.length === 0 ? join(o.viewers.screenshotDir, group.id) : undefined;
          const t0 = Date.now();
          if (previous && sentHsts(previous)) {
            await fresh?.close();
            current = fresh = await certifier.isolated();
            relaunches++;
          } else if (previous) await current.forgetCookies(originsOf(previous));
          const t1 = Date.now();
          try {
            r = await current.certify(await Certifier.discover(`${url}/info.json`, limits, o.samples), shots ? { screenshotDir: shots } : {});
            previous = r;
          } catch (error) {
            if (!(error instanceof TargetError)) throw error;
            r = { error: error.message };
            previous = { ...r, origins: [url] };
          }
          timings?.(`${url}: browsing state ${((t1 - t0) / 1000).toFixed(1)} s, certify ${((Date.now() - t1) / 1000).toFixed(1)} s`);
          state.saveResult(url, r);
        }
        results.set(i, r);
        group.representatives.push(url);
        if ('verdict' in r) for (const p of r.engines.map((e) => e.project)) perEngine[p] = (perEngine[p] ?? 0) + 1;
        count(results.size, perEngine, true);
      }
    }
  } finally {
    await fresh?.close();
  }
  const certifySeconds = Math.round((Date.now() - certifyStarted) / 100) / 10;

  // Verdicts: a representative's own; the others', their group's (fail if any representative failed).
  for (const { group, members } of byKey.values()) {
    const reps = members.slice(0, o.representatives).map((i) => results.get(i)!).filter((r): r is CertifyReport => 'verdict' in r);
    group.checkedInBrowsers = [...new Set(reps.flatMap((r) => r.engines.map((e) => e.project)))];
    group.verdict = !reps.length ? 'unusable' : reps.some((r) => r.verdict === 'fail') ? 'fail' : 'pass';
    const causes = new Map<string, CertifyReport['diagnoses'][number]>();
    for (const r of reps) for (const d of r.diagnoses) if (!causes.has(d.cause) || d.severity === 'fail') causes.set(d.cause, d);
    group.diagnoses = [...causes.values()];
    const first = reps.find((r) => r.verdict === group.verdict) ?? reps[0];
    if (first) group.result = first;
  }
  const groupOf = new Map<number, CollectionGroup>();
  for (const { group, members } of byKey.values()) for (const i of members) groupOf.set(i, group);
  const summary = (ds: CollectionGroup['diagnoses']) => ds.map(({ cause, severity, title }) => ({ cause, severity, title }));
  const services: CollectionService[] = walk.services.map((s, i) => {
    const host = new URL(s.url).origin;
    const out = outcomes[i]!;
    if (!out.fingerprint) return { url: s.url, host, from: s.from, verdict: 'unusable', group: null, checkedIn: 'none', diagnoses: [], error: out.error };
    const group = groupOf.get(i)!;
    const own = results.get(i);
    if (own && 'error' in own) return { url: s.url, host, from: s.from, verdict: 'unusable', group: group.id, checkedIn: 'none', diagnoses: [], error: own.error };
    if (own) return { url: s.url, host, from: s.from, verdict: own.verdict, group: group.id, checkedIn: 'browsers', diagnoses: summary(own.diagnoses) };
    return { url: s.url, host, from: s.from, verdict: group.verdict, group: group.id, checkedIn: group.verdict === 'unusable' ? 'none' : 'fingerprint', diagnoses: summary(group.diagnoses) };
  });
  const n = (v: string) => services.filter((s) => s.verdict === v).length;
  const result: CollectionResult = {
    kind: 'collection',
    schemaVersion: 1,
    input: label,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    engines: certifier.engineInfo,
    summary: {
      documents: walk.documents,
      services: services.length,
      hosts: new Set(services.map((s) => s.host)).size,
      pass: n('pass'),
      fail: n('fail'),
      unusable: n('unusable'),
      checkedInBrowsers: services.filter((s) => s.checkedIn === 'browsers').length,
    },
    limits: { maxServices: o.walk.maxServices, maxDocuments: o.walk.maxDocuments, maxDepth: o.walk.maxDepth, truncated: walk.truncated },
    groups: [...byKey.values()].map((e) => e.group),
    services,
    unreachable: walk.unreachable,
    skipped: walk.skipped,
    verdict: n('fail') ? 'fail' : n('pass') ? 'pass' : 'unusable',
  };
  emit({ type: 'phase', phase: 'report', message: `${result.summary.pass} pass, ${result.summary.fail} fail, ${result.summary.unusable} unusable, ${walk.unreachable.length} documents unreachable; ${readSeconds} s reading and launching, ${fingerprintSeconds.toFixed(1)} s fingerprinting, ${certifySeconds} s in the engines (${relaunches ? `${relaunches} fresh browsing state${relaunches === 1 ? '' : 's'} after HSTS` : 'one browsing state per engine, cookies forgotten between services'})` });
  return collectionContract.assert(result);
}

/** The origins a certified service's requests went to (redirects included): whose cookies to forget. */
function originsOf(r: CertifyReport | { origins: string[] }): string[] {
  return 'origins' in r ? r.origins : [...new Set(r.requests.map((e) => new URL(e.url).origin))];
}

/** Did the service's server ask for HSTS (seen from Node, on the same requests the engines made)? */
function sentHsts(r: CertifyReport | { origins: string[] }): boolean {
  return 'requests' in r && r.requests.some((e) => e.headers['strict-transport-security'] !== undefined);
}

/** 0 every service passes and everything was read; 1 a CORS failure, or something listed as unusable or unreachable; 2 nothing could be certified. */
export function exitCodeOf(r: CollectionResult): 0 | 1 | 2 {
  if (r.verdict === 'unusable') return 2;
  return r.summary.fail || r.summary.unusable || r.unreachable.length ? 1 : 0;
}
