// The image a viewer should show, fetched from Node (CORS does not apply there) in a form the
// service promises: a size listed in `sizes` (full/w,h is promised at every level), else its tiles
// at one scale factor stitched together (what a level-0 tree cut by `vips dzsave` has), else, at
// level 1 or 2, full/max. A server that keeps none of these promises gets an answer, not a crash.

import sharp, { type OverlayOptions } from 'sharp';
import type { ImageService } from '../../contract/certify.ts';
import { imageUrl, parseService } from '../certify/plan.ts';
import type { Reference } from './run.ts';

/** A target's answer that leaves the viewer check without a reference (reported, never thrown past certify). */
export class ReferenceError extends Error {
  override name = 'ReferenceError';
}

/** Largest reference edge: enough for sample points on a screen-sized viewer. */
const MAX_EDGE = 1600;

export interface BuiltReference extends Reference {
  /** How it was obtained, for the report: "size 800,560", "12 tiles at scale factor 2", "full/max". */
  how: string;
}

async function fetchImage(url: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ReferenceError(`${url}: ${(error as Error).name === 'TimeoutError' ? `no response within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message)}`);
  }
  if (!response.ok) throw new ReferenceError(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function decode(image: Buffer, url: string): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new ReferenceError(`${url}: not a decodable image (${(error as Error).message})`);
  }
}

/** The scale factor whose whole image fits MAX_EDGE (the smallest such), else the largest listed. */
export function referenceScaleFactor(s: ImageService): number | null {
  const spec = s.tiles[0];
  if (!spec) return null;
  const factors = [...new Set(spec.scaleFactors)].sort((a, b) => a - b);
  return factors.find((f) => Math.ceil(s.width / f) <= MAX_EDGE && Math.ceil(s.height / f) <= MAX_EDGE) ?? factors.at(-1)!;
}

/** The tiles of one scale factor, stitched into the image at that scale. */
async function fromTiles(s: ImageService, sf: number, timeoutMs: number): Promise<BuiltReference> {
  const spec = s.tiles[0]!;
  const [rw, rh] = [spec.width * sf, spec.height * sf];
  const [W, H] = [Math.ceil(s.width / sf), Math.ceil(s.height / sf)];
  const jobs: { url: string; alt?: string; left: number; top: number; width: number; height: number }[] = [];
  for (let y = 0; y < s.height; y += rh) {
    for (let x = 0; x < s.width; x += rw) {
      const [w, h] = [Math.min(rw, s.width - x), Math.min(rh, s.height - y)];
      const [sw, sh] = [Math.ceil(w / sf), Math.ceil(h / sf)];
      const whole = x === 0 && y === 0 && w === s.width && h === s.height;
      // The whole image as one tile: canonical `full`, but tree cutters write x,y,w,h.
      jobs.push({ url: imageUrl(s, `${x},${y},${w},${h}`, sw, sh), ...(whole && { alt: imageUrl(s, 'full', sw, sh) }), left: Math.floor(x / sf), top: Math.floor(y / sf), width: sw, height: sh });
    }
  }
  if (jobs.length > 64) throw new ReferenceError(`the smallest listed scale factor (${sf}) needs ${jobs.length} tiles for the whole image`);
  const parts: OverlayOptions[] = [];
  for (let i = 0; i < jobs.length; i += 6) {
    const batch = await Promise.all(
      jobs.slice(i, i + 6).map(async (j) => {
        const bytes = await fetchImage(j.url, timeoutMs).catch((error: unknown) => (j.alt ? fetchImage(j.alt, timeoutMs) : Promise.reject(error)));
        const tile = await decode(bytes, j.url);
        // A tile of a slightly different size (rounding) is fitted to its cell.
        const input = await sharp(tile.data, { raw: { width: tile.width, height: tile.height, channels: 3 } }).resize(j.width, j.height, { fit: 'fill' }).png().toBuffer();
        return { input, left: j.left, top: j.top };
      }),
    );
    parts.push(...batch);
  }
  const { data } = await sharp({ create: { width: W, height: H, channels: 3, background: '#000' } }).composite(parts).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: W, height: H, pixels: () => data, how: `${jobs.length} tile${jobs.length > 1 ? 's' : ''} at scale factor ${sf}` };
}

/** The reference image for an info.json the caller has already fetched and parsed. */
export async function buildReference(info: Record<string, unknown>, infoUrl: string, timeoutMs: number): Promise<BuiltReference> {
  const types = [info.type, info['@type']].filter((t): t is string => typeof t === 'string');
  const s = parseService(info, infoUrl, types);
  if (!(s.width > 0 && s.height > 0)) throw new ReferenceError(`${infoUrl} gives no width and height`);
  const tried: string[] = [];
  const listed = [...s.sizes].filter((z) => z.width <= MAX_EDGE && z.height <= MAX_EDGE && z.width >= 200).sort((a, b) => b.width - a.width)[0];
  if (listed) {
    const url = imageUrl(s, 'full', listed.width, listed.height);
    try {
      const d = await decode(await fetchImage(url, timeoutMs), url);
      return { width: d.width, height: d.height, pixels: () => d.data, how: `listed size ${listed.width},${listed.height}` };
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      tried.push(error.message);
    }
  }
  const sf = referenceScaleFactor(s);
  if (sf !== null || !s.tiles.length) {
    try {
      return await fromTiles(s.tiles.length ? s : { ...s, tiles: [{ width: 256, height: 256, scaleFactors: [1] }] }, sf ?? 1, timeoutMs);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      tried.push(error.message);
    }
  }
  if (s.level === 1 || s.level === 2) {
    const url = `${s.id}/full/${s.version === 3 ? 'max' : 'full'}/0/default.jpg`;
    try {
      const d = await decode(await fetchImage(url, timeoutMs), url);
      return { width: d.width, height: d.height, pixels: () => d.data, how: url.slice(s.id.length + 1) };
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      tried.push(error.message);
    }
  }
  throw new ReferenceError(`no image the service promises could be fetched from Node (${tried.join('; ') || 'no sizes or tiles listed'})`);
}
