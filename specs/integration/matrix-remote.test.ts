// Remote browsers give the same cells as local ones. Chromium and Firefox run behind Playwright
// browser servers (launchServer, the same executables and switches as a local launch) reached
// through CORS_CONNECT_<ENGINE>=ws://…; WebKitGTK behind a WebKitWebDriver started here on its own
// and reached as a WebDriver remote end (CORS_CONNECT_WEBKIT=http://…). The simple family in all
// three engines, remote and direct, must agree cell by cell: scenario, verdict, what the page
// observed, what the server received, engine version. The remote run names the fixture origins
// by other hosts (CORS_FIXTURE_HOST=127.0.0.2, CORS_FIXTURE_CROSS_SITE_HOST=127.0.0.3: what
// `npm run fixtures -- --host … --cross-site-host …` does for a browser on another machine), so
// it also shows that host names change no cell.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type BrowserServer, startBrowserServer } from '../../harness/engines/browser-server.ts';
import { acquireDisplay } from '../../harness/engines/display.ts';
import { HOST_ENV } from '../../fixtures/origins.ts';
import { CONNECT_ENV } from '../../harness/engines/remote.ts';
import { resolveEngine } from '../../harness/engines/resolve.ts';
import { startWebKitWebDriver } from '../../harness/engines/webdriver-engine.ts';
import { withBindRetry } from '../../harness/net.ts';
import { copyProject, runPlaywright } from '../support/child-run.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';

test.describe.configure({ mode: 'serial', timeout: 420_000 });

const ENGINES = ['--project', 'chromium', '--project', 'firefox', '--project', 'webkit'];
const GREP = ['--grep', 'simple/'];
const cellsOf = (doc: MatrixDocument) =>
  doc.cells.map(({ scenario, engine, engineVersion, verdict, observed, server }) => ({ scenario, engine, engineVersion, verdict, observed, server }));
const readMatrix = (dir: string) => JSON.parse(readFileSync(join(dir, 'matrix.json'), 'utf8')) as MatrixDocument;

let dir: string;
test.beforeAll(() => {
  dir = copyProject();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the simple family through remote browsers (Playwright browser servers, a WebDriver remote end) gives the same cells as a direct launch', async () => {
  const started = Date.now();
  const direct = await runPlaywright(dir, ['test', ...ENGINES, ...GREP], { MATRIX_OUTPUT_DIR: join(dir, 'direct'), CORS_WORKERS: '2' });
  expect(direct.status, direct.output).toBe(0);
  const directSeconds = (Date.now() - started) / 1000;

  const servers: BrowserServer[] = [];
  const display = await acquireDisplay('webkit');
  const plan = resolveEngine('webkit');
  if (plan.driver !== 'webdriver') throw new Error(`webkit resolves to ${plan.driver}, not the system WebKitGTK this test starts WebKitWebDriver for`);
  const webDriver = await withBindRetry((port) => startWebKitWebDriver(port, plan, { ...process.env, DISPLAY: display.display }));
  try {
    for (const engine of ['chromium', 'firefox'] as const) servers.push(await startBrowserServer(engine));
    const remoteStarted = Date.now();
    // One worker: WebKitWebDriver holds one session at a time.
    const remote = await runPlaywright(dir, ['test', ...ENGINES, ...GREP, '--workers', '1'], {
      MATRIX_OUTPUT_DIR: join(dir, 'remote'),
      [CONNECT_ENV.chromium]: servers[0]!.wsEndpoint,
      [CONNECT_ENV.firefox]: servers[1]!.wsEndpoint,
      [CONNECT_ENV.webkit]: webDriver.client.baseUrl,
      [HOST_ENV.site]: '127.0.0.2',
      [HOST_ENV.crossSite]: '127.0.0.3',
    });
    expect(remote.status, remote.output).toBe(0);
    const remoteSeconds = (Date.now() - remoteStarted) / 1000;

    const [a, b] = [readMatrix(join(dir, 'direct')), readMatrix(join(dir, 'remote'))];
    expect(b.run.engines.map((e) => [e.project, e.source])).toEqual([['chromium', 'remote'], ['firefox', 'remote'], ['webkit', 'remote']]);
    expect(a.run.engines.map((e) => e.source)).not.toContain('remote');
    expect(a.run.status).toBe('complete');
    expect(b.run.status).toBe('complete');
    expect(cellsOf(b)).toEqual(cellsOf(a));
    const hostsSeen = (doc: MatrixDocument) => [...new Set(doc.cells.flatMap((c) => c.evidence.server.map((r) => r.host?.replace(/:\d+$/, ''))))].sort();
    expect(hostsSeen(a)).toEqual(['127.0.0.1', 'localhost']);
    expect(hostsSeen(b)).toEqual(['127.0.0.2', '127.0.0.3']);
    const figure = `${b.cells.length} cells identical remote vs direct; direct ${directSeconds.toFixed(1)} s (2 workers), remote ${remoteSeconds.toFixed(1)} s (1 worker)`;
    test.info().annotations.push({ type: 'remote', description: figure });
    console.log(figure);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    webDriver.driver.kill('SIGTERM');
    await display.release();
  }
});
