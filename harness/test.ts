// The `test` every spec imports: Playwright Test plus a worker-scoped engine (started once per
// worker, whatever drives it), a reset probe per test, a unique token and the server's log; for a
// scenario test, its Cell (built before the test, attached after it whatever happened).

import { test as base } from '@playwright/test';
import { type Origins, type Scheme, originsFor, portsFromEnv } from '../fixtures/origins.ts';
import { launchEngine } from './engines/launch.ts';
import { ENGINE_ANNOTATION, type Engine, type EngineName, type Isolation, type Probe } from './engines/types.ts';
import { ServerLog } from './server-log.ts';
import { CELL_ATTACHMENT, SELECTION_ANNOTATION, VERDICT_ANNOTATION } from './contract/names.ts';
import { type Cell, type ScenarioCard, unobservedCell } from './scenarios/cell.ts';
import { BatchStore } from './scenarios/batch-store.ts';
import { newToken } from './scenarios/run.ts';
import { commandLineSelection } from './scenarios/selection.ts';

export { expect } from '@playwright/test';

interface TestFixtures {
  /** How this test is isolated from others sharing the browser (set with test.use). */
  isolation: Isolation;
  /** The probe this test drives: the worker's shared page, or a fresh one (isolation `fresh`). */
  probe: Probe;
  /** A unique token for this test run: put it in every URL and cookie name the test uses. */
  token: string;
  /** The scenario this test runs (set with test.use by harness/scenarios/define.ts), or null. */
  cellCard: ScenarioCard | null;
  /** The scenario's cell: `error` until judged; attached as JSON when the test ends, however it ends. */
  cell: Cell | null;
}

interface WorkerFixtures {
  engineName: EngineName;
  /** Launch the engine with a clock the harness moves (engine.clock): @slow scenarios only. */
  clock: boolean;
  /** Host names the engine reaches on loopback (launchEngine's mapHosts): the named-host rows only. */
  mapHosts: string[];
  /** The fixture origins over http (the default scheme of every scenario). */
  origins: Origins;
  /** The fixture origins under each scheme: the same ports, also served over https. */
  originsByScheme: Record<Scheme, Origins>;
  engine: Engine;
  sharedProbe: Probe;
  serverLog: ServerLog;
  /** Results of the in-page batches this worker ran, until each test takes its own. */
  batches: BatchStore;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  clock: [false, { option: true, scope: 'worker' }],
  mapHosts: [[], { option: true, scope: 'worker' }],
  origins: [async ({}, use) => use(originsFor(portsFromEnv())), { scope: 'worker' }],
  originsByScheme: [async ({}, use) => use({ http: originsFor(portsFromEnv()), https: originsFor(portsFromEnv(), 'https') }), { scope: 'worker' }],
  serverLog: [async ({ origins }, use) => use(new ServerLog(origins.viewer)), { scope: 'worker' }],
  engine: [
    async ({ engineName, originsByScheme, clock, mapHosts }, use, workerInfo) => {
      const { http, https } = originsByScheme;
      const engine = await launchEngine(engineName, {
        project: workerInfo.project.name,
        cookieResetUrls: [http.viewer, http.imageCrossSite, https.viewer, https.imageCrossSite].map((origin) => `${origin}/blank`),
        clock,
        mapHosts,
      });
      try {
        await use(engine);
      } finally {
        await engine.close();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  sharedProbe: [async ({ engine }, use) => use(await engine.newProbe()), { scope: 'worker' }],
  isolation: ['token', { option: true }],
  probe: async ({ engine, sharedProbe, isolation, cellCard }, use, testInfo) => {
    testInfo.annotations.push({ type: ENGINE_ANNOTATION, description: JSON.stringify(engine.info) });
    if (isolation === 'fresh') {
      const probe = await engine.newProbe();
      try {
        await use(probe);
      } finally {
        await probe.close();
      }
      return;
    }
    // A scenario's cookie rows have the jar cleared once before their batch (scenarios/run.ts).
    if (isolation === 'cookies' && !cellCard) await sharedProbe.reset();
    await use(sharedProbe);
  },
  token: async ({}, use, testInfo) => use(newToken(testInfo.project.name)),
  batches: [
    async ({}, use, workerInfo) => {
      const store = new BatchStore(workerInfo.project.name);
      await use(store);
      store.leaveUntaken();
    },
    { scope: 'worker' },
  ],
  cellCard: [null, { option: true }],
  cell: [
    async ({ cellCard, engineName }, use, testInfo) => {
      if (!cellCard) return use(null);
      const cell = unobservedCell(cellCard, testInfo.project.name, engineName);
      try {
        await use(cell);
      } finally {
        if (cell.verdict === 'error' && cell.error === undefined) cell.error = testInfo.error?.message?.split('\n')[0] ?? `test ${testInfo.status ?? 'ended'}`;
        testInfo.annotations.push({ type: VERDICT_ANNOTATION, description: cell.verdict });
        testInfo.annotations.push({ type: SELECTION_ANNOTATION, description: JSON.stringify(commandLineSelection(testInfo.config.argv)) });
        await testInfo.attach(CELL_ATTACHMENT, { body: JSON.stringify(cell), contentType: 'application/json' });
      }
    },
    { auto: true, box: true },
  ],
});
