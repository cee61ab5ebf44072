// The CLI's collection mode (a Collection, a manifest with several image services, or --list):
// launches the engines while the walk runs, prints progress events on stderr, writes --json
// (validated) and --html, keeps --state, and stops cleanly on SIGINT (resumable).

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CollectionResult } from '../../../contract/collection.ts';
import { type ProgressEvent, progressLine } from '../../../contract/progress.ts';
import type { EngineName } from '../../../contract/engine.ts';
import { imageServices, types } from '../../iiif-json.ts';
import { renderHtmlReport } from '../../report/html.ts';
import { handleCtrlCHere } from '../../engines/terminal-signals.ts';
import { Certifier } from '../run.ts';
import { SafeFetch, bodyText } from '../safe-fetch.ts';
import { StateError } from './state.ts';
import { Interrupted, UnusableInput, certifyCollection, exitCodeOf, inputLabel } from './run.ts';
import type { WalkLimits } from './walk.ts';

/** Whether a URL is for collection mode: a Collection, or a manifest with more than one image service (one GET; errors say no). */
export async function isCollectionInput(url: string, timeoutMs: number, maxBytes: number): Promise<boolean> {
  try {
    const last = (await new SafeFetch({ timeoutMs, maxBodyBytes: maxBytes, maxRequests: 12 }).follow(url, { Accept: 'application/ld+json, application/json' })).at(-1)!;
    if (last.status >= 400 || last.truncated) return last.truncated;
    const json = JSON.parse(bodyText(last)) as Record<string, unknown>;
    if (types(json).some((t) => t === 'Collection' || t === 'sc:Collection')) return true;
    return types(json).some((t) => t === 'Manifest' || t === 'sc:Manifest') && imageServices(json, 2).length > 1;
  } catch {
    return false;
  }
}

export interface CollectionCliOptions {
  input: string | { list: string };
  engines: EngineName[];
  walk: WalkLimits;
  representatives: number;
  samples: number;
  state?: string;
  json?: string;
  html?: string;
  viewers: boolean;
  trustedOrigins: string[];
  quiet: boolean;
}

