// Every shell command the README and docs/ show (fenced ```sh blocks), and how
// specs/integration/docs-commands.test.ts runs it, so the docs cannot drift. Each command runs for
// real, as shown, in a copy of the project, after SUBSTITUTIONS put loopback servers the test starts
// in place of the docs' example hosts (a real nginx for iiif.example.org, browser servers and a
// WebKitWebDriver on 127.0.0.1 for browsers.example.org, 127.0.0.2/127.0.0.3 for the fixture hosts,
// a real nginx on https with a certificate from a CA the test makes, and that CA's root as
// internal-root.pem, for iiif.intranet.example); long runs are narrowed by the variables the docs
// document (CORS_FAMILIES, CORS_ENGINES). A row names its exit code and a line of its output. Two
// rows are not run here: `npm test` (a test inside the suite cannot run the suite; CI runs exactly
// that command, .ci/run) and Safari (needs a Mac).
// specs/unit/docs.test.ts keeps this table and the docs equal.

export type DocCheck =
  /** Runs to its end: this exit code, `says` in its output, `writes` left in the project copy. */
  | { check: 'run'; exit: number; says: RegExp; writes?: string; narrow?: Record<string, string>; setup?: 'baseline' }
  /** A server: runs until it prints `says` (and, with `provides`, that line's match is the placeholder's value); stopped when the file ends. */
  | { check: 'serve'; says?: RegExp; provides?: Placeholder; display?: true; ready?: string }
  | { check: 'run-elsewhere'; by: string; why: string }
  | { check: 'not-run'; why: string };

/** Values the test fills in: the nginx origins (http; https from an internal CA), the chromium browser server's endpoint, a free port for WebKitWebDriver. */
export type Placeholder = '{iiif}' | '{iiif-intranet}' | '{chromium-ws}' | '{webdriver-port}';

/** Example hosts → the loopback servers the test starts (the docs' commands otherwise unchanged). */
export const SUBSTITUTIONS: [from: string, to: string][] = [
  ['https://iiif.example.org/iiif/3/abc123', '{iiif}/iiif/v3/img'], // a libvips-cut level-0 tree behind nginx, CORS right
  ['https://iiif.example.org/manifests/abc123.json', '{iiif}/manifests/abc123.json'], // a Presentation 3 manifest of that image
  ['https://iiif.intranet.example/iiif/3/abc123', '{iiif-intranet}/iiif/v3/img'], // the same tree on https, its certificate from the CA in internal-root.pem
  ['ws://browsers.example.org:3001/<path>', '{chromium-ws}'], // what `npm run browser-server -- chromium` printed
  ['http://browsers.example.org:4444', 'http://127.0.0.1:{webdriver-port}'],
  ['--host 0.0.0.0 --port 3001', '--host 127.0.0.1 --port 0'], // tests talk to loopback only, on ports the kernel picks
  ['--host 0.0.0.0 --port 3002', '--host 127.0.0.1 --port 0'],
  ['--host=all --port=4444', '--host=local --port={webdriver-port}'],
  ['runner.example.org', '127.0.0.2'], // as specs/integration/matrix-remote.test.ts
  ['192.0.2.10', '127.0.0.3'],
];

/** A quick matrix: one family in one engine (docs/matrix.md says how). */
const SIMPLE = { CORS_FAMILIES: 'simple' };
const SIMPLE_CHROMIUM = { CORS_FAMILIES: 'simple', CORS_ENGINES: 'chromium' };
const PASS = /PASS: CORS is right for what viewers request/;
const engineLine = (project: string) => new RegExp(`\\n  ${project} +\\d+ passed +0 failed`);

