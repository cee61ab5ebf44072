// The certify HTML report in every engine: it renders from itself alone (no request leaves the
// page), the filters narrow the service table, the copy button puts the group's fix on the
// clipboard, and each group's viewer screenshots show (decoded images, not broken ones).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { CertifyResult } from '../contract/certify.ts';
import type { CollectionResult } from '../contract/collection.ts';
import { renderHtmlReport } from '../harness/report/html.ts';
import { expect, test } from '../harness/runner/test.ts';

const FIX = 'add_header Access-Control-Allow-Origin "*" always;';

async function sampleReport(dir: string): Promise<CollectionResult> {
  const shot = join(dir, 'viewer-osd-webgl-chromium.png');
  await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toFile(shot);
  const result = {
    input: 'http://127.0.0.1:2/iiif/v3/a/info.json',
    target: {
      input: 'http://127.0.0.1:2/iiif/v3/a/info.json',
      kind: 'info.json',
      manifest: null,
      service: { version: 3, id: 'http://127.0.0.1:2/iiif/v3/a', width: 10, height: 10, level: 0, tiles: [], sizes: [], extraFeatures: [], formats: [], qualities: [] },
      plan: { tiles: [], sampled: [], freshTile: { url: 'http://127.0.0.1:2/iiif/v3/a/full/10,/0/default.jpg', scaleFactor: 1, region: 'full' }, thumbnail: null, full: null, notChecked: [] },
      urls: { info: 'http://127.0.0.1:2/iiif/v3/a/info.json', base: 'http://127.0.0.1:2/iiif/v3/a', unknownIdentifier: 'http://127.0.0.1:2/iiif/v3/x/info.json', invalidRegion: 'http://127.0.0.1:2/iiif/v3/a/x/10,/0/default.jpg' },
    },
    startedAt: '2026-12-04T14:00:00.000Z',
    durationMs: 1,
    viewerOrigin: 'http://127.0.0.1:1',
    viewerOriginKind: 'own',
    engines: [],
    server: { origin: 'nginx', cache: null, seen: [] },
    checks: [],
    diagnoses: [],
    requests: [],
    verdict: 'fail',
    viewers: [{ check: 'osd-webgl', engine: 'chromium', shows: false, reason: 'blank', observation: null, screenshot: shot }],
  } satisfies CertifyResult;
  const diagnosis = { cause: 'errors-without-acao', severity: 'fail' as const, title: 'Error responses lack ACAO', observed: '404 without ACAO', explains: { 'error-unknown-identifier': ['chromium'] }, fix: { server: 'nginx', text: FIX } };
  const fp = (host: string) => ({ host, server: 'nginx', pathPattern: '/iiif/v3/{id}', version: '3', responses: { 'error+origin': '404' } });
  const svc = (url: string, group: string, verdict: 'pass' | 'fail', checkedIn: 'browsers' | 'fingerprint') => ({ url, host: new URL(url).origin, from: 'http://127.0.0.1:9/m.json', verdict, group, checkedIn, diagnoses: verdict === 'fail' ? [{ cause: 'errors-without-acao', severity: 'fail' as const, title: diagnosis.title }] : [] });
  return {
    kind: 'collection',
    schemaVersion: 1,
    input: 'http://127.0.0.1:9/collection.json',
    startedAt: '2026-12-04T14:00:00.000Z',
    durationMs: 1000,
    engines: [],
    summary: { documents: 4, services: 4, hosts: 2, pass: 2, fail: 2, unusable: 0, checkedInBrowsers: 2 },
    limits: { maxServices: 10, maxDocuments: 10, maxDepth: 5, truncated: [] },
    groups: [
      { id: 'g1', host: 'http://127.0.0.1:2', server: 'nginx', fingerprint: fp('http://127.0.0.1:2'), services: 2, representatives: ['http://127.0.0.1:2/iiif/v3/a'], checkedInBrowsers: ['chromium'], verdict: 'fail', diagnoses: [diagnosis], result: { ...result, diagnoses: [diagnosis] } },
      { id: 'g2', host: 'http://127.0.0.1:3', server: 'nginx', fingerprint: fp('http://127.0.0.1:3'), services: 2, representatives: ['http://127.0.0.1:3/iiif/v3/c'], checkedInBrowsers: ['chromium'], verdict: 'pass', diagnoses: [] },
    ],
    services: [svc('http://127.0.0.1:2/iiif/v3/a', 'g1', 'fail', 'browsers'), svc('http://127.0.0.1:2/iiif/v3/b', 'g1', 'fail', 'fingerprint'), svc('http://127.0.0.1:3/iiif/v3/c', 'g2', 'pass', 'browsers'), svc('http://127.0.0.1:3/iiif/v3/d', 'g2', 'pass', 'fingerprint')],
    unreachable: [],
    skipped: [],
    verdict: 'fail',
  };
}

