import { defineConfig } from '@playwright/test';
import { PORT_ENV, ROLES, originsFor, portsFromEnv, remoteHost } from './fixtures/origins.ts';
import { selectedProjects, workerCount } from './harness/engines/select.ts';
import { TEST_PROJECTS, needsFixtureServer } from './harness/runner/test-projects.ts';
import { SLOW_ENV } from './harness/engines/clock.ts';
import { FIXTURE_READY_LINE } from './contract/names.ts';
import { ensureOwnFixtureServer, isTestRunner } from './harness/runner/fixture-server.ts';
import type { EngineName } from './contract/engine.ts';
import { markRun } from './harness/runner/unavailable-engines.ts';

const ports = portsFromEnv();
const origins = originsFor(ports);
const remote = remoteHost();
const reuseFixtureServer = !process.env.CI;

// Playwright's webServer reuses whatever answers on the fixture ports: the runner first makes sure
// that is this checkout's build (commit and fixtures/ hash), else it stops here naming the PID.
if (isTestRunner() && needsFixtureServer(process.argv)) await ensureOwnFixtureServer(ports, { reuse: reuseFixtureServer });
// An engine that fails to start fails the rest of its project at once (harness/runner/unavailable-engines.ts).
markRun();

export default defineConfig<{ engineName: EngineName }>({
  testDir: 'specs',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0, // a flaky CORS cell is a finding, not something to retry away
  // @slow scenarios (a browser with a moved clock: preflight-cache caps) only with CORS_SLOW=1.
  grepInvert: process.env[SLOW_ENV] === '1' ? undefined : /@slow\b/,
  workers: workerCount(),
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/results.json' }],
    ['./harness/runner/engines-reporter.ts'],
    ['./harness/matrix/reporter.ts'],
  ],
  projects: [
    // unit: no browser and no child process (in-process Hono only); integration: whole runs,
    // certify and real servers, each started as a child process. See harness/runner/test-projects.ts.
    ...Object.entries(TEST_PROJECTS).map(([name, { testMatch }]) => ({ name, testMatch })),
    // One project per engine, or per engine@channel (CORS_ENGINES=chromium,chromium@chrome-beta).
    ...selectedProjects().map(({ name, engine }) => ({ name, testMatch: '**/*.spec.ts', use: { engineName: engine } })),
  ],
  // The engine projects' fixture server; `--project unit` (or integration) starts none. Also on the
  // machine's non-loopback address: the origins that are not potentially trustworthy (mixed content).
  webServer: needsFixtureServer(process.argv) ? {
    // --exit-with: the server ends with this runner, also when the runner is killed (SIGKILL).
    command: `node --import tsx fixtures/cli.ts --quiet --exit-with ${process.pid}${remote ? ` --listen ${remote}` : ''}`,
    url: `${origins.viewer}/__control/health`,
    // Ready when it says so (no polling back-off); the url above still finds a server to reuse.
    wait: { stdout: new RegExp(FIXTURE_READY_LINE) },
    env: Object.fromEntries(ROLES.map((role) => [PORT_ENV[role], String(ports[role])])),
    reuseExistingServer: reuseFixtureServer,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  } : undefined,
});
