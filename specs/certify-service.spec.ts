// The hosted certify's page, driven in each engine as a person uses it, against a real server
// (Debian's lighttpd with iipsrv and no CORS configuration: certify names the missing ACAO, and
// iipsrv serves the full image the viewer check compares screenshots with). Types the URL, presses Certify, sees the run's progress, gets the same verdict
// line as the CLI for the same target, and opens a viewer screenshot. The service certifies in
// Chromium (one engine keeps the run short); the page is driven in the project's engine.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../harness/runner/test.ts';
import { certifyCli } from './support/certify-cli.ts';
import { type ServiceChild, startServiceChild } from './support/certify-service.ts';
import { startLighttpdIipsrv } from './support/real-server-configs.ts';
import { type Daemon, cutTrees } from './support/real-servers.ts';

test.describe.configure({ mode: 'serial', timeout: 300_000 });


let dir: string;
let server: Daemon;
let service: ServiceChild;
let target: string;
let cliVerdict: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-service-page-'));
  cutTrees(dir);
  server = await startLighttpdIipsrv(dir, dir, '');
  target = `${server.origin}/iiif/img.tif/info.json`;
  service = await startServiceChild(['--allow-private'], { CORS_ENGINES: 'chromium' });
  const cli = await certifyCli([target, '--quiet'], { CORS_ENGINES: 'chromium' });
  expect(cli.status, cli.stderr).toBe(1);
  cliVerdict = cli.stdout.split('\n')[1]!;
});

test.afterAll(async () => {
  await service?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The verdict without its timing: `FAIL: 1 root cause` from `FAIL: 1 root cause (12.3 s wall, …)`. */
const verdictOf = (line: string) => line.replace(/ \(\d+(\.\d+)? s wall.*$/, '');

interface PageState {
  path: string;
  state: string;
  verdict: string | null;
  progress: number;
  causes: number;
  screenshot: string | null;
}

// The page is opened as http://localhost:<port>, the viewer's own site, not 127.0.0.1: this test
// drives the worker's shared browser, and a person's click on a page of 127.0.0.1 is first-party
// interaction with the matrix's cross-site host. Firefox then lets 127.0.0.1 use its unpartitioned
// cookies under localhost (its storage-access heuristics), and the cross-site cookie rows that run
// later in the same browser would observe that history instead of the shipped policy.
const onViewerSite = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

test('the page: URL, Certify, progress, the CLI verdict, a screenshot', async ({ probe }) => {
  await probe.open(onViewerSite(service.url));
  const form = await probe.run(
    ({ url }) => {
      const label = document.querySelector('label[for="url"]')?.textContent;
      const input = document.querySelector<HTMLInputElement>('#url')!;
      input.focus();
      input.value = url;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      document.querySelector<HTMLButtonElement>('#go')!.click();
      return { label, button: document.querySelector('#go')?.textContent };
    },
    { url: target },
  );
  expect(form).toEqual({ label: 'URL', button: 'Certify' });

  // Poll the page as a person watches it: it moves to /r/<id>, shows progress, then the verdict.
  const seen: PageState[] = [];
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const s = await probe
      .run(
        () =>
          ({
            path: location.pathname,
            state: document.querySelector('#state')?.textContent ?? '',
            verdict: document.querySelector('#verdict')?.textContent ?? null,
            progress: Math.max(0, ...[...document.querySelectorAll('progress')].map((p) => (p as HTMLProgressElement).value)),
            causes: document.querySelectorAll('#causes li').length,
            screenshot: document.querySelector<HTMLAnchorElement>('a.screenshot')?.href ?? null,
          }) as PageState,
        null,
      )
      .catch(() => null); // mid-navigation
    if (s) seen.push(s);
    if (s?.verdict) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const last = seen.at(-1)!;
  expect(last.path).toMatch(/^\/r\/[\w-]+$/);
  expect(seen.some((s) => s.progress > 0 && s.progress < 1) || seen.some((s) => /Running|Queued/.test(s.state)), JSON.stringify(seen.slice(0, 5))).toBe(true);
  expect(verdictOf(last.verdict ?? '')).toBe(verdictOf(cliVerdict));
  expect(last.causes).toBeGreaterThan(0);

  // The screenshot is a real PNG the page links to.
  expect(last.screenshot).toMatch(/\/api\/certify\/[\w-]+\/files\/viewer-.*\.png$/);
  await probe.open(onViewerSite(last.screenshot!));
  const image = await probe.run(() => {
    const img = document.querySelector('img');
    return { type: document.contentType, width: img?.naturalWidth ?? 0 };
  }, null);
  expect(image.type).toBe('image/png');
  expect(image.width).toBeGreaterThan(100);
});
