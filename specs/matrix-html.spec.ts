// The HTML report in every engine: it renders from its embedded data alone, its filters narrow
// what is shown, and a cell opens its evidence. Driven through the same probe as the scenarios.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../harness/matrix/html.ts';
import { expect, test } from '../harness/runner/test.ts';
import { sampleMatrix } from './support/sample-matrix.ts';

test('matrix report: renders, filters, and opens evidence', async ({ probe }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'matrix-html-')), 'index.html');
  writeFileSync(file, renderHtml(sampleMatrix()));
  await probe.open(pathToFileURL(file).href);

  const shown = () =>
    probe.run(() => ({
      count: document.getElementById('shown')!.textContent,
      families: [...document.querySelectorAll<HTMLElement>('section[data-family]')].map((s) => s.dataset.family),
      cells: [...document.querySelectorAll<HTMLElement>('button.cell')].map((b) => `${b.closest('tr')!.dataset.scenario}@${b.dataset.engine}=${b.dataset.verdict}`),
      engines: [...document.querySelectorAll('.card b')].map((b) => b.textContent),
      changes: document.querySelectorAll('#changes tr').length,
      external: [...document.querySelectorAll('script[src], link[href], img[src]')].length,
      interop: document.querySelector('#interop summary')!.textContent,
      differs: [...document.querySelectorAll('#interop td.differs')].map((td) => td.textContent),
    }), null);

  const all = await shown();
  expect(all.count).toBe('6 of 6 cells shown');
  expect(all.families).toEqual(['simple', 'preflight']);
  expect(all.engines).toEqual(['chromium — Chromium', 'firefox — Firefox ESR', 'webkit']);
  expect(all.changes).toBe(2); // header row + one change
  expect(all.external).toBe(0);
  // The interop view says what differs, engines grouped by what they did (harness/matrix/compare.ts).
  expect(all.interop).toBe('Interop: 2 of 2 scenarios where engines differ (listed first): in verdict 2, in the permitted outcome taken 2, in what was observed 2');
  expect(all.differs[1]).toContain('verdict: conforms (chromium) · known-deviation (firefox)');
  expect(all.differs[1]).toContain('observed.result: "blocked" (chromium) · "readable" (firefox)');
  expect(await probe.run(() => document.getElementById('wpt')!.textContent, null)).toBe(
    'WPT: 1 of 2 scenarios have a web-platform-tests counterpart; 1 test what WPT does not (none found, with what was searched).',
  );

  const setFilter = (args: { family?: string; verdicts?: string[]; engines?: string[]; text?: string }) =>
    probe.run((a: typeof args) => {
      const fire = (el: HTMLElement) => el.dispatchEvent(new Event('input', { bubbles: true }));
      const family = document.getElementById('f-family') as HTMLSelectElement;
      family.value = a.family ?? '';
      fire(family);
      for (const box of document.querySelectorAll<HTMLInputElement>('#f-verdicts input')) {
        box.checked = !a.verdicts || a.verdicts.includes(box.value);
        fire(box);
      }
      for (const box of document.querySelectorAll<HTMLInputElement>('#f-engines input')) {
        box.checked = !a.engines || a.engines.includes(box.value);
        fire(box);
      }
      const text = document.getElementById('f-text') as HTMLInputElement;
      text.value = a.text ?? '';
      fire(text);
      return null;
    }, args);

  await setFilter({ family: 'preflight' });
  expect((await shown()).cells).toEqual(['preflight/put-allowed@chromium=unexpected', 'preflight/put-allowed@firefox=conforms', 'preflight/put-allowed@webkit=error']);
  await setFilter({ verdicts: ['unexpected', 'known-deviation'] });
  expect((await shown()).cells).toEqual(['simple/no-acao@firefox=known-deviation', 'preflight/put-allowed@chromium=unexpected']);
  await setFilter({ engines: ['webkit'] });
  expect((await shown()).count).toBe('2 of 6 cells shown');
  await setFilter({ text: 'no-acao' });
  expect((await shown()).families).toEqual(['simple']);

  const drawer = await probe.run(() => {
    document.querySelector<HTMLButtonElement>('tr[data-scenario="simple/no-acao"] button[data-engine="firefox"]')!.click();
    const d = document.getElementById('drawer')!;
    return { hidden: d.hidden, text: d.textContent, wpt: [...d.querySelectorAll<HTMLAnchorElement>('ul.wpt a')].map((a) => a.href) };
  }, null);
  expect(drawer.wpt).toEqual(['https://wpt.fyi/results/fetch/api/cors/cors-basic.any.js']);
  expect(drawer.hidden).toBe(false);
  for (const fragment of ['simple/no-acao', 'known-deviation', 'https://bugs.example/1', 'Fix (server side)', 'Server received (1 request)', '/make?token=t']) {
    expect(drawer.text).toContain(fragment);
  }
});
