// The viewer family's pixel check: a screenshot that shows the fixture image passes, a blank one
// does not, and a deliberately wrong expected colour makes the viewer scenario fail.

import { expect, test } from '../support/browserless.ts';
import sharp from 'sharp';
import { sampleFor } from '../../fixtures/iiif/samples.ts';
import type { Rgb } from '../../harness/viewers/pixels.ts';
import { judgePixels, samplePoints } from '../../harness/viewers/pixels.ts';
import { judge } from '../../harness/scenarios/verdict.ts';
import { scenarios } from '../scenarios/viewer.ts';
import type { ServerFacts } from '../../contract/server.ts';

const landscape = sampleFor('landscape')!;
const BOX = { x: 40, y: 20, width: 480, height: 360 };

/** A fake 1280×720 screenshot: white page, the sample scaled into BOX (as OpenSeadragon fits it). */
async function screenshot(withImage: boolean): Promise<Buffer> {
  const page = sharp({ create: { width: 1280, height: 720, channels: 3, background: '#ffffff' } });
  if (!withImage) return page.png().toBuffer();
  const image = await sharp(landscape.pixels(), { raw: { width: landscape.width, height: landscape.height, channels: 3 } })
    .resize(BOX.width, BOX.height)
    .jpeg({ quality: 80 })
    .toBuffer();
  return page.composite([{ input: image, left: BOX.x, top: BOX.y }]).png().toBuffer();
}

const mapping = { imageRect: BOX, clip: BOX, scale: 1 };
const server: ServerFacts = {
  preflights: 0, requests: 7, methods: [], origins: [], preflightOrigins: [], cookie: false, controlCookie: false, schemes: [], preflightCookie: false,
  acrm: null, acrh: null, acrms: [], acrhs: [], authorization: [], rejected: 0, cookies: [], statuses: [],
};
const scenario = scenarios.find((s) => s.id === 'viewer/osd-webgl-anonymous-correct')!;

test('sample points sit inside uniform areas of the image, spread over all of it', () => {
  const points = samplePoints(landscape);
  expect(points.length).toBeGreaterThan(100);
  expect(Math.max(...points.map((p) => p.x))).toBeGreaterThan(landscape.width * 0.9);
  expect(Math.max(...points.map((p) => p.y))).toBeGreaterThan(landscape.height * 0.9);
});

test('a screenshot showing the image is judged "image", and the viewer scenario conforms', async () => {
  const verdict = await judgePixels(await screenshot(true), mapping, landscape, samplePoints(landscape));
  expect(verdict.shown).toBe('image');
  expect(verdict.matched).toBe(verdict.sampled);
  const observed = { viewer: { shown: verdict.shown, drawer: 'webgl', uiError: false } };
  expect(judge(scenario, 'chromium', observed, server, {}).verdict).toBe('conforms');
});

test('a blank viewer is judged "blank"', async () => {
  const verdict = await judgePixels(await screenshot(false), mapping, landscape, samplePoints(landscape));
  expect(verdict.shown).toBe('blank');
  expect(verdict.matched).toBe(0);
});

test('a deliberately wrong expected colour makes the pixel check, and so the viewer scenario, fail', async () => {
  // Every expected colour inverted: the same screenshot no longer matches.
  const wrong = samplePoints(landscape).map((p) => ({ ...p, expected: p.expected.map((c) => 255 - c) as Rgb }));
  const verdict = await judgePixels(await screenshot(true), mapping, landscape, wrong);
  expect(verdict.shown).not.toBe('image');
  expect(verdict.mismatches.length).toBeGreaterThan(0);
  const observed = { viewer: { shown: verdict.shown, drawer: 'webgl', uiError: false } };
  const judgement = judge(scenario, 'chromium', observed, server, {});
  expect(judgement.verdict).toBe('unexpected');
  expect(judgement.differences.join('\n')).toContain('observed.viewer.shown: expected "image"');
});

test('a wrong colour at a single point is still caught by that point', async () => {
  const points = samplePoints(landscape);
  const wrong = points.map((p, i) => (i === 0 ? { ...p, expected: [0, 255, 0] as Rgb } : p));
  const verdict = await judgePixels(await screenshot(true), mapping, landscape, wrong);
  expect(verdict.matched).toBe(verdict.sampled - 1);
  expect(verdict.mismatches[0]).toMatchObject({ x: points[0]!.x, y: points[0]!.y, expected: [0, 255, 0] });
});
