// Judges a viewer screenshot by its pixels: points of the known image, mapped to where the viewer
// says it drew the image, compared with the image's own colours. Only points whose colour differs
// from the empty viewer's background can tell an image from an empty viewer (a white page on a white
// viewer matches everywhere), so only those are judged, each weighted by that contrast. "Tiles
// drawn" means the screenshot shows the image, not that the console stayed quiet.

import sharp from 'sharp';
/** An image as RGB pixels (a fixture sample, or a reference fetched from a real server). */
export interface ImageRgb {
  width: number;
  height: number;
  pixels(): Buffer;
}

export type Rgb = [number, number, number];

/** A point of the image (image pixels) and the colour it has there. */
export interface SamplePoint {
  x: number;
  y: number;
  expected: Rgb;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PixelMapping {
  /** Where the whole image lies, in CSS pixels of the page (may extend past the viewer). */
  imageRect: Rect;
  /** Only points inside this CSS-pixel rectangle are sampled (the viewer's unobstructed area). */
  clip: Rect;
  /** Screenshot pixels per CSS pixel. */
  scale: number;
}

export type Shown = 'image' | 'partial' | 'blank';

export interface PixelVerdict {
  shown: Shown;
  /** Informative points (colour unlike the empty viewer's) that show the image's colour. */
  matched: number;
  /** Informative points inside the viewer's clear area. */
  sampled: number;
  /** Points inside the clear area whose colour is the background's: they cannot tell, so they are not judged. */
  uninformative: number;
  /** Contrast-weighted share of informative points that match (0 when none). */
  share: number;
  /** Informative points that show the empty viewer's background instead (the blank-viewer control). */
  asBackground: number;
  /** The empty viewer's colour the points were judged against. */
  background: Rgb;
  /** The first few points that did not match: where, expected and seen colour. */
  mismatches: { x: number; y: number; expected: Rgb; seen: Rgb }[];
}

/** Largest per-channel difference still counted as the same colour (JPEG, scaling, blending). */
const TOLERANCE = 40;
/** Contrast-weighted share of informative points that must match for `image`; at most the complement for `blank`. */
const IMAGE_SHARE = 0.85;
/** A point is informative when its expected colour is further than this from the background. */
const INFORMATIVE = TOLERANCE + 8;
/** Fewer informative points than this: the pixels cannot tell an image from an empty viewer. */
export const MIN_INFORMATIVE = 6;
/** What the viewer pages (fixtures/viewers/pages.ts) show where no image is drawn. */
export const WHITE: Rgb = [255, 255, 255];

/**
 * Points at the centres of the sample's 64-px checker cells, kept only where the neighbourhood is
 * uniform (so a point never straddles a disc edge or a cell border after scaling).
 */
export function samplePoints(sample: ImageRgb, step = 64, radius = 20): SamplePoint[] {
  const pixels = sample.pixels();
  const at = (x: number, y: number): Rgb => {
    const i = (y * sample.width + x) * 3;
    return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
  };
  const points: SamplePoint[] = [];
  const start = Math.floor(step / 2);
  for (let y = start; y < sample.height; y += step) {
    for (let x = start; x < sample.width; x += step) {
      const centre = at(x, y);
      const corners = [at(x - radius, y - radius), at(x + radius, y - radius), at(x - radius, y + radius), at(x + radius, y + radius)];
      if (corners.every((c) => maxDiff(c, centre) <= 16)) points.push({ x, y, expected: centre });
    }
  }
  return points;
}

const maxDiff = (a: Rgb, b: Rgb) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));

/**
 * Compares a PNG screenshot with the image at the mapped points (3×3 average per point). Points
 * whose expected colour is the viewer's `background` are left out; the rest count by their contrast
 * with it. Too few informative points, or a screenshot that matches the empty viewer as well as the
 * image, is never "image".
 */
