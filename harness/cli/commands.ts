// The packaged command's subcommands (`cors-harness <name>`): each runs the same entry point, with
// the same option table, as its npm script. The bin (bin/cors-harness.js) reads this list from
// dist/commands.json, written by `npm run build` (harness/cli/build.ts), so it starts without tsx.

export interface Subcommand {
  /** The npm script that runs the same thing. */
  script: string;
  /** The entry point, from the package root. */
  entry: string;
  /** The option table's module (harness/cli/), from the package root. */
  table: string;
  /** One line for `cors-harness --help`. */
  about: string;
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  certify: { script: 'certify', entry: 'harness/certify/cli.ts', table: 'harness/cli/certify.ts', about: "is this IIIF server's CORS right, in every engine, for what viewers request?" },
  matrix: { script: 'matrix', entry: 'harness/matrix/cli.ts', table: 'harness/cli/matrix.ts', about: 'run the scenario catalogue in every engine and write matrix-report/' },
  fixtures: { script: 'fixtures', entry: 'fixtures/cli.ts', table: 'harness/cli/fixtures.ts', about: 'start the misconfigured fixture server on its own' },
  'setup-browsers': { script: 'setup:browsers', entry: 'harness/setup-browsers.ts', table: 'harness/cli/setup-browsers.ts', about: 'install what is missing: browser engines (Playwright builds or Debian packages) and test tools' },
  'browser-server': { script: 'browser-server', entry: 'harness/engines/browser-server.ts', table: 'harness/cli/browser-server.ts', about: 'a Playwright browser server for a harness on another machine' },
};
