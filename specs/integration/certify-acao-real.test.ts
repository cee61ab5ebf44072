// Malformed Access-Control-Allow-Origin values from a real nginx, one configuration per way of getting
// it wrong. Each row's cause and the value the server will send were written from its configuration
// before running ({origin}: the Origin the request carries). The fix certify prints must quote that
// value, and no row may get a fix meant for another cause (proxy_hide_header only for a duplicate).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { renderReport } from '../../harness/certify/report.ts';
import { Certifier } from '../../harness/certify/run.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { ACAO_ROWS, startAcaoRow } from '../support/real-server-corpus.ts';
import { cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'default', timeout: 240_000 });

const engines = selectedEngines();
let dir: string;
let trees: string;
const certifiers = new Map<string, Certifier>();
async function certifierFor(viewerOrigin?: string): Promise<Certifier> {
  const key = viewerOrigin ?? 'own';
  if (!certifiers.has(key)) certifiers.set(key, await Certifier.start({ engines, ...(viewerOrigin && { realViewerOrigin: viewerOrigin }) }));
  return certifiers.get(key)!;
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certify-acao-'));
  trees = cutTrees(dir).trees;
});
test.afterAll(async () => {
  for (const c of certifiers.values()) await c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const row of ACAO_ROWS) {
  test(`malformed ACAO from nginx — ${row.cause}`, async ({}, testInfo) => {
    const certifier = await certifierFor(row.viewerOrigin);
    const nginx = await startAcaoRow(dir, trees, row);
    try {
      const report = await certifier.certify(`${nginx.origin}/iiif/v3/img/info.json`);
      const text = renderReport(report);
      await testInfo.attach('report', { body: text, contentType: 'text/plain' });
      const origin = report.viewerOrigin;
      const sends = row.sends.replaceAll('{origin}', origin).replace('{rest}', origin.replace(/^http:\/\//, ''));
      const fails = report.diagnoses.filter((d) => d.severity === 'fail');
      expect(fails.map((d) => d.cause), text).toEqual([row.cause]);
      const d = fails[0]!;
      // Seen in every engine, not only one.
      const columns = new Set(Object.values(d.explains).flat());
      for (const engine of engines) expect(columns.has(engine), `${engine}\n${text}`).toBe(true);
      // The fix quotes the value the configuration sends, and fits it.
      expect(d.fix.text, text).toContain(sends);
      expect(d.observed, text).toContain(sends);
      if (row.cause !== 'acao-duplicate') expect(d.fix.text, text).not.toMatch(/proxy_hide_header|twice/);
      if (row.cause.startsWith('acao-origin-')) expect(d.fix.text, text).toContain(origin);
      console.log(`${row.cause}: ${d.observed}\n  fix: ${d.fix.text.split('\n').join('\n       ')}`);
    } finally {
      await nginx.stop();
    }
  });
}
