// Certify against real servers nobody here wrote (Debian's nginx, Apache, Caddy, Varnish, lighttpd
// with iipsrv), serving level-0 trees cut by libvips and iipsrv's dynamic service, correct and
// broken the ways people really break them. Each row's expected root causes were written from its
// configuration alone, before running; a server missing on the machine fails naming its package.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { acaoOf, acaoOk } from '../../harness/certify/evidence.ts';
import { renderReport } from '../../harness/certify/report.ts';
import { Certifier } from '../../harness/certify/run.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { REAL_SERVERS } from '../support/real-server-corpus.ts';
import { cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'default', timeout: 180_000 });

const engines = selectedEngines();
let certifier: Certifier;
let dir: string;
let trees: string;
let tiffDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-real-'));
  const cut = cutTrees(dir);
  trees = cut.trees;
  tiffDir = dir;
  certifier = await Certifier.start({ engines });
});
test.afterAll(async () => {
  await certifier?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const row of REAL_SERVERS) {
  test(`real server — ${row.name}`, async ({}, testInfo) => {
    const daemons = await row.start(dir, trees, tiffDir);
    try {
      for (const path of row.paths) {
        const report = await certifier.certify(`${daemons[0]!.origin}${path}`);
        const text = renderReport(report);
        await testInfo.attach(`${path} report`, { body: text, contentType: 'text/plain' });
        await testInfo.attach(`${path} json`, { body: JSON.stringify(report, null, 1), contentType: 'application/json' });
        const causes = report.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause).sort();
        expect(causes, `${path}\n${text}`).toEqual([...row.expected].sort());
        expect(report.verdict, text).toBe(row.expected.length ? 'fail' : 'pass');
        // Each expected root cause is seen in every engine, not only in one of them.
        for (const d of report.diagnoses.filter((x) => x.severity === 'fail')) {
          const columns = new Set(Object.values(d.explains).flat());
          for (const engine of engines) expect(columns.has(engine), `${d.cause} not seen in ${engine}\n${text}`).toBe(true);
        }
        const perEngine = engines.map((e) => `${e}: ${report.diagnoses.filter((d) => d.severity === 'fail' && Object.values(d.explains).flat().includes(e)).map((d) => d.cause).join(', ') || 'none'}`).join('; ');
        console.log(`${row.name} ${path}: ${perEngine} (${text.trimEnd().split('\n').length} lines)`);
        await testInfo.attach(`${path} per engine`, { body: engines.map((e) => `${e}: ${report.diagnoses.filter((d) => d.severity === 'fail' && Object.values(d.explains).flat().includes(e)).map((d) => d.cause).join(', ') || 'none'}`).join('\n'), contentType: 'text/plain' });
        // No request a browser failed on is blamed on CORS when its answer carried correct CORS
        // headers (a 404 or 500 with ACAO is "not available") or when there was no answer (network).
        // Node checks judge headers themselves (an echo without Vary is wrong on a 404 too).
        for (const c of report.checks.filter((x) => x.kind === 'browser')) {
          for (const [column, o] of Object.entries(c.results)) {
            if (o.status !== 'fail') continue;
            for (const e of (o.evidence ?? []).filter((x) => x.method === 'GET')) {
              expect(e.error, `${c.id} [${column}] ${e.url}`).toBeUndefined();
              expect(e.status! >= 400 && acaoOk(e, report.viewerOrigin), `${c.id} [${column}] blames CORS for ${e.status} with ACAO ${acaoOf(e)}`).toBe(false);
            }
          }
        }
        // One screen: the worst broken server in the table (lighttpd + iipsrv without CORS) included.
        expect(text.trimEnd().split('\n').length, text).toBeLessThanOrEqual(40);
      }
    } finally {
      for (const d of daemons) await d.stop();
    }
  });
}
