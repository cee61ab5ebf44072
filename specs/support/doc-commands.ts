// Every shell command the README and docs/ show (fenced ```sh blocks), and how it is checked, so the
// docs cannot drift: `run` commands are run for real by specs/integration/docs-commands.test.ts;
// `options` commands need a whole run, a real server on the internet or another machine, so their
// program's --help is run and every option they use must be in it, and `by` names the test that
// runs such a command for real (`run-elsewhere`: the whole command is what that script runs);
// `remote` commands need machines this suite does not have (a browser
// machine, a Mac): syntax (bash -n) only. specs/unit/docs.test.ts keeps this table and the docs equal.

export type DocCheck = { check: 'run' } | { check: 'options'; by: string } | { check: 'run-elsewhere'; by: string } | { check: 'remote' };

export const DOC_COMMANDS: Record<string, DocCheck> = {
  // README quick start and certify
  'npm run matrix': { check: 'options', by: 'specs/integration/matrix-runs.test.ts (playwright test runs with the matrix reporter, a selection of the catalogue)' },
  'npm test': { check: 'run-elsewhere', by: '.ci/run' },
  'npm run certify -- https://iiif.example.org/iiif/3/abc123/info.json': { check: 'options', by: 'specs/integration/package-install.test.ts (npm run certify against a real nginx)' },
  // docs/certify.md
  'npm run certify -- https://iiif.example.org/manifests/abc123.json --json certify.json': { check: 'options', by: 'specs/integration/certify.test.ts (the CLI with --json, on fixture manifests)' },
  'npm run certify -- https://iiif.example.org/manifests/abc123.json --viewers --json out/certify.json': { check: 'options', by: 'specs/integration/certify.test.ts (viewers in certify)' },
  'npm run certify -- https://iiif.example.org/iiif/3/abc123/info.json --viewer-origin https://viewer.example.org': { check: 'options', by: 'specs/integration/certify-viewer-origin.test.ts' },
  // docs/certify-causes.md
  'npm run certify -- https://iiif.intranet.example/iiif/3/abc123/info.json --ca internal-root.pem': { check: 'options', by: 'specs/integration/certify-tls-real.test.ts (--ca against a real nginx whose certificate comes from a test-made CA)' },
  'npx cors-harness --help': { check: 'run' },
  'npx cors-harness certify --help': { check: 'run' },
  // docs/matrix.md
  'npm run matrix -- --baseline old/matrix.json': { check: 'options', by: 'specs/integration/matrix-runs.test.ts (through harness/ci/merge-matrix.sh)' },
  'npm run matrix -- --baseline old/matrix.json --fail-on-change': { check: 'options', by: 'specs/integration/matrix-runs.test.ts (through harness/ci/merge-matrix.sh, with --merge)' },
  'npm run matrix -- -- --project firefox': { check: 'options', by: 'specs/integration/matrix-runs.test.ts (playwright test with --project, the same pass-through)' },
  'npx playwright test --shard 1/2 --reporter blob': { check: 'options', by: 'specs/integration/matrix-runs.test.ts' },
  'npx playwright merge-reports --reporter ./harness/matrix/reporter.ts blob-report': { check: 'options', by: 'specs/integration/matrix-runs.test.ts (the same merge through npm run matrix -- --merge)' },
  'npm run matrix -- --repeat 3': { check: 'options', by: 'specs/unit/matrix-repeat.test.ts (the comparison of runs; no test runs the CLI three times)' },
  'npm run matrix -- --merge blob-report': { check: 'options', by: 'specs/integration/matrix-runs.test.ts (through harness/ci/merge-matrix.sh)' },
  'npm run matrix -- --history matrix-history': { check: 'options', by: 'specs/unit/matrix-history.test.ts (keeping and reading runs; no test runs the CLI with --history)' },
  // docs/engines.md
  'npx playwright test --project webkit': { check: 'options', by: '.ci/run (npm test runs the webkit project)' },
  'CORS_ENGINES=chromium,firefox npm test': { check: 'options', by: 'specs/integration/matrix-channels.test.ts' },
  'CORS_ENGINES=chromium,chromium@chrome-beta,firefox@moz-firefox,firefox@moz-firefox-nightly npm run matrix': { check: 'options', by: 'specs/integration/matrix-channels.test.ts' },
  // docs/remote-and-nightly.md
  'npm run browser-server -- chromium --host 0.0.0.0 --port 3001': { check: 'options', by: 'specs/integration/matrix-remote.test.ts' },
  'npm run browser-server -- firefox --host 0.0.0.0 --port 3002': { check: 'options', by: 'specs/integration/matrix-remote.test.ts' },
  'CORS_CONNECT_CHROMIUM=ws://browsers.example.org:3001/<path> CORS_FIXTURE_HOST=runner.example.org CORS_FIXTURE_CROSS_SITE_HOST=192.0.2.10 npm run matrix -- -- --project chromium': { check: 'remote' },
  'WebKitWebDriver --host=all --port=4444': { check: 'remote' },
  'CORS_CONNECT_WEBKIT=http://browsers.example.org:4444 CORS_FIXTURE_HOST=runner.example.org CORS_FIXTURE_CROSS_SITE_HOST=192.0.2.10 npm run matrix -- -- --project webkit --workers 1': { check: 'remote' },
  'CORS_CONNECT_WEBKIT=http://mac.example.org:4444 CORS_WEBDRIVER_CAPABILITIES=\'{"browserName":"safari"}\' CORS_FIXTURE_HOST=runner.example.org CORS_FIXTURE_CROSS_SITE_HOST=192.0.2.10 npm run matrix -- -- --project webkit --workers 1': { check: 'remote' },
  'npm run fixtures -- --host runner.example.org --cross-site-host 192.0.2.10': { check: 'options', by: 'specs/integration/matrix-remote.test.ts' },
};

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
