// Judges a viewer screenshot by its pixels: points of the known sample image, mapped to where the
// viewer says it drew the image, compared with the sample's own colours. "Tiles drawn" means the
// screenshot shows the image, not that the console stayed quiet.

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
  matched: number;
  sampled: number;
  /** The first few points that did not match: where, expected and seen colour. */
  mismatches: { x: number; y: number; expected: Rgb; seen: Rgb }[];
}

/** Largest per-channel difference still counted as the same colour (JPEG, scaling, blending). */
const TOLERANCE = 40;
/** Share of sampled points that must match for `image`; at most the complement for `blank`. */
const IMAGE_SHARE = 0.85;

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

/** Compares a PNG screenshot with the sample at the mapped points (3×3 average per point). */
export async function judgePixels(png: Buffer, mapping: PixelMapping, imageSize: { width: number; height: number }, points: SamplePoint[]): Promise<PixelVerdict> {
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
  let matched = 0;
  let sampled = 0;
  const mismatches: PixelVerdict['mismatches'] = [];
  for (const p of points) {
    const cssX = imageRect.x + (p.x / imageSize.width) * imageRect.width;
    const cssY = imageRect.y + (p.y / imageSize.height) * imageRect.height;
    // Keep a few pixels away from the clip edges: scrollbars, borders, overlays.
    if (cssX < clip.x + 4 || cssY < clip.y + 4 || cssX > clip.x + clip.width - 4 || cssY > clip.y + clip.height - 4) continue;
    const seen = seenAt(cssX * scale, cssY * scale);
    if (!seen) continue;
    sampled++;
    if (maxDiff(seen, p.expected) <= TOLERANCE) matched++;
    else if (mismatches.length < 5) mismatches.push({ x: p.x, y: p.y, expected: p.expected, seen });
  }
  const share = sampled ? matched / sampled : 0;
  const shown: Shown = sampled && share >= IMAGE_SHARE ? 'image' : share <= 1 - IMAGE_SHARE ? 'blank' : 'partial';
  return { shown, matched, sampled, mismatches };
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
