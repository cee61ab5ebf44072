// `npm run certify -- <url>`: is this IIIF server's CORS right, in every engine, for what viewers do?

import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, defineCommand, exitWithUsage, oneOf, parseOrExit, wholeNumber } from '../cli/command.ts';
import { selectedEngines } from '../engines/select.ts';
import { EngineUnavailableError } from '../engines/types.ts';
import { DEFAULT_SAMPLES } from './discover.ts';
import { certifyJson, renderReport } from './report.ts';
import { ContractError } from '../../contract/validate.ts';
import { Certifier } from './run.ts';
import { parseViewerOrigin } from './viewer-origin.ts';
import { DEFAULT_LIMITS, TargetError } from './safe-fetch.ts';

/** Seconds, up to 120 (fractions allowed). */
function seconds(raw: string): number {
  const n = Number(raw);
  if (!(n > 0 && n <= 120)) throw new UsageError(`--timeout takes seconds from 1 to 120, got "${raw}"`);
  return n;
}

function trustedOrigin(raw: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {}
  if (!parsed || parsed.origin !== raw) throw new UsageError(`--trusted-origin takes an origin like https://viewer.example.org, got "${raw}"`);
  return raw;
}

function viewerOrigin(raw: string): string {
  const parsed = parseViewerOrigin(raw);
  if ('problem' in parsed) throw new UsageError(`--viewer-origin takes an http or https origin without a path, like https://viewer.example.org: ${parsed.problem}`);
  return parsed.origin;
}

const COMMAND = defineCommand({
  name: 'certify',
  usage: 'npm run certify -- <url> [options]',
  summary: `<url> is a IIIF Image service base URI, its info.json, an image request, or a Presentation 2/3
manifest. The checks run in real Chromium, Firefox and WebKit from a local viewer origin (or
from yours, --viewer-origin), plus node-side probes (forged origins, redirect hops). Only GET,
HEAD and OPTIONS are sent; no credentials; every request has a timeout.`,
  options: {
    samples: { type: 'string', value: '<n>', description: 'tiles sampled across scale factors and positions', default: String(DEFAULT_SAMPLES), parse: wholeNumber('samples', 1, 500) },
    verbose: { type: 'boolean', description: 'every check and observation, with the node-side requests and answers' },
    'all-fixes': { type: 'boolean', description: 'the fix for every server software, not only the one detected' },
    format: { type: 'string', value: '<fmt>', description: 'text or md (Markdown, for a CI step summary)', default: 'text', parse: oneOf('format', ['text', 'md']) },
    json: { type: 'string', value: '<file>', description: 'also write the structured result (requests, statuses, headers per engine) as JSON; "-" writes it to stdout instead of the text report' },
    'trusted-origin': {
      type: 'string',
      value: '<origin>',
      multiple: true,
      description: "an origin the server is meant to allow (e.g. your viewer's). Look-alikes of it (prefix, suffix, unescaped dots, other scheme) are probed",
      parse: trustedOrigin,
    },
    'viewer-origin': {
      type: 'string',
      value: '<origin>',
      description:
        "run the browser checks from your viewer's real origin (e.g. https://viewer.example.org), so a server that allows only listed origins is certified as it behaves for that viewer. " +
        'The viewer page is served locally under that name (certificate from the local CA) and each engine is mapped to it (Chromium --host-resolver-rules; Firefox and WebKit a local pass-through proxy that routes only that host and forwards everything else unchanged); ' +
        "no system DNS or proxy setting changes. http or https, no path. Default: certify's own loopback origin (http://127.0.0.1:<port>)",
      parse: viewerOrigin,
    },
    timeout: { type: 'string', value: '<s>', description: 'per-request timeout for node-side requests', default: String(DEFAULT_LIMITS.timeoutMs / 1000), parse: seconds },
    viewers: {
      type: 'boolean',
      description:
        'also open the image in real viewers (OpenSeadragon 6 WebGL and canvas drawers, Mirador 4 for a manifest) in every engine and say whether a person would see it, judged by the screenshot\'s pixels; ' +
        'screenshots go next to the --json file (else to ./certify-viewers/). Adds a few seconds per engine',
    },
    quiet: { type: 'boolean', description: 'no progress lines' },
  },
  positionals: { min: 1, max: 1, name: 'the URL to certify' },
  epilog: `Engines: CORS_ENGINES=chromium,firefox,webkit (default all three).

Requests are planned from the info.json as viewers make them: tiles per scale factor in the
version's canonical form, a thumbnail from "sizes", full/max only at level 1 or 2, jpg/default,
max sizes respected; what it does not promise is listed as not checked. Every browser failure is
repeated from Node (same URL, Origin and headers, the OPTIONS preflight, redirects followed): an
error status that carries correct CORS headers is "not available", no answer is a network failure,
neither counts as CORS. Failures are grouped into root causes, each with one fix for the server the
response headers name (nginx, Apache, lighttpd, Caddy, iipsrv, Cantaloupe, Loris, S3, CloudFront,
Varnish, Cloudflare, Fastly).

Exit code: 0 CORS is right (warnings and "not available" allowed), 1 a CORS check failed, 2
unusable input, an unreachable target, or an engine that could not start.`,
});

async function main(): Promise<number> {
  const { values, positionals } = parseOrExit(COMMAND);
  const { samples, format, timeout } = values;
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
  let discovered;
  try {
    discovered = await Certifier.discover(positionals[0]!, limits, samples);
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
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
    const screenshotDir = values.json && values.json !== '-' ? dirname(resolve(values.json)) : resolve('certify-viewers');
    certifier = await Certifier.start({ engines, limits, samples, trustedOrigins, progress, realViewerOrigin, ...(values.viewers && { viewers: { screenshotDir } }) });
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
