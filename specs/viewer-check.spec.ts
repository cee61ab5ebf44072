// viewerCheck() (harness/viewers/check.ts), the call certify can make against a real server, run here
// against the fixture server's manifests as if it were one: the answers are written down first.

import { join } from 'node:path';
import { profileUrls } from '../fixtures/profile-routes.ts';
import { viewerCheck } from '../harness/viewers/check.ts';
import { expect, test } from '../harness/runner/test.ts';

const EXPECTED = {
  // ACAO * everywhere: every viewer shows the image, OpenSeadragon with WebGL.
  correct: { 'osd-webgl': true, 'osd-canvas': true, mirador: true },
  // No ACAO on tiles: 'Anonymous' tiles fail (no WebGL); no-CORS tiles draw on canvas; Mirador uses no CORS for tiles.
  'info-only': { 'osd-webgl': false, 'osd-canvas': true, mirador: true },
} as const;

for (const [profile, answers] of Object.entries(EXPECTED)) {
  test(`viewerCheck on the ${profile} manifest answers ${JSON.stringify(answers)}`, async ({ probe, origins, engine }, testInfo) => {
    const results = await viewerCheck({
      probe,
      engine: engine.info.engine,
      viewerOrigin: origins.viewer,
      url: profileUrls(origins.image, profile).manifest('landscape'),
      screenshotDir: join(testInfo.outputDir, 'viewer-check'),
    });
    const got = Object.fromEntries(results.map((r) => [r.check, r.shows]));
    expect(got, results.map((r) => `${r.check}: ${r.reason}`).join('\n')).toEqual(answers);
    for (const r of results) expect(r.screenshot).toMatch(/viewer-.*\.png$/);
  });
}
