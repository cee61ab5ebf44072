// `npm run certify -- <url>`: is this IIIF server's CORS right, in every engine, for what viewers do?

import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exitWithUsage, parseOrExit } from '../cli/command.ts';
import { selectedEngines } from '../engines/select.ts';
import { EngineUnavailableError } from '../engines/types.ts';
import { renderHtmlReport } from '../report/html.ts';
import { certifyJson, renderReport } from './report.ts';
import { ContractError } from '../../contract/validate.ts';
import { Certifier } from './run.ts';
import { DEFAULT_LIMITS, SafeFetch, TargetError } from './safe-fetch.ts';
import { caDispatcher, trustForTarget } from './tls-ca.ts';
import { certifyRefusedCertificate } from './tls-refusal.ts';
import { COMMAND } from '../cli/certify.ts';
import { serveCommand, workerCommand } from '../service/cli-serve.ts';
import { isCollectionInput, runCollectionCli } from './collection/cli-flow.ts';
import { DEFAULT_WALK } from './collection/walk.ts';

async function main(): Promise<number> {
  const { values, positionals } = parseOrExit(COMMAND);
  if (values.worker) {
    if (positionals.length || values.serve) exitWithUsage(COMMAND, '--worker takes no URL and no --serve: it runs what a --serve --queue server queues');
    return workerCommand(values, (cause) => exitWithUsage(COMMAND, cause));
  }
  if (values.queue && !values.serve) exitWithUsage(COMMAND, '--queue goes with --serve (the server that queues) or --worker (a worker that runs)');
  if (values.serve) {
    if (positionals.length) exitWithUsage(COMMAND, '--serve takes no URL: people give theirs on the page');
    return serveCommand(values, (cause) => exitWithUsage(COMMAND, cause));
  }
  const { samples, format, timeout } = values;
  if ((positionals.length === 1) === !!values.list) exitWithUsage(COMMAND, values.list ? 'give either <url> or --list, not both' : 'missing the URL to certify: give <url>, --list <file>, or --serve for the web page');
  const trustedOrigins = values['trusted-origin'] ?? [];
  const realViewerOrigin = values['viewer-origin'];
  const progress = values.quiet ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  let engines;
  try {
    engines = selectedEngines();
  } catch (error) {
    exitWithUsage(COMMAND, (error as Error).message);
  }
  const limits = { ...DEFAULT_LIMITS, timeoutMs: timeout * 1000 };
  const ca = values.ca;
  const walk = { ...DEFAULT_WALK, concurrency: values.concurrency, rate: values.rate, timeoutMs: timeout * 1000, maxServices: values['max-services'], maxDocuments: values['max-documents'], maxDepth: values['max-depth'] };
  if (values.list || (await isCollectionInput(positionals[0]!, limits.timeoutMs, walk.maxDocumentBytes))) {
    if (realViewerOrigin) exitWithUsage(COMMAND, '--viewer-origin is for a single target; certify a collection from certify\'s own origin');
    if (ca) exitWithUsage(COMMAND, '--ca is for a single target for now; certify the services of a collection one by one');
    return runCollectionCli({
      input: values.list ? { list: values.list } : positionals[0]!,
      engines,
      walk,
      representatives: values.representatives,
      samples,
      trustedOrigins,
      viewers: !!values.viewers,
      quiet: !!values.quiet,
      ...(values.state && { state: values.state }),
      ...(values.json && { json: values.json }),
      ...(values.html && { html: values.html }),
    });
  }
  let discovered;
  let extraTrust;
  try {
    discovered = await Certifier.discover(positionals[0]!, limits, samples, new SafeFetch(limits, ca && caDispatcher(ca)));
    if (ca) extraTrust = await trustForTarget(ca, discovered.target, limits.timeoutMs);
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    // A certificate browsers refuse: its own root cause, observed in every engine (tls-refusal.ts).
    if (error.certificate) return certifyRefusedCertificate({ input: positionals[0]!, ...error.certificate, engines, timeoutMs: limits.timeoutMs, progress, allFixes: !!values['all-fixes'], ...(ca && { ca }), ...(realViewerOrigin && { realViewerOrigin }), ...(values.json && { json: values.json }) });
    process.stderr.write(`certify: cannot certify ${positionals[0]}: ${error.message}\n`);
    return 2;
  }
  // The mapping sends every request for the viewer origin to certify's local page: a target there would be shadowed.
  const shadowed = [discovered.target.input, discovered.target.urls.info, ...(discovered.target.manifest ? [discovered.target.manifest] : [])].find((u) => new URL(u).origin === realViewerOrigin);
  if (shadowed) {
    process.stderr.write(`certify: ${shadowed} is on the viewer origin ${realViewerOrigin} itself: requests there are same-origin (no CORS involved), and certify serves its own page under that origin. Certify a URL on another origin, or give another --viewer-origin.\n`);
    return 2;
  }
  progress?.(`Target: IIIF Image API ${discovered.target.service.version} service ${discovered.target.service.id} (from ${discovered.target.kind}); ${discovered.target.plan.sampled.length} tiles sampled`);
  progress?.(`Starting ${engines.join(', ')}…`);
  let certifier: Certifier;
  try {
    const beside = values.json && values.json !== '-' ? values.json : values.html;
    const screenshotDir = beside ? dirname(resolve(beside)) : resolve('certify-viewers');
    certifier = await Certifier.start({ engines, limits, samples, trustedOrigins, progress, realViewerOrigin, ...(extraTrust && { extraTrust }), ...(values.viewers && { viewers: { screenshotDir } }) });
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error];
    for (const e of errors) process.stderr.write(`certify: ${e instanceof EngineUnavailableError ? e.message : String((e as Error)?.stack ?? e)}\n`);
    return 2;
  }
  progress?.(`Viewer origin: ${certifier.viewerOrigin}${realViewerOrigin ? ' (--viewer-origin: served locally, mapped in every engine)' : " (certify's own, loopback)"}`);
  try {
    const report = await certifier.certify(discovered);
    const wallMs = performance.now();
    // Checked against contract/certify.ts before anything is written: a script never reads a document the contract does not describe.
    const json = values.json ? certifyJson({ ...report, wallMs }) : '';
    if (values.json === '-') process.stdout.write(json + '\n');
    else process.stdout.write(renderReport(report, { verbose: values.verbose, allFixes: values['all-fixes'], format, wallMs }));
    if (values.json && values.json !== '-') writeFileSync(values.json, json);
    if (values.html) writeFileSync(values.html, renderHtmlReport({ ...report, wallMs }));
    return report.verdict === 'pass' ? 0 : 1;
  } catch (error) {
    if (error instanceof ContractError) {
      process.stderr.write(`certify: internal error, nothing written: ${error.message}. This is a bug in certify; please report it with the command you ran.\n`);
      return 2;
    }
    if (error instanceof TargetError) {
      process.stderr.write(`certify: cannot certify ${positionals[0]}: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await certifier.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`certify: internal error: ${String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = 2;
  },
);
