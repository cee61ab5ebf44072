// What a viewer really requests from an image service, read off its info.json: tiles from `tiles`
// (each scale factor, in the canonical size form of the API version), thumbnails from `sizes`,
// `full`/`max` only where the compliance level promises it, jpg/default (required at every level),
// and `maxWidth`/`maxHeight`/`maxArea` respected. Whatever the info.json does not promise is not
// requested: it is listed in `notChecked` with the reason, so the report says what was left out.
// OpenSeadragon's IIIFTileSource, Mirador (OSD) and Leaflet-IIIF all cut tiles this way.

import type { ImageService, RequestPlan, Tile } from '../../contract/certify.ts';

type Json = Record<string, unknown>;
const FULL_IMAGE_MAX_PIXELS = 16_000_000;
/** A 200,000-pixel-square image in 256-pixel tiles has about 610,000 tiles at scale factor 1. */
const MAX_TILES_PER_FACTOR = 1_000_000;
const num = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);

export function parseService(j: Json, infoUrl: string, types: string[]): ImageService {
  const version: 2 | 3 = JSON.stringify(j['@context'] ?? '').includes('/image/3/') || types.includes('ImageService3') ? 3 : 2;
  const id = String(j.id ?? j['@id'] ?? infoUrl.replace(/\/info\.json$/, '')).replace(/\/$/, '');
  const profiles = [j.profile].flat();
  const levelMatch = profiles.map((p) => (typeof p === 'string' ? p.match(/level([012])/) : null)).find(Boolean);
  const described = profiles.filter((p): p is Json => !!p && typeof p === 'object');
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  // Entries that are not objects (null, numbers) are ignored, as viewers ignore them.
  const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === 'object') : []);
  const tiles = objects(j.tiles)
    .map((t) => {
      const width = num(t.width);
      if (!width) return null;
      const factors = (Array.isArray(t.scaleFactors) ? t.scaleFactors : [1]).filter((f): f is number => typeof f === 'number' && f >= 1);
      return { width, height: num(t.height) ?? width, scaleFactors: factors.length ? factors : [1] };
    })
    .filter((t): t is NonNullable<typeof t> => t !== null);
  const sizes = objects(j.sizes).flatMap((s) => (num(s.width) && num(s.height) ? [{ width: s.width as number, height: s.height as number }] : []));
  const limits = version === 3 ? j : (described[0] ?? {});
  return {
    version,
    id,
    width: j.width as number,
    height: j.height as number,
    level: levelMatch ? (Number(levelMatch[1]) as 0 | 1 | 2) : null,
    tiles,
    sizes,
    extraFeatures: version === 3 ? strings(j.extraFeatures) : described.flatMap((d) => strings(d.supports)),
    formats: ['jpg', ...(version === 3 ? strings(j.extraFormats) : described.flatMap((d) => strings(d.formats)))],
    qualities: ['default', ...(version === 3 ? strings(j.extraQualities) : described.flatMap((d) => strings(d.qualities)))],
    maxWidth: num(limits.maxWidth ?? j.maxWidth),
    maxHeight: num(limits.maxHeight ?? j.maxHeight),
    maxArea: num(limits.maxArea ?? j.maxArea),
  };
}

/** The image request URL in the version's canonical form (`w,h` in 3.0, `w,` in 2.x). */
export function imageUrl(s: ImageService, region: string, w: number, h: number): string {
  return `${s.id}/${region}/${s.version === 3 ? `${w},${h}` : `${w},`}/0/default.jpg`;
}

/** maxHeight defaults to maxWidth (Image API 3.0 §5.3). */
function withinLimits(s: ImageService, w: number, h: number): boolean {
  const [mw, mh] = [s.maxWidth, s.maxHeight ?? s.maxWidth];
  return (mw === undefined || w <= mw) && (mh === undefined || h <= mh) && (s.maxArea === undefined || w * h <= s.maxArea);
}