export async function judgePixels(png: Buffer, mapping: PixelMapping, imageSize: { width: number; height: number }, points: SamplePoint[], background: Rgb = WHITE): Promise<PixelVerdict> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { imageRect, clip, scale } = mapping;
  const seenAt = (px: number, py: number): Rgb | null => {
    const sum: Rgb = [0, 0, 0];
    let n = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const x = Math.round(px) + dx;
        const y = Math.round(py) + dy;
        if (x < 0 || y < 0 || x >= info.width || y >= info.height) continue;
        const i = (y * info.width + x) * info.channels;
        sum[0] += data[i]!;
        sum[1] += data[i + 1]!;
        sum[2] += data[i + 2]!;
        n++;
      }
    }
    return n ? (sum.map((v) => Math.round(v / n)) as Rgb) : null;
  };
  let [matched, sampled, uninformative, asBackground, weightMatched, weightAll] = [0, 0, 0, 0, 0, 0];
  const mismatches: PixelVerdict['mismatches'] = [];
  for (const p of points) {
    const cssX = imageRect.x + (p.x / imageSize.width) * imageRect.width;
    const cssY = imageRect.y + (p.y / imageSize.height) * imageRect.height;
    // Keep a few pixels away from the clip edges: scrollbars, borders, overlays.
    if (cssX < clip.x + 4 || cssY < clip.y + 4 || cssX > clip.x + clip.width - 4 || cssY > clip.y + clip.height - 4) continue;
    const seen = seenAt(cssX * scale, cssY * scale);
    if (!seen) continue;
    const contrast = maxDiff(p.expected, background);
    if (contrast <= INFORMATIVE) {
      uninformative++;
      continue;
    }
    sampled++;
    weightAll += contrast;
    if (maxDiff(seen, p.expected) <= TOLERANCE) {
      matched++;
      weightMatched += contrast;
    } else {
      if (maxDiff(seen, background) <= TOLERANCE) asBackground++;
      if (mismatches.length < 5) mismatches.push({ x: p.x, y: p.y, expected: p.expected, seen });
    }
  }
  const share = weightAll ? weightMatched / weightAll : 0;
  const shown: Shown = sampled >= MIN_INFORMATIVE && share >= IMAGE_SHARE ? 'image' : share <= 1 - IMAGE_SHARE ? 'blank' : 'partial';
  return { shown, matched, sampled, uninformative, share, asBackground, background, mismatches };
}

/** The verdict in a few words, for observations and reports. */
export function describeVerdict(v: PixelVerdict): string {
  if (v.sampled < MIN_INFORMATIVE) return `only ${v.sampled} sample points differ from the empty viewer's colour rgb(${v.background.join(',')}): too few to tell`;
  const extra = [`${Math.round(v.share * 100)}% by contrast`, ...(v.asBackground ? [`${v.asBackground} show the empty viewer`] : []), ...(v.uninformative ? [`${v.uninformative} of the viewer's own colour not judged`] : [])];
  return `${v.matched}/${v.sampled} sample points match (${extra.join('; ')})`;
}

/**
 * The empty viewer's colour: the commonest colour of the clear area outside the image (letterbox),
 * when there is enough of it; otherwise the page's own background.
 */
export async function backgroundOf(png: Buffer, clip: Rect, imageRect: Rect, scale: number, fallback: Rgb = WHITE): Promise<Rgb> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<string, { n: number; rgb: Rgb }>();
  let total = 0;
  for (let y = clip.y + 6; y < clip.y + clip.height - 6; y += 8) {
    for (let x = clip.x + 6; x < clip.x + clip.width - 6; x += 8) {
      const inside = x > imageRect.x - 6 && x < imageRect.x + imageRect.width + 6 && y > imageRect.y - 6 && y < imageRect.y + imageRect.height + 6;
      const [px, py] = [Math.round(x * scale), Math.round(y * scale)];
      if (inside || px >= info.width || py >= info.height) continue;
      const i = (py * info.width + px) * info.channels;
      const rgb: Rgb = [data[i]!, data[i + 1]!, data[i + 2]!];
      const key = rgb.map((c) => c >> 3).join();
      const entry = counts.get(key) ?? { n: 0, rgb };
      entry.n++;
      counts.set(key, entry);
      total++;
    }
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return top && total >= 40 && top.n >= total / 2 ? top.rgb : fallback;
}

/** A small JPEG of the viewer area for the report (a few KB). */
export async function thumbnail(png: Buffer, area: Rect, scale: number, width = 200): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const left = Math.max(0, Math.round(area.x * scale));
  const top = Math.max(0, Math.round(area.y * scale));
  const w = Math.min((meta.width ?? 0) - left, Math.round(area.width * scale));
  const h = Math.min((meta.height ?? 0) - top, Math.round(area.height * scale));
  return sharp(png).extract({ left, top, width: w, height: h }).resize({ width }).jpeg({ quality: 60 }).toBuffer();
}