test('certify HTML report: renders offline, filters, copies the fix, shows screenshots', async ({ probe }) => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtmlReport(await sampleReport(dir)));
  await probe.open(pathToFileURL(file).href);

  const state = () =>
    probe.run(
      () => ({
        shown: document.getElementById('shown')!.textContent,
        rows: [...document.querySelectorAll<HTMLElement>('#services tbody tr')].filter((r) => !r.hidden).map((r) => r.querySelector('code')!.textContent),
        external: document.querySelectorAll('script[src], link[href]').length + [...document.images].filter((i) => !i.src.startsWith('data:')).length,
        images: [...document.images].map((i) => ({ ok: i.complete && i.naturalWidth === 40, engine: i.closest('figure')!.getAttribute('data-engine') })),
      }),
      null,
    );
  const all = await state();
  expect(all.shown).toBe('4 of 4 services shown');
  expect(all.external).toBe(0);
  expect(all.images).toEqual([{ ok: true, engine: 'chromium' }]);

  const filter = (a: { verdict?: string; host?: string; group?: string; checked?: string; text?: string }) =>
    probe.run((f: typeof a) => {
      const set = (id: string, v: string) => {
        const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement;
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      };
      set('f-verdict', f.verdict ?? '');
      set('f-host', f.host ?? '');
      set('f-group', f.group ?? '');
      set('f-checked', f.checked ?? '');
      set('f-text', f.text ?? '');
      return null;
    }, a);
  await filter({ verdict: 'fail' });
  expect((await state()).rows).toEqual(['http://127.0.0.1:2/iiif/v3/a', 'http://127.0.0.1:2/iiif/v3/b']);
  await filter({ host: 'http://127.0.0.1:3', checked: 'fingerprint' });
  expect((await state()).rows).toEqual(['http://127.0.0.1:3/iiif/v3/d']);
  await filter({ text: 'v3/c' });
  expect((await state()).shown).toBe('1 of 4 services shown');
  await filter({ group: 'g1', text: 'errors-without' });
  expect((await state()).rows).toHaveLength(2);

  // The copy: what the page handed the clipboard. execCommand: the copy event's selection; the
  // Clipboard API: its argument, once the API resolved (reading it back needs a permission a page
  // cannot grant itself). A click from script carries no user activation in WebKit over WebDriver,
  // which refuses both: then the page must select the fix for a copy by hand, and says so.
  const copied = await probe.run(async () => {
    let seen: string | null = null;
    document.addEventListener('copy', (e) => (seen = (e.target as HTMLTextAreaElement).value ?? null), { capture: true, once: true });
    const write = navigator.clipboard?.writeText?.bind(navigator.clipboard);
    if (write) navigator.clipboard.writeText = (t: string) => write(t).then(() => void (seen = t));
    const button = document.querySelector<HTMLButtonElement>('button[data-copy="fix-g1-0"]')!;
    button.click();
    for (let i = 0; i < 50 && !button.dataset.copied; i++) await new Promise((r) => setTimeout(r, 20));
    return { how: button.dataset.copied ?? null, label: button.textContent, seen, selected: getSelection()?.toString() ?? '' };
  }, null);
  if (copied.how === 'failed') {
    expect(copied.label).toBe('Select and copy by hand');
    expect(copied.selected).toBe(FIX);
    test.info().annotations.push({ type: 'copy', description: `no clipboard access from a script click here: fix selected for a copy by hand (${JSON.stringify(copied)})` });
  } else {
    expect(copied.seen, JSON.stringify(copied)).toBe(FIX);
    expect(copied.label).toBe('Copied');
  }
  console.log(`copy button: ${copied.how}`);
});