/** A small deterministic shuffle, so a run is reproducible and samples are spread. */
function spread<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function planRequests(s: ImageService, samples: number): RequestPlan {
  const notChecked: RequestPlan['notChecked'] = [];
  const byFactor: Tile[][] = [];
  let overLimit = 0;
  let wholeImage = 0;
  const spec = s.tiles[0] ?? { width: 256, height: 256, scaleFactors: [1] };
  if (!s.tiles.length) notChecked.push({ what: 'tiles as listed', why: 'info.json has no `tiles`; a 256-pixel tile at scale factor 1 is requested, as OpenSeadragon does' });
  for (const sf of [...new Set(spec.scaleFactors)].sort((a, b) => a - b)) {
    const group: Tile[] = [];
    const [rw, rh] = [spec.width * sf, spec.height * sf];
    // An info.json promising absurd grids (1e9 × 1e9 pixels in 1-pixel tiles) must not hang the plan.
    const count = Math.ceil(s.width / rw) * Math.ceil(s.height / rh);
    if (!(count <= MAX_TILES_PER_FACTOR)) throw new Error(`${s.width}×${s.height} pixels in ${spec.width}×${spec.height} tiles is ${count > 1e15 ? 'an absurd number of' : count} tiles at scale factor ${sf} (more than ${MAX_TILES_PER_FACTOR}): not a plausible image service`);
    for (let y = 0; y < s.height; y += rh) {
      for (let x = 0; x < s.width; x += rw) {
        const [w, h] = [Math.min(rw, s.width - x), Math.min(rh, s.height - y)];
        // A region covering the whole image is `full` in canonical form, which static tree cutters
        // (vips dzsave) write as x,y,w,h: viewers disagree, so it is not judged.
        if (x === 0 && y === 0 && w === s.width && h === s.height && spec.scaleFactors.length > 1) {
          wholeImage++;
          continue;
        }
        const [sw, sh] = [Math.ceil(w / sf), Math.ceil(h / sf)];
        if (!withinLimits(s, sw, sh)) {
          overLimit++;
          continue;
        }
        const region = `${x},${y},${w},${h}`;
        group.push({ url: imageUrl(s, region, sw, sh), scaleFactor: sf, region });
      }
    }
    if (group.length) byFactor.push(spread(group, sf * 7919 + group.length));
  }
  if (wholeImage) notChecked.push({ what: `${wholeImage} whole-image tile(s)`, why: 'canonical form is `full`, but tree cutters write x,y,w,h; viewers differ' });
  if (overLimit) notChecked.push({ what: `${overLimit} tile(s)`, why: 'larger than maxWidth/maxHeight/maxArea' });
  // Round-robin across scale factors, so every level is sampled before any gets a second tile.
  const tiles: Tile[] = [];
  for (let i = 0; byFactor.some((g) => i < g.length); i++) for (const g of byFactor) if (i < g.length) tiles.push(g[i]!);
  if (!tiles.length) throw new Error('the info.json promises no tile a viewer could request');
  // The cache check needs a tile no other check has requested (a browser's cache would otherwise
  // answer the sampled checks with the plain <img> response it stored): when every tile would be
  // sampled, the last one is kept back for it.
  const sampled = tiles.slice(0, Math.max(1, Math.min(samples, tiles.length - 1)));
  const freshTile = tiles[sampled.length] ?? sampled.at(-1)!;

  let thumbnail: string | null = null;
  const thumb = [...s.sizes].sort((a, b) => a.width - b.width).find((x) => x.width >= 100) ?? [...s.sizes].sort((a, b) => b.width - a.width)[0];
  if (thumb) thumbnail = imageUrl(s, 'full', thumb.width, thumb.height);
  else notChecked.push({ what: 'thumbnail', why: 'info.json lists no `sizes`, so a viewer asks for no whole-image size' });

  let full: string | null = null;
  const fullName = s.version === 3 ? 'max' : 'full';
  if (s.level === null || s.level === 0) notChecked.push({ what: `full/${fullName}`, why: `profile is ${s.level === null ? 'not named' : 'level 0'}: static trees need not serve it, viewers use tiles and sizes` });
  else if (s.width * s.height > FULL_IMAGE_MAX_PIXELS) notChecked.push({ what: `full/${fullName}`, why: `${s.width}×${s.height} is too large to fetch as a check` });
  else if (s.version === 2 && !withinLimits(s, s.width, s.height)) notChecked.push({ what: 'full/full', why: 'larger than maxWidth/maxHeight/maxArea' });
  else full = `${s.id}/full/${fullName}/0/default.jpg`;

  const other = [...s.formats.filter((f) => f !== 'jpg').map((f) => `format ${f}`), ...s.qualities.filter((q) => q !== 'default').map((q) => `quality ${q}`)];
  if (other.length) notChecked.push({ what: [...new Set(other)].join(', '), why: 'viewers request jpg/default; the same headers apply' });
  return { tiles, sampled, freshTile, thumbnail, full, notChecked };
}
