// The `test` every spec imports: Playwright Test plus the worker's browser (started when its first
// test needs it, whatever drives it), a reset probe per test, a unique token and the server's log;
// for a scenario test, its Cell (built before the test, attached after it whatever happened). A test
// that needs a browser launched differently (host names mapped, a movable clock) gets one of its own
// in the same worker, launched when first asked for: as a worker option it would force workers of
// its own, which Playwright starts only after every other test, at the end of the run.

import { test as base } from '@playwright/test';
import { type Origins, originsFor, portsFromEnv } from '../../fixtures/origins.ts';
import { launchEngine } from '../engines/launch.ts';
import { type Engine, type Isolation, type Probe } from '../engines/types.ts';
import { ServerLog } from './server-log.ts';
import { CELL_ATTACHMENT, SELECTION_ANNOTATION, VERDICT_ANNOTATION, ENGINE_ANNOTATION } from '../../contract/names.ts';
import { BatchStore } from './batch-store.ts';
import { knownUnavailable, rememberUnavailable } from './unavailable-engines.ts';
import { newToken } from '../scenarios/run.ts';
import { commandLineSelection } from './selection.ts';
import type { Scheme } from '../../contract/page.ts';
import type { EngineName } from '../../contract/engine.ts';
import { type Cell, type ScenarioCard, unobservedCell } from '../../contract/cell.ts';

export { expect } from '@playwright/test';

/** How long a browser may take to start (WebKitGTK and headed Firefox under Xvfb are slow on a loaded machine). */
const LAUNCH_MS = 120_000;

/** How a test wants its browser launched: almost all take the default, { clock: false, mapHosts: [], thirdPartyCookies: false }. */
type LaunchChoice = { clock: boolean; mapHosts: string[]; thirdPartyCookies: boolean };
/** A launched browser and the page its tests share. */
type BrowserUnderTest = { engine: Engine; sharedProbe: Probe };

interface TestFixtures {
  /** How this test is isolated from others sharing the browser (set with test.use). */
  isolation: Isolation;
  /** Run in a browser launched with a clock the harness moves (engine.clock): @slow scenarios only. */
  clock: boolean;
  /** Host names the browser reaches on loopback (launchEngine's mapHosts): the named-host rows only. */
  mapHosts: string[];
  /** Run in a browser whose profile allows third-party cookies (launchEngine's thirdPartyCookies): the cookie rows' -3pc-allowed variants only. */
  thirdPartyCookies: boolean;
  /** The browser this test drives (launched as the test's clock and mapHosts ask), with its shared probe. */
  browserUnderTest: BrowserUnderTest;
  engine: Engine;
  /** The probe this test drives: the worker's shared page, or a fresh one (isolation `fresh`). */
  probe: Probe;
  /** A unique token for this test run: put it in every URL and cookie name the test uses. */
  token: string;
  /** The scenario this test runs (set with test.use by harness/runner/scenario-tests.ts), or null. */
  cellCard: ScenarioCard | null;
  /** The scenario's cell: `error` until judged; attached as JSON when the test ends, however it ends. */
  cell: Cell | null;
}

interface WorkerFixtures {
  engineName: EngineName;
  /** The fixture origins over http (the default scheme of every scenario). */
  origins: Origins;
  /** The fixture origins under each scheme: the same ports, also served over https. */
  originsByScheme: Record<Scheme, Origins>;
  /** The worker's browsers, one per launch choice, each started when a test first needs it and closed with the worker. */
  browsers: { launched(options: LaunchChoice): boolean; get(options: LaunchChoice): Promise<BrowserUnderTest> };
  serverLog: ServerLog;
  /** Results of the in-page batches this worker ran, until each test takes its own. */
  batches: BatchStore;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  clock: [false, { option: true }],
  mapHosts: [[], { option: true }],
  thirdPartyCookies: [false, { option: true }],
  origins: [async ({}, use) => use(originsFor(portsFromEnv())), { scope: 'worker' }],
  originsByScheme: [async ({}, use) => use({ http: originsFor(portsFromEnv()), https: originsFor(portsFromEnv(), 'https') }), { scope: 'worker' }],
  serverLog: [async ({ origins }, use) => use(new ServerLog(origins.viewer)), { scope: 'worker' }],
  browsers: [
    async ({ engineName, originsByScheme }, use, workerInfo) => {
      const { http, https } = originsByScheme;
      const cookieResetUrls = [http.viewer, http.imageCrossSite, https.viewer, https.imageCrossSite].map((origin) => `${origin}/blank`);
      const launched = new Map<string, Promise<BrowserUnderTest>>();
      const launch = async (options: LaunchChoice): Promise<BrowserUnderTest> => {
        const project = workerInfo.project.name;
        const choice = JSON.stringify(options);
        const known = knownUnavailable(project, choice);
        if (known) throw known;
        try {
          const engine = await launchEngine(engineName, { project, cookieResetUrls, ...options });
          return { engine, sharedProbe: await engine.newProbe() };
        } catch (error) {
          rememberUnavailable(project, choice, error);
          throw error;
        }
      };
      try {
        await use({
          launched: (options) => launched.has(JSON.stringify(options)),
          get: (options) => {
            const key = JSON.stringify(options);
            if (!launched.has(key)) launched.set(key, launch(options));
            return launched.get(key)!;
          },
        });
      } finally {
        for (const running of launched.values()) await running.then(({ engine }) => engine.close(), () => {});
      }
    },
    { scope: 'worker', timeout: LAUNCH_MS },
  ],
  browserUnderTest: async ({ browsers, clock, mapHosts, thirdPartyCookies }, use, testInfo) => {
    const options = { clock, mapHosts, thirdPartyCookies };
    // A launch is work of the test that needs it first: it gets the time a browser takes to start.
    if (!browsers.launched(options)) testInfo.setTimeout(testInfo.timeout + LAUNCH_MS);
    await use(await browsers.get(options));
  },
  engine: async ({ browserUnderTest }, use) => use(browserUnderTest.engine),
  isolation: ['token', { option: true }],
  probe: async ({ browserUnderTest: { engine, sharedProbe }, isolation, cellCard }, use, testInfo) => {
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
