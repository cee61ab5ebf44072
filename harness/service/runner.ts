// One hosted certify run: preparation (validated input, the target discovered node-side through the
// address guard, every host the browsers will request checked) happens before the 202, so a refused
// or unusable target is a 4xx at once; the run itself takes fresh probes on the shared engines
// (Certifier.isolated), under a time cap, and stops its requests and probes when cancelled.

import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { Dispatcher } from 'undici';
import type { CertifyResult } from '../../contract/certify.ts';
import type { CertifyRequest, ServiceEvent } from '../../contract/service.ts';
import { renderReport } from '../certify/report.ts';
import { Certifier } from '../certify/run.ts';
import type { Discovered } from '../certify/types.ts';
import { DEFAULT_SAMPLES } from '../certify/discover.ts';
import { SafeFetch, type SafeFetchLimits, TargetError } from '../certify/safe-fetch.ts';
import { parseViewerOrigin } from '../certify/viewer-origin.ts';
import type { EngineName } from '../../contract/engine.ts';
import { type AddressPolicy, RefusedTargetError, checkUrl } from './address-guard.ts';
import { type Job, type Outcome, RefusedError } from './jobs.ts';

export interface RunLimits {
  /** Wall time of one run, discovery excluded. */
  runMs: number;
  /** Node-side requests of one run (the browsers' are bounded by the plan's sample). */
  fetch: SafeFetchLimits;
  samples: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = { runMs: 5 * 60_000, fetch: { timeoutMs: 10_000, maxBodyBytes: 4 * 1024 * 1024, maxRequests: 400 }, samples: DEFAULT_SAMPLES };

export interface Prepared {
  request: CertifyRequest;
  engines: EngineName[];
  discovered: Discovered;
  http: SafeFetch;
}

/** The request's fields checked beyond their shape; a RefusedError names the field. */
function checkFields(request: CertifyRequest, available: EngineName[]): EngineName[] {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new RefusedError(`"${request.url}" is not a URL: give the http(s) URL of an info.json, image service, image request or manifest`, 400, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedError(`only http and https URLs can be certified, not ${url.protocol}`, 400, 'url');
  if (url.username || url.password) throw new RefusedError('the URL carries credentials (user:password@): certify never sends credentials to a target; remove them', 400, 'url');
  if (request.viewerOrigin !== undefined) {
    const parsed = parseViewerOrigin(request.viewerOrigin);
    if ('problem' in parsed) throw new RefusedError(`viewerOrigin takes an http or https origin without a path, like https://viewer.example.org: ${parsed.problem}`, 400, 'viewerOrigin');
  }
  for (const t of request.trustedOrigins ?? []) {
    let ok = false;
    try {
      ok = new URL(t).origin === t;
    } catch {}
    if (!ok) throw new RefusedError(`trustedOrigins takes origins like https://viewer.example.org, got "${t}"`, 400, 'trustedOrigins');
  }
  const engines = (request.engines ?? available) as EngineName[];
  const missing = engines.filter((e) => !available.includes(e));
  if (missing.length) throw new RefusedError(`this server runs ${available.join(', ')}; ${missing.join(', ')} is not available here`, 400, 'engines');
  return engines;
}

/** Every host the browsers will request (service, tiles, manifest): each must pass the guard too. */
function hostsOf(d: Discovered): string[] {
  const t = d.target;
  const urls = [t.input, ...Object.values(t.urls).flatMap((u) => (typeof u === 'string' ? [u] : [])), ...t.plan.sampled.map((s) => s.url), ...(t.manifest ? [t.manifest] : [])];
  return [...new Set(urls.map((u) => new URL(u).origin))];
}

export async function prepare(request: CertifyRequest, available: EngineName[], policy: AddressPolicy, dispatcher: Dispatcher, limits: RunLimits): Promise<Prepared> {
  const engines = checkFields(request, available);
  const http = new SafeFetch(limits.fetch, dispatcher);
  try {
    await checkUrl(request.url, policy);
    const discovered = await Certifier.discover(request.url, limits.fetch, limits.samples, http);
    for (const origin of hostsOf(discovered)) await checkUrl(origin, policy);
    return { request, engines, discovered, http };
  } catch (error) {
    if (error instanceof RefusedTargetError) throw new RefusedError(error.message, 403, 'url');
    if (error instanceof TargetError) throw new RefusedError(`cannot certify ${request.url}: ${error.message.replace(/^.*?: (refused: )/, '$1')}`, /refused: /.test(error.message) ? 403 : 422, 'url');
    throw error;
  }
}

/** Runs a prepared job on the shared certifier (or, with a viewer origin, on engines of its own). */
export async function runJob(shared: Certifier, job: Job<Prepared>, signal: AbortSignal, emit: (e: ServiceEvent) => void, limits: RunLimits, dir: string): Promise<Outcome> {
  const { request, engines, discovered, http } = job.prepared;
  mkdirSync(dir, { recursive: true });
  const progress = (message: string) => {
    const m = /^\s+(\S+)\s+(.*)$/.exec(message);
    if (m && engines.some((e) => m[1]!.startsWith(e))) emit({ type: 'engine', project: m[1]!, message: m[2]! });
    else emit({ type: 'phase', phase: 'certify', message: message.trim() });
  };
  const options = {
    progress,
    checkDone: (project: string, done: number, total: number, check: string) => emit({ type: 'check', project, done, total, check }),
    trustedOrigins: request.trustedOrigins ?? [],
    ...(request.viewers && { viewers: { screenshotDir: dir } }),
  };
  emit({ type: 'phase', phase: 'launch', message: `fresh browser profiles for ${engines.join(', ')}` });
  const certifier = request.viewerOrigin
    ? await Certifier.start({ ...options, engines, limits: limits.fetch, samples: limits.samples, realViewerOrigin: request.viewerOrigin })
    : await shared.isolated({ ...options, engines });
  let stopped: string | undefined;
  const stop = (reason: string) => {
    stopped = reason;
    http.stop(reason);
    void certifier.close();
  };
  const onAbort = () => stop(job.error ?? 'cancelled');
  signal.addEventListener('abort', onAbort);
  const timer = setTimeout(() => {
    job.error = `the run took longer than its limit of ${limits.runMs / 1000} s and was stopped`;
    job.abort.abort();
  }, limits.runMs);
  try {
    emit({ type: 'phase', phase: 'certify', message: `certifying ${discovered.target.service.id} from ${certifier.viewerOrigin}` });
    const report = await certifier.certify(discovered);
    if (stopped) throw new Error(stopped);
    const result = servedPaths(JSON.parse(JSON.stringify(report)) as CertifyResult, job.id);
    const verdictLine = renderReport(report).split('\n')[1]!;
    emit({ type: 'done', verdict: report.verdict, exitCode: report.verdict === 'pass' ? 0 : 1 });
    return { result, verdictLine };
  } catch (error) {
    throw new Error(stopped ?? (error instanceof AggregateError ? error.errors.map((e: Error) => e.message).join('; ') : (error as Error).message), { cause: error });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    if (!stopped) await certifier.close();
  }
}

/** Screenshots are named by the URL the service serves them at, not by a path on its disk. */
function servedPaths(r: CertifyResult, id: string): CertifyResult {
  return { ...r, ...(r.viewers && { viewers: r.viewers.map((v) => ({ ...v, screenshot: v.screenshot && `/api/certify/${id}/files/${basename(v.screenshot)}` })) }) };
}