export const DOC_COMMANDS: Record<string, DocCheck> = {
  // README quick start and certify
  'npm run matrix': { check: 'run', exit: 0, says: /Report: .*matrix-report\/index\.html/, narrow: SIMPLE_CHROMIUM },
  'npm test': { check: 'run-elsewhere', by: '.ci/run', why: 'the whole suite, this test included: CI runs exactly this command on a clean clone' },
  'npm run certify -- https://iiif.example.org/iiif/3/abc123/info.json': { check: 'run', exit: 0, says: PASS }, // every engine, as the README says
  // docs/certify.md
  'npm run certify -- https://iiif.example.org/manifests/abc123.json --json certify.json': { check: 'run', exit: 0, says: PASS, writes: 'certify.json', narrow: { CORS_ENGINES: 'chromium' } },
  'npm run certify -- https://iiif.example.org/manifests/abc123.json --viewers --json out/certify.json': { check: 'run', exit: 0, says: PASS, writes: 'out/certify.json', narrow: { CORS_ENGINES: 'chromium' } },
  'npm run certify -- https://iiif.example.org/iiif/3/abc123/info.json --viewer-origin https://viewer.example.org': { check: 'run', exit: 0, says: PASS, narrow: { CORS_ENGINES: 'chromium' } },
  // docs/certify-causes.md
  'npm run certify -- https://iiif.intranet.example/iiif/3/abc123/info.json --ca internal-root.pem': { check: 'run', exit: 0, says: PASS, narrow: { CORS_ENGINES: 'chromium' } }, // all three engines: specs/integration/certify-tls-real.test.ts
  'npx cors-harness --help': { check: 'run', exit: 0, says: /Usage: cors-harness/ },
  'npx cors-harness certify --help': { check: 'run', exit: 0, says: /--viewer-origin <origin>/ },
  // docs/matrix.md (after `npm run matrix` above: its matrix.json is the baseline)
  'npm run matrix -- --baseline old/matrix.json': { check: 'run', exit: 0, says: /\d+ cell\(s\) changed against old\/matrix\.json/, narrow: SIMPLE_CHROMIUM, setup: 'baseline' },
  'npm run matrix -- --baseline old/matrix.json --fail-on-change': { check: 'run', exit: 0, says: /changed against old\/matrix\.json/, narrow: SIMPLE_CHROMIUM, setup: 'baseline' },
  'npm run matrix -- -- --project firefox': { check: 'run', exit: 0, says: engineLine('firefox'), narrow: SIMPLE },
  'npm run matrix -- -- --shard 1/2 --reporter blob': { check: 'run', exit: 0, says: /tsx harness\/matrix\/cli\.ts -- --shard 1\/2 --reporter blob/, writes: 'blob-report', narrow: SIMPLE_CHROMIUM },
  'npx playwright merge-reports --reporter ./harness/matrix/reporter.ts blob-report': { check: 'run', exit: 0, says: /Matrix \(\d+ cells/, writes: 'matrix-report/matrix.json' },
  'npm run matrix -- --repeat 3': { check: 'run', exit: 0, says: /matrix: run 3 of 3/, writes: 'matrix-report/repeat.json', narrow: SIMPLE_CHROMIUM },
  'npm run matrix -- --merge blob-report': { check: 'run', exit: 0, says: /Matrix \(\d+ cells/ },
  'npm run matrix -- --history matrix-history': { check: 'run', exit: 0, says: /matrix: kept as matrix-history\/matrix-/, narrow: SIMPLE_CHROMIUM },
  // docs/engines.md
  'npx playwright test --project webkit --grep simple/': { check: 'run', exit: 0, says: engineLine('webkit') },
  'CORS_ENGINES=chromium,firefox npm run matrix': { check: 'run', exit: 0, says: engineLine('firefox'), narrow: SIMPLE },
  // This machine, like CI's, has only the Debian builds: the channels it lacks fail naming what to install.
  'CORS_ENGINES=chromium,chromium@chrome-beta,firefox@moz-firefox,firefox@moz-firefox-nightly npm run matrix': { check: 'run', exit: 1, says: /Google Chrome Beta is not installed/, narrow: SIMPLE },
  // docs/remote-and-nightly.md
  'npm run browser-server -- chromium --host 0.0.0.0 --port 3001': { check: 'serve', says: /CORS_CONNECT_CHROMIUM=(ws:\/\/127\.0\.0\.1:\d+\/\S+)/, provides: '{chromium-ws}' },
  'npm run browser-server -- firefox --host 0.0.0.0 --port 3002': { check: 'serve', says: /CORS_CONNECT_FIREFOX=ws:\/\/127\.0\.0\.1:\d+\// },
  'CORS_CONNECT_CHROMIUM=ws://browsers.example.org:3001/<path> CORS_FIXTURE_HOST=runner.example.org CORS_FIXTURE_CROSS_SITE_HOST=192.0.2.10 npm run matrix -- -- --project chromium': { check: 'run', exit: 0, says: engineLine('chromium'), narrow: SIMPLE },
  'WebKitWebDriver --host=all --port=4444': { check: 'serve', display: true, ready: 'http://127.0.0.1:{webdriver-port}/status' },
  'CORS_CONNECT_WEBKIT=http://browsers.example.org:4444 CORS_FIXTURE_HOST=runner.example.org CORS_FIXTURE_CROSS_SITE_HOST=192.0.2.10 npm run matrix -- -- --project webkit --workers 1': { check: 'run', exit: 0, says: engineLine('webkit'), narrow: SIMPLE },
  'CORS_CONNECT_WEBKIT=http://mac.example.org:4444 CORS_WEBDRIVER_CAPABILITIES=\'{"browserName":"safari"}\' CORS_FIXTURE_HOST=runner.example.org CORS_FIXTURE_CROSS_SITE_HOST=192.0.2.10 npm run matrix -- -- --project webkit --workers 1': { check: 'not-run', why: 'real Safari needs a Mac running safaridriver; no such machine here' },
  'npm run fixtures -- --host runner.example.org --cross-site-host 192.0.2.10': { check: 'serve', says: /viewer +http:\/\/127\.0\.0\.2:\d+/ },
};

/** A command as the test runs it: the example hosts replaced, the placeholders filled in. */
export function substitute(command: string, values: Partial<Record<Placeholder, string>>): string {
  let out = command;
  for (const [from, to] of SUBSTITUTIONS) out = out.replaceAll(from, to);
  for (const [name, value] of Object.entries(values)) out = out.replaceAll(name, value);
  return out;
}

/** The commands of a Markdown text's ```sh blocks: comments dropped, `\` continuations joined, spaces collapsed. */
export function shellCommands(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]!
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/(^|\s)#.*$/, '').replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  );
}
