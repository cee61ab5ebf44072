// From whatever the user points at (an Image service base URI, its info.json, an image request,
// or a Presentation 2/3 manifest) to the concrete URLs a viewer would request.

import { SafeFetch, TargetError, bodyText } from './safe-fetch.ts';

export interface ImageService {
  version: 2 | 3;
  /** The service's base URI (`id` / `@id`). */
  id: string;
  width: number;
  height: number;
  tile: { width: number; height: number };
  sizes: { width: number; height: number }[];
}

export interface Target {
  input: string;
  kind: 'manifest' | 'info.json' | 'image-request' | 'base-uri';
  manifest: string | null;
  service: ImageService;
  urls: {
    info: string;
    base: string;
    tile: string;
    /** A different tile, never requested before the cache-poisoning check runs. */
    freshTile: string;
    thumbnail: string;
    full: string;
    unknownIdentifier: string;
    invalidRegion: string;
  };
}

const IMAGE_REQUEST = /\/[^/]+\/[^/]+\/!?\d+(\.\d+)?\/[a-z]+\.[a-z0-9]+$/i;
const FULL_IMAGE_MAX_PIXELS = 16_000_000;

type Json = Record<string, unknown>;

export async function discover(input: string, http: SafeFetch): Promise<Target> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TargetError(`"${input}" is not a URL; pass an http(s) URL of an image service, info.json, image request or manifest`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError(`"${input}" is not an http(s) URL`);

  let kind: Target['kind'] = url.pathname.endsWith('/info.json') ? 'info.json' : IMAGE_REQUEST.test(url.pathname) ? 'image-request' : 'base-uri';
  let manifest: string | null = null;
  let infoUrl = kind === 'info.json' ? url.href : kind === 'image-request' ? url.href.replace(IMAGE_REQUEST, '') + '/info.json' : null;

  if (!infoUrl) {
    const json = await fetchJson(url.href, http, true);
    if (json && isManifest(json)) {
      kind = 'manifest';
      manifest = url.href;
      const service = firstImageService(json);
      if (!service) throw new TargetError(`the manifest at ${url.href} references no IIIF Image service`);
      infoUrl = `${service.replace(/\/$/, '')}/info.json`;
    } else if (json && isImageService(json)) {
      return build(input, kind, null, parseService(json, url.href));
    } else {
      infoUrl = `${url.href.replace(/\/$/, '')}/info.json`;
    }
  }
  const info = await fetchJson(infoUrl, http, false);
  if (!info || !isImageService(info)) throw new TargetError(`${infoUrl} is not a IIIF Image API info.json`);
  return build(input, kind, manifest, parseService(info, infoUrl));
}

async function fetchJson(url: string, http: SafeFetch, lenient: boolean): Promise<Json | null> {
  const hops = await http.follow(url, { Accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1' });
  const last = hops.at(-1)!;
  if (last.status >= 400) {
    if (lenient) return null;
    throw new TargetError(`GET ${url} answered ${last.status}`);
  }
  if (last.truncated) throw new TargetError(`${url} is larger than ${http.limits.maxBodyBytes} bytes; not a IIIF document`);
  try {
    const json = JSON.parse(bodyText(last)) as unknown;
    return json && typeof json === 'object' ? (json as Json) : null;
  } catch {
    if (lenient) return null;
    throw new TargetError(`${url} is not JSON`);
  }
}

const types = (j: Json) => [j.type, j['@type']].flat().filter((t): t is string => typeof t === 'string');
const isManifest = (j: Json) => types(j).some((t) => t === 'Manifest' || t === 'sc:Manifest');
const isImageService = (j: Json) =>
  (j.protocol === 'http://iiif.io/api/image' || types(j).some((t) => /^ImageService[23]$|^iiif:ImageProfile$/.test(t))) &&
  typeof j.width === 'number' &&
  typeof j.height === 'number';

/** The first image service in a Presentation 3 or 2 manifest. */
function firstImageService(manifest: Json): string | undefined {
  const services: unknown[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > 12 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth + 1));
    const j = node as Json;
    if (('service' in j || 'services' in j) && ('format' in j || types(j).some((t) => t === 'Image' || t === 'dctypes:Image'))) {
      for (const s of [j.service, j.services].flat()) if (s) services.push(s);
    }
    for (const value of Object.values(j)) walk(value, depth + 1);
  };
  walk(manifest, 0);
  for (const s of services) {
    const j = s as Json;
    const id = (j.id ?? j['@id']) as string | undefined;
    const profile = JSON.stringify(j.profile ?? '') + JSON.stringify(j['@context'] ?? '') + types(j).join();
    if (id && /ImageService|iiif\.io\/api\/image|level[012]/.test(profile)) return id;
  }
  return undefined;
}

function parseService(j: Json, infoUrl: string): ImageService {
  const version: 2 | 3 = JSON.stringify(j['@context'] ?? '').includes('/image/3/') || types(j).includes('ImageService3') ? 3 : 2;
  const id = String(j.id ?? j['@id'] ?? infoUrl.replace(/\/info\.json$/, '')).replace(/\/$/, '');
  const tiles = (Array.isArray(j.tiles) ? j.tiles : []) as { width?: number; height?: number }[];
  const tw = tiles[0]?.width ?? 256;
  const sizes = ((Array.isArray(j.sizes) ? j.sizes : []) as { width: number; height: number }[]).filter((s) => s.width > 0 && s.height > 0);
  return { version, id, width: j.width as number, height: j.height as number, tile: { width: tw, height: tiles[0]?.height ?? tw }, sizes };
}

function build(input: string, kind: Target['kind'], manifest: string | null, s: ImageService): Target {
  const full = s.version === 3 ? 'max' : 'full';
  // Canonical size syntax (what level-0 static trees are cut to): `w,h` in 3.0, `w,` in 2.x.
  const size = (w: number, h: number) => (s.version === 3 ? `${w},${h}` : `${w},`);
  const image = (region: string, sz: string) => `${s.id}/${region}/${sz}/0/default.jpg`;
  const tw = Math.min(s.tile.width, s.width);
  const th = Math.min(s.tile.height, s.height);
  // A second tile for the cache check: the next one along, or a slightly smaller first tile.
  const [x2, w2] = s.width > tw ? [tw, Math.min(tw, s.width - tw)] : [0, Math.max(1, tw - 1)];
  const thumb = [...s.sizes].sort((a, b) => a.width - b.width).find((x) => x.width >= 100) ?? { width: 200, height: Math.max(1, Math.round((200 * s.height) / s.width)) };
  return {
    input,
    kind,
    manifest,
    service: s,
    urls: {
      info: `${s.id}/info.json`,
      base: s.id,
      tile: image(`0,0,${tw},${th}`, size(tw, th)),
      freshTile: image(`${x2},0,${w2},${th}`, size(w2, th)),
      thumbnail: image('full', size(thumb.width, thumb.height)),
      full: image('full', s.width * s.height > FULL_IMAGE_MAX_PIXELS ? '!4096,4096' : full),
      unknownIdentifier: `${s.id.replace(/[^/]+$/, '')}cors-certify-missing-${Math.random().toString(36).slice(2, 10)}/info.json`,
      invalidRegion: image('not-a-region', full),
    },
  };
}
