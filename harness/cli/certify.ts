// certify's options, usage and help (`npm run certify`, `cors-harness certify`): the table alone,
// so --help and the packaged command's help need none of certify's machinery.

import { UsageError, defineCommand, oneOf, wholeNumber } from './command.ts';
import { DEFAULT_SAMPLES } from '../certify/discover.ts';
import { DEFAULT_LIMITS } from '../certify/safe-fetch.ts';
import { parseViewerOrigin } from '../certify/viewer-origin.ts';
import { SERVE_OPTIONS } from '../service/cli-serve.ts';
import { DEFAULT_WALK } from '../certify/collection/walk.ts';
import { type UserCa, readCaFile } from '../certify/ca-file.ts';

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

function caFile(raw: string): UserCa {
  const ca = readCaFile(raw);
  if ('problem' in ca) throw new UsageError(`--ca takes a PEM file of CA certificates: ${ca.problem}`);
  return ca;
}

export const COMMAND = defineCommand({
  name: 'certify',
  usage: 'npm run certify -- <url> [options]   |   npm run certify -- --list <file> [options]   |   npm run certify -- --serve [--port N] [--host addr] [--queue redis://…]   |   npm run certify -- --worker --queue redis://…',
  summary: `<url> is a IIIF Image service base URI, its info.json, an image request, or a Presentation 2/3
manifest. A Collection, a manifest with several image services, or --list certifies every image
service behind it, grouped by server configuration (docs/certify-collection.md). The checks run in real Chromium, Firefox and WebKit from a local viewer origin (or
from yours, --viewer-origin), plus node-side probes (forged origins, redirect hops). Only GET,
HEAD and OPTIONS are sent; no credentials; every request has a timeout.`,
  options: {
    samples: { type: 'string', value: '<n>', description: 'tiles sampled across scale factors and positions', default: String(DEFAULT_SAMPLES), parse: wholeNumber('samples', 1, 500) },
    verbose: { type: 'boolean', description: 'every check and observation, with the node-side requests and answers' },
    'all-fixes': { type: 'boolean', description: 'the fix for every server software, not only the one detected' },
    format: { type: 'string', value: '<fmt>', description: 'text or md (Markdown, for a CI step summary)', default: 'text', parse: oneOf('format', ['text', 'md']) },
    json: { type: 'string', value: '<file>', description: 'also write the structured result (requests, statuses, headers per engine) as JSON; "-" writes it to stdout instead of the text report' },
    html: { type: 'string', value: '<file>', description: 'also write the report as one self-contained HTML page (no network): root causes with the fix and a copy button, viewer screenshots with --viewers' },
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
    ca: {
      type: 'string',
      value: '<file>',
      description:
        "trust this certificate authority (PEM, e.g. your internal CA's root) for the target, in Node and in every engine the way certify trusts its own local CA: " +
        "Firefox gets it in its certificate store; Chromium and WebKit accept the target's certificates once Node has verified them against it (chain, dates, host name). " +
        'Not a bypass: a certificate that does not verify is refused, and certify says what is wrong with it',
      parse: caFile,
    },
    timeout: { type: 'string', value: '<s>', description: 'per-request timeout for node-side requests', default: String(DEFAULT_LIMITS.timeoutMs / 1000), parse: seconds },
    viewers: {
      type: 'boolean',
      description:
        'also open the image in real viewers (OpenSeadragon 6 WebGL and canvas drawers, Mirador 4 for a manifest) in every engine and say whether a person would see it, judged by the screenshot\'s pixels; ' +
        'screenshots go next to the --json file (else to ./certify-viewers/). Adds a few seconds per engine',
    },
    quiet: { type: 'boolean', description: 'no progress lines' },
    list: { type: 'string', value: '<file>', description: 'certify every URL listed (one a line: collections, manifests, image services; "-" reads stdin) instead of <url>' },
    concurrency: { type: 'string', value: '<n>', description: 'collection mode: documents read at once; services fingerprinted at once per host', default: String(DEFAULT_WALK.concurrency), parse: wholeNumber('concurrency', 1, 64) },
    rate: { type: 'string', value: '<n>', description: 'collection mode: node-side requests per second per host', default: String(DEFAULT_WALK.rate), parse: wholeNumber('rate', 1, 1000) },
    'max-services': { type: 'string', value: '<n>', description: 'collection mode: image services certified at most', default: String(DEFAULT_WALK.maxServices), parse: wholeNumber('max-services', 1, 1_000_000) },
    'max-documents': { type: 'string', value: '<n>', description: 'collection mode: collections, manifests and list entries read at most', default: String(DEFAULT_WALK.maxDocuments), parse: wholeNumber('max-documents', 1, 1_000_000) },
    'max-depth': { type: 'string', value: '<n>', description: 'collection mode: nested collections followed this deep', default: String(DEFAULT_WALK.maxDepth), parse: wholeNumber('max-depth', 0, 50) },
    representatives: { type: 'string', value: '<n>', description: 'collection mode: services per configuration certified in every engine (the rest share their Node fingerprint)', default: '2', parse: wholeNumber('representatives', 1, 1000) },
    state: { type: 'string', value: '<dir>', description: 'collection mode: keep results in <dir> as they come; the same command with the same <dir> resumes an interrupted run' },
    ...SERVE_OPTIONS,
  },
  positionals: { min: 0, max: 1, name: 'the URL to certify' },
  epilog: `Engines: CORS_ENGINES=chromium,firefox,webkit (default all three).

Requests are planned from the info.json as viewers make them: tiles per scale factor in the
version's canonical form, a thumbnail from "sizes", full/max only at level 1 or 2, jpg/default,
max sizes respected; what it does not promise is listed as not checked. Every browser failure is
repeated from Node (same URL, Origin and headers, the OPTIONS preflight, redirects followed): an
error status that carries correct CORS headers is "not available", no answer is a network failure,
neither counts as CORS. Failures are grouped into root causes, each with one fix for the server the
response headers name (nginx, Apache, lighttpd, Caddy, iipsrv, Cantaloupe, Loris, S3, CloudFront,
Varnish, Cloudflare, Fastly).

A certificate browsers refuse (self-signed, expired, for another name, unknown issuer, incomplete
chain) is its own root cause with its fix (docs/certify-causes.md): no CORS check can run, exit 1.

Exit code: 0 CORS is right (warnings and "not available" allowed), 1 a CORS check failed or the
certificate is refused, 2 unusable input, an unreachable target, or an engine that could not start. Collection mode: 0 every
service passes and every document was read, 1 a CORS failure or anything listed as unusable or
unreachable, 2 nothing could be certified; 130 interrupted (resume with the same --state).`,
});
