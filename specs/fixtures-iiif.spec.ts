// The fixture server's IIIF content through real engines: from the `correct` profile, info.json is
// readable and a tile draws to a canvas untainted; from `info-only` (tiles lack ACAO), info.json is
// still readable but a crossorigin tile is blocked and a plain <img> tile taints the canvas, as
// the Fetch/HTML standards say. The request log confirms what actually arrived.

import { profileUrls } from '../fixtures/profile-routes.ts';
import { performAction } from '../harness/in-page/actions.ts';
import { expect, test } from '../harness/runner/test.ts';

const TILE = ['0,0,256,256', '256,', '0', 'default.jpg'] as const;
const OTHER_TILE = ['256,0,256,256', '256,', '0', 'default.jpg'] as const;

test('fixtures: correct profile — info.json readable, tile draws untainted', async ({ probe, origins, token, serverLog }) => {
  const u = profileUrls(origins.image, 'correct');
  await probe.open(`${origins.viewer}/blank`);

  const info = await probe.run(performAction, { kind: 'fetch', url: `${u.info('landscape')}?token=${token}`, bodyChars: 100_000 });
  expect(info).toMatchObject({ result: 'readable', type: 'cors', status: 200 });
  const json = JSON.parse((info as { body: string }).body) as Record<string, unknown>;
  expect(json).toMatchObject({ id: u.service('landscape'), type: 'ImageService3', width: 1024, height: 768 });

  const tile = await probe.run(performAction, { kind: 'image', url: `${u.image('landscape', ...TILE)}?token=${token}`, crossOrigin: 'anonymous', use: ['2d'] });
  expect(tile).toEqual({ result: 'loaded', size: '256x256', canvas: { '2d': 'clean' } });

  const arrived = await serverLog.forToken(token);
  expect(arrived.map((r) => [r.method, r.path.split('?')[0], r.role, r.origin, r.status])).toEqual([
    ['GET', '/p/correct/iiif/3/landscape/info.json', 'image', origins.viewer, 200],
    ['GET', `/p/correct/iiif/3/landscape/${TILE.slice(0, 3).join('/')}/${TILE[3]}`, 'image', origins.viewer, 200],
  ]);
});

test('fixtures: info-only profile — info.json readable, crossorigin tile blocked, plain tile taints', async ({ probe, origins, token, serverLog }) => {
  const u = profileUrls(origins.image, 'info-only');
  await probe.open(`${origins.viewer}/blank`);

  const info = await probe.run(performAction, { kind: 'fetch', url: `${u.info('landscape')}?token=${token}` });
  expect(info).toMatchObject({ result: 'readable', type: 'cors', status: 200 });

  // CORS mode without ACAO: a network error, so the <img> fires error (HTML: "CORS-cross-origin" fails).
  const corsTile = await probe.run(performAction, { kind: 'image', url: `${u.image('landscape', ...TILE)}?token=${token}`, crossOrigin: 'anonymous', use: ['2d'] });
  expect(corsTile).toEqual({ result: 'error' });

  // No-cors: the image loads opaque and taints the canvas; getImageData throws SecurityError.
  const plainTile = await probe.run(performAction, { kind: 'image', url: `${u.image('landscape', ...OTHER_TILE)}?token=${token}`, use: ['2d'] });
  expect(plainTile).toEqual({ result: 'loaded', size: '256x256', canvas: { '2d': 'tainted' } }); // tainted = SecurityError

  const arrived = await serverLog.forToken(token);
  const tilePath = (t: readonly string[]) => `/p/info-only/iiif/3/landscape/${t.slice(0, 3).join('/')}/${t[3]}`;
  // Blocking happened in the browser: both tile requests reached the server and got a 200. The
  // CORS-mode one carried Origin; the no-cors GET carried none (Fetch: no Origin on no-cors GET).
  expect(arrived.map((r) => [r.method, r.path.split('?')[0], r.origin, r.status])).toEqual([
    ['GET', '/p/info-only/iiif/3/landscape/info.json', origins.viewer, 200],
    ['GET', tilePath(TILE), origins.viewer, 200],
    ['GET', tilePath(OTHER_TILE), null, 200],
  ]);
});
