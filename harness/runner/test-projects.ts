// The Playwright projects next to the engine ones (chromium, firefox, webkit): what each holds,
// read by playwright.config.ts and by the engines reporter's end-of-run table.

export const TEST_PROJECTS = {
  // Checks of the fixture server (in-process Hono), the scenario tables, verdicts and reports;
  // specs/support/browserless.ts fails any of them that starts a program.
  unit: { testMatch: 'unit/**/*.test.ts', runs: 'no browser, no child process' },
  // Whole runs and real programs: child `playwright test` runs, certify in every engine, real
  // servers from Debian packages, a fixture server process under fuzzing, an engine launch.
  integration: { testMatch: 'integration/**/*.test.ts', runs: 'browsers and servers in child processes' },
} as const;

export type TestProject = keyof typeof TEST_PROJECTS;

/**
 * Whether a `playwright test` command line needs the fixture server (config.webServer): only the
 * engine projects use it, so not when every `--project` names one of TEST_PROJECTS. Playwright has
 * no per-project webServer; anything this cannot read (a wildcard, say) starts it.
 */
export function needsFixtureServer(argv: readonly string[]): boolean {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
    else if (arg === '--project') for (const next of argv.slice(i + 1)) {
      if (next.startsWith('-')) break;
      names.push(next);
    }
  });
  return !names.length || names.some((name) => !(name.toLowerCase() in TEST_PROJECTS));
}
