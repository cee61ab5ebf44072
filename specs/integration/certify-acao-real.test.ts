// Malformed Access-Control-Allow-Origin values from a real nginx, one configuration per way of getting
// it wrong. Each row's cause and the value the server will send were written from its configuration
// before running ({origin}: the Origin the request carries). The fix certify prints must quote that
// value, and no row may get a fix meant for another cause (proxy_hide_header only for a duplicate).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { AcaoValueCause } from '../../harness/certify/acao-value.ts';
import { renderReport } from '../../harness/certify/report.ts';
import { Certifier } from '../../harness/certify/run.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { startNginx } from '../support/real-server-configs.ts';
import { cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'default', timeout: 240_000 });

const BASE = `    location ~ ^/iiif/(v[23])/([^/]+)$ { add_header Access-Control-Allow-Origin "*" always; return 303 /iiif/$1/$2/info.json; }`;
/**
 * `acao` is the nginx value (a quoted string) of every ACAO line, on OPTIONS answers too. Every row
 * also sends Vary: Origin, so a value built from $http_origin is not an echo without Vary as well:
 * each row has the one mistake under test.
 */
const everywhere = (acaoLines: string[]) => {
  const lines = (indent: string) => [...acaoLines.map((a) => `${indent}add_header Access-Control-Allow-Origin ${a} always;`), `${indent}add_header Vary Origin always;`].join('\n');
  return `      if ($request_method = OPTIONS) {\n${lines('        ')}\n        add_header Access-Control-Allow-Headers "Accept, Authorization" always;\n        return 204;\n      }\n${lines('      ')}`;
};

interface AcaoRow {
  cause: AcaoValueCause;
  /** nginx `http`-level lines (maps). */
  http?: string;
  acao: string[];
  /** The header value certify will see, from the configuration. */
  sends: string;
  /** Run from this --viewer-origin (default port cases need an origin without a port). */
  viewerOrigin?: string;
}

export const ACAO_ROWS: AcaoRow[] = [
  { cause: 'acao-duplicate', acao: ['"*"', '"*"'], sends: '*, *' },
  { cause: 'acao-list', acao: ['"$http_origin, https://other-viewer.example.org"'], sends: '{origin}, https://other-viewer.example.org' },
  { cause: 'acao-other-origin', acao: ['"https://other-viewer.example.org"'], sends: 'https://other-viewer.example.org' },
  { cause: 'acao-origin-trailing-slash', acao: ['"$http_origin/"'], sends: '{origin}/' },
  { cause: 'acao-origin-path', acao: ['"$http_origin/iiif/"'], sends: '{origin}/iiif/' },
  { cause: 'acao-origin-quoted', acao: [`'"$http_origin"'`], sends: '"{origin}"' },
  {
    cause: 'acao-origin-case',
    http: '  map $http_origin $shouted { default ""; "~^http://(?<rest>.*)$" "HTTP://$rest"; }',
    acao: ['"$shouted"'],
    sends: 'HTTP://{rest}',
  },
  { cause: 'acao-origin-default-port', acao: ['"$http_origin:80"'], sends: '{origin}:80', viewerOrigin: 'http://viewer.example.org' },
];

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
    const nginx = await startNginx(dir, trees, { http: row.http ?? '', server: BASE, iiif: everywhere(row.acao) });
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
