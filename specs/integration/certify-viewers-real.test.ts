// certify's viewer check against real nginx serving level-0 trees cut by `vips dzsave` (tiles only:
// no full/, no sizes), for four kinds of image (specs/support/viewer-images.ts), each behind a
// correct server and a broken one. Answers written from the configuration before running:
// - ACAO * on every response: both OpenSeadragon drawers show the image;
// - ACAO on info.json only: 'Anonymous' tiles fail the CORS check (WebGL shows nothing), while the
//   canvas drawer with no crossOriginPolicy loads tiles as plain <img> and shows the image.
// The light page is the case the old judge got wrong: a white empty viewer matched its white paper.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Certifier } from '../../harness/certify/run.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { startNginx } from '../support/real-server-configs.ts';
import { VIEWER_IMAGES, cutViewerTree } from '../support/viewer-images.ts';

test.describe.configure({ mode: 'default', timeout: 240_000 });

const NGINX_OPTIONS = `      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin "*" always;
        add_header Access-Control-Allow-Headers "Accept, Authorization" always;
        return 204;
      }`;

export const VIEWER_SERVERS = {
  correct: { config: { iiif: `${NGINX_OPTIONS}\n      add_header Access-Control-Allow-Origin "*" always;` }, answers: { 'osd-webgl': true, 'osd-canvas': true } },
  'info-only': {
    config: { server: `    location ~ /info\\.json$ {\n${NGINX_OPTIONS}\n      add_header Access-Control-Allow-Origin "*" always;\n    }` },
    answers: { 'osd-webgl': false, 'osd-canvas': true },
  },
} as const;

const engines = selectedEngines();
let certifier: Certifier;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000); // three engines starting, as certify-real-servers allows
  dir = mkdtempSync(join(tmpdir(), 'certify-viewers-'));
  certifier = await Certifier.start({ engines });
});
test.afterAll(async () => {
  await certifier?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const image of VIEWER_IMAGES) {
  test(`viewer check — ${image} image, level-0 tree, correct and info-only nginx`, async ({}, testInfo) => {
    const trees = await cutViewerTree(dir, image);
    for (const [server, { config, answers }] of Object.entries(VIEWER_SERVERS)) {
      const nginx = await startNginx(dir, trees, config);
      try {
        const results = await certifier.runViewers(`${nginx.origin}/iiif/v3/img/info.json`, join(testInfo.outputDir, `${image}-${server}`));
        const text = results.map((r) => `${r.engine} ${r.check}: ${r.shows} — ${r.reason}`).join('\n');
        await testInfo.attach(`${image} ${server}`, { body: text, contentType: 'text/plain' });
        console.log(`${image} / ${server}:\n${text}`);
        for (const engine of engines) {
          const got = Object.fromEntries(results.filter((r) => r.engine === engine && r.check !== 'mirador').map((r) => [r.check, r.shows]));
          expect(got, `${engine}, ${image}, ${server}\n${text}`).toEqual(answers);
          // "Shows" only with tiles loaded; "does not show" with none.
          for (const r of results.filter((x) => x.engine === engine && x.observation)) {
            if (r.shows) expect(r.observation!.tiles!.loaded, text).toBeGreaterThan(0);
          }
        }
      } finally {
        await nginx.stop();
      }
    }
  });
}
