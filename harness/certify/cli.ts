// `npm run certify -- <url>`: is this IIIF server's CORS right, in every engine, for what viewers do?

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { selectedEngines } from '../engines/select.ts';
import { EngineUnavailableError } from '../engines/types.ts';
import { renderReport } from './report.ts';
import { Certifier } from './run.ts';
import { DEFAULT_LIMITS, TargetError } from './safe-fetch.ts';

const HELP = `Usage: npm run certify -- <url> [options]

<url> is a IIIF Image service base URI, its info.json, an image request, or a Presentation 2/3
manifest. The checks run in real Chromium, Firefox and WebKit from a local viewer origin, plus
node-side probes (forged origins, redirect hops). Only GET, HEAD and OPTIONS are sent; no
credentials; every request has a timeout.

Options:
  --json <file>      also write the full result as JSON
  --trusted-origin <origin>
                     an origin the server is meant to allow (e.g. your viewer's); repeatable.
                     Look-alikes of it (prefix, suffix, unescaped dots, other scheme) are probed
  --timeout <s>      per-request timeout for node-side requests (default ${DEFAULT_LIMITS.timeoutMs / 1000})
  --quiet            no progress lines
  -h, --help         show this help
Engines: CORS_ENGINES=chromium,firefox,webkit (default all three).

Exit code: 0 every check passed (warnings allowed), 1 a check failed, 2 unusable input, an
unreachable target, or an engine that could not start.
`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        json: { type: 'string' },
        'trusted-origin': { type: 'string', multiple: true },
        timeout: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) return usage(positionals.length ? 'give exactly one URL' : 'missing the URL to certify');
  const timeout = values.timeout === undefined ? DEFAULT_LIMITS.timeoutMs / 1000 : Number(values.timeout);
  if (!(timeout > 0 && timeout <= 120)) return usage('--timeout takes seconds from 1 to 120');

  const trustedOrigins = values['trusted-origin'] ?? [];
  for (const origin of trustedOrigins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || parsed.origin !== origin) return usage(`--trusted-origin takes an origin like https://viewer.example.org, got "${origin}"`);
  }
  const progress = values.quiet ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  let engines;
  try {
    engines = selectedEngines();
  } catch (error) {
    return usage((error as Error).message);
  }
  const limits = { ...DEFAULT_LIMITS, timeoutMs: timeout * 1000 };
  let discovered;
  try {
    discovered = await Certifier.discover(positionals[0]!, limits);
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    process.stderr.write(`certify: cannot certify ${positionals[0]}: ${error.message}\n`);
    return 2;
  }
  progress?.(`Target: IIIF Image API ${discovered.target.service.version} service ${discovered.target.service.id} (from ${discovered.target.kind})`);
  progress?.(`Starting ${engines.join(', ')}…`);
  let certifier: Certifier;
  try {
    certifier = await Certifier.start({ engines, limits, trustedOrigins, progress });
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error];
    for (const e of errors) process.stderr.write(`certify: ${e instanceof EngineUnavailableError ? e.message : String((e as Error)?.stack ?? e)}\n`);
    return 2;
  }
  try {
    const report = await certifier.certify(discovered);
    process.stdout.write(renderReport(report));
    if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
    return report.verdict === 'pass' ? 0 : 1;
  } catch (error) {
    if (error instanceof TargetError) {
      process.stderr.write(`certify: cannot certify ${positionals[0]}: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await certifier.close();
  }
}

function usage(message: string): number {
  process.stderr.write(`certify: ${message}\n\n${HELP}`);
  return 2;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`certify: internal error: ${String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = 2;
  },
);