export async function runCollectionCli(o: CollectionCliOptions): Promise<number> {
  const t0 = performance.now();
  const print = (e: ProgressEvent) => {
    if (!o.quiet || e.type === 'done') process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${progressLine(e)}\n`);
  };
  const beside = o.json && o.json !== '-' ? o.json : o.html;
  const screenshotDir = beside ? join(dirname(resolve(beside)), 'certify-viewers') : resolve('certify-viewers');
  const abort = new AbortController();
  // One Ctrl-C reaches this process more than once: from the terminal (the whole foreground process
  // group) and again from `npm run`, which forwards SIGINT to its script. Copies within a second are
  // the same Ctrl-C; a later one is the user insisting.
  let interruptedAt = 0;
  const onSigint = () => {
    if (abort.signal.aborted) {
      if (performance.now() - interruptedAt > 1000) process.exit(130);
      return;
    }
    interruptedAt = performance.now();
    process.stderr.write('certify: interrupted; finishing the service in progress (Ctrl-C again to stop at once)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  // The engines stay up through Ctrl-C (outside the terminal's process group, Playwright's handler off), so the service in progress ends and is kept.
  handleCtrlCHere();
  // Launched once the walk finds an image service (while the rest is read); an input without one launches nothing.
  let certifier: Promise<Certifier> | undefined;
  let viewerOrigin: Promise<string> | undefined;
  const startEngines = () => {
    if (certifier) return certifier;
    print({ type: 'phase', phase: 'launch', message: `starting ${o.engines.join(', ')} while the collection is read` });
    ({ certifier, viewerOrigin } = Certifier.starting({
      engines: o.engines,
      samples: o.samples,
      trustedOrigins: o.trustedOrigins,
      progress: (m) => print({ type: 'engine', project: m.trim().split(/[: ]/)[0] ?? '', message: m.trim() }),
      ...(o.viewers && { viewers: { screenshotDir } }),
    }));
    certifier.catch(() => {}); // awaited by the run; a launch failure must not be an unhandled rejection meanwhile
    return certifier;
  };
  let result: CollectionResult;
  try {
    result = await certifyCollection({ input: o.input, walk: o.walk, representatives: o.representatives, samples: o.samples, ...(o.state && { stateDir: o.state }), ...(o.viewers && { viewers: { screenshotDir } }), progress: print, signal: abort.signal, startEngines, viewerOrigin: () => (startEngines(), viewerOrigin!) });
  } catch (error) {
    // An engine that failed after Ctrl-C (killed with its process group by a signal meant for us) is the interruption.
    const code = failure(abort.signal.aborted ? new Interrupted('interrupted') : error, o);
    if (code === null) throw error;
    return code;
  } finally {
    process.off('SIGINT', onSigint);
    await certifier?.then((c) => c.close(), () => {});
  }
  const text = JSON.stringify(result, null, 2);
  if (o.json === '-') process.stdout.write(`${text}\n`);
  else {
    if (o.json) writeFileSync(o.json, text);
    process.stdout.write(summaryText(result, o));
  }
  if (o.html) writeFileSync(o.html, renderHtmlReport(result));
  const exitCode = exitCodeOf(result);
  print({ type: 'done', verdict: result.verdict, exitCode });
  return exitCode;
}

function failure(error: unknown, o: CollectionCliOptions): number | null {
  const label = inputLabel(o.input);
  if (error instanceof Interrupted) {
    process.stderr.write(`certify: interrupted; ${o.state ? `run the same command again (same --state ${o.state}) to resume` : 'give --state <dir> to make a long run resumable'}\n`);
    return 130;
  }
  if (error instanceof UnusableInput || error instanceof StateError) {
    process.stderr.write(`certify: cannot certify ${label}: ${error.message}\n`);
    return 2;
  }
  const errors = error instanceof AggregateError ? error.errors : [];
  if (errors.length) {
    for (const e of errors) process.stderr.write(`certify: ${(e as Error).message}\n`);
    return 2;
  }
  return null;
}

/** What fits a screen: verdict, counts, one line per configuration, what could not be read. */
function summaryText(r: CollectionResult, o: CollectionCliOptions): string {
  const s = r.summary;
  const out = [
    `certify ${r.input}`,
    `${r.verdict.toUpperCase()}: ${s.services} services on ${s.hosts} hosts in ${r.groups.length} configurations (${s.documents} documents read): ${s.pass} pass, ${s.fail} fail, ${s.unusable} unusable; ${s.checkedInBrowsers} certified in ${r.engines.map((e) => e.project).join('/')}, the rest by fingerprint (${(r.durationMs / 1000).toFixed(1)} s)`,
  ];
  for (const g of r.groups.slice(0, 20)) {
    const causes = g.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause);
    out.push(`  ${g.id.padEnd(4)} ${g.verdict.toUpperCase().padEnd(8)} ${String(g.services).padStart(5)} services  ${g.host} ${g.server} ${g.fingerprint.pathPattern}${causes.length ? `: ${causes.join(', ')}` : ''}`);
  }
  if (r.groups.length > 20) out.push(`  … ${r.groups.length - 20} more configurations in --json / --html`);
  for (const line of r.limits.truncated) out.push(`Cap reached: ${line}`);
  if (r.unreachable.length) out.push(`Could not be read (${r.unreachable.length}): ${r.unreachable.slice(0, 3).map((u) => `${u.url}: ${u.reason}`).join('; ')}${r.unreachable.length > 3 ? '; …' : ''}`);
  if (r.skipped.length) out.push(`Not followed (${r.skipped.length}): ${r.skipped[0]!.url}: ${r.skipped[0]!.reason}`);
  const unusable = r.services.filter((x) => x.verdict === 'unusable');
  if (unusable.length) out.push(`Unusable services (${unusable.length}): ${unusable.slice(0, 3).map((u) => `${u.url}: ${u.error}`).join('; ')}${unusable.length > 3 ? '; …' : ''}`);
  if (!o.html) out.push('Fixes per configuration: --html <file> (a page with a copy button) or --json <file>.');
  return `${out.join('\n')}\n`;
}
