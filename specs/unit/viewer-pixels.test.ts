// The viewer family's pixel check: a screenshot that shows the fixture image passes, a blank one
// does not, and a deliberately wrong expected colour makes the viewer scenario fail.

import { expect, test } from '../support/browserless.ts';
import sharp from 'sharp';
import { sampleFor } from '../../fixtures/iiif/samples.ts';
import type { Rgb } from '../../harness/viewers/pixels.ts';
import { MIN_INFORMATIVE, WHITE, backgroundOf, describeVerdict, judgePixels, samplePoints } from '../../harness/viewers/pixels.ts';
import { viewerImage } from '../support/viewer-images.ts';
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

// A light page (white, dark text-like bars) in an empty white viewer: most points are white in both,
// so only the bars can tell. The judge before #23 answered "image" here (most points matched).
test('a blank white viewer over a light page image is "blank", not "image"', async () => {
  // The reference at full size (1200×900), the viewer drawing it at 480×360, as certify meets it.
  const png = await viewerImage('light-page');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const page = { width: info.width, height: info.height, pixels: () => data };
  const points = samplePoints(page, 25, 3);
  const blank = await judgePixels(await screenshot(false), mapping, page, points);
  expect(blank.sampled).toBeGreaterThanOrEqual(MIN_INFORMATIVE);
  expect(blank.shown, describeVerdict(blank)).toBe('blank');
  expect(blank.uninformative).toBeGreaterThan(blank.sampled);
  expect(blank.asBackground).toBe(blank.sampled);
  // The same page drawn: every informative point matches.
  const drawn = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#ffffff' } })
    .composite([{ input: await sharp(png).resize(BOX.width, BOX.height).png().toBuffer(), left: BOX.x, top: BOX.y }])
    .png()
    .toBuffer();
  const shown = await judgePixels(drawn, mapping, page, points);
  expect(shown.shown, describeVerdict(shown) + JSON.stringify(shown.mismatches)).toBe('image');
});

test('an image the colour of the empty viewer cannot be judged "image" (too few informative points)', async () => {
  const white = { width: 480, height: 360, pixels: () => Buffer.alloc(480 * 360 * 3, 250) };
  const verdict = await judgePixels(await screenshot(false), mapping, white, samplePoints(white, 20, 3));
  expect(verdict.sampled).toBeLessThan(MIN_INFORMATIVE);
  expect(verdict.shown).not.toBe('image');
  expect(describeVerdict(verdict)).toContain('too few to tell');
});

test('the empty viewer colour is read from the letterbox around the image', async () => {
  const grey = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#3a3a3a' } }).png().toBuffer();
  const clip = { x: 0, y: 0, width: 800, height: 400 };
  expect(await backgroundOf(grey, clip, { x: 200, y: 0, width: 400, height: 400 }, 1)).toEqual([58, 58, 58]);
  // No letterbox: the page's own background.
  expect(await backgroundOf(grey, clip, clip, 1)).toEqual(WHITE);
});
