import { defineConfig } from '@playwright/test';
import { PORT_ENV, ROLES, originsFor, portsFromEnv } from './fixtures/origins.ts';
import { selectedProjects } from './harness/engines/select.ts';
import type { EngineName } from './harness/engines/types.ts';

const ports = portsFromEnv();
const origins = originsFor(ports);

export default defineConfig<{ engineName: EngineName }>({
  testDir: 'specs',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0, // a flaky CORS cell is a finding, not something to retry away
  workers: process.env.CORS_WORKERS ? Number(process.env.CORS_WORKERS) : 2,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/results.json' }],
    ['./harness/reporters/engines-reporter.ts'],
    ['./harness/matrix/reporter.ts'],
  ],
  projects: [
    // Browserless checks of the fixture server and harness (Hono's app.request(), schema checks).
    { name: 'unit', testMatch: 'unit/**/*.test.ts' },
    // One project per engine, or per engine@channel (CORS_ENGINES=chromium,chromium@chrome-beta).
    ...selectedProjects().map(({ name, engine }) => ({ name, testMatch: '**/*.spec.ts', use: { engineName: engine } })),
  ],
  webServer: {
    command: 'npx tsx fixtures/cli.ts --quiet',
    url: `${origins.viewer}/__control/health`,
    env: Object.fromEntries(ROLES.map((role) => [PORT_ENV[role], String(ports[role])])),
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: 30_000,
  },
});
