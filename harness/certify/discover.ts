// From whatever the user points at (an Image service base URI, its info.json, an image request,
// or a Presentation 2/3 manifest) to the concrete URLs a viewer would request.

import { firstImageService, types } from '../iiif-json.ts';
import type { ImageService, RequestPlan, Target } from '../../contract/certify.ts';
import { parseService, planRequests } from './plan.ts';
import { SafeFetch, TargetError, bodyText } from './safe-fetch.ts';

export const DEFAULT_SAMPLES = 20;

const IMAGE_REQUEST = /\/[^/]+\/[^/]+\/!?\d+(\.\d+)?\/[a-z]+\.[a-z0-9]+$/i;

type Json = Record<string, unknown>;

export async function discover(input: string, http: SafeFetch, samples = DEFAULT_SAMPLES): Promise<Target> {
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
      return build(input, kind, null, parseService(json, url.href, types(json)), samples);
    } else {
      infoUrl = `${url.href.replace(/\/$/, '')}/info.json`;
    }
  }
  const info = await fetchJson(infoUrl, http, false);
  if (!info || !isImageService(info)) throw new TargetError(`${infoUrl} is not a IIIF Image API info.json`);
  return build(input, kind, manifest, parseService(info, infoUrl, types(info)), samples);
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

const isManifest = (j: Json) => types(j).some((t) => t === 'Manifest' || t === 'sc:Manifest');
const isImageService = (j: Json) =>
  (j.protocol === 'http://iiif.io/api/image' || types(j).some((t) => /^ImageService[23]$|^iiif:ImageProfile$/.test(t))) &&
  typeof j.width === 'number' &&
  typeof j.height === 'number';

function build(input: string, kind: Target['kind'], manifest: string | null, s: ImageService, samples: number): Target {
  // Viewers build every image request from the id: one that is not an absolute http(s) URL leaves nothing to certify.
  if (!/^https?:$/.test(URL.canParse(s.id) ? new URL(s.id).protocol : '')) throw new TargetError(`the info.json's id "${s.id}" is not an absolute http(s) URL, so viewers cannot build image requests from it (Image API: id is the service's base URI)`);
  let plan: RequestPlan;
  try {
    plan = planRequests(s, samples);
  } catch (error) {
    throw new TargetError(`${s.id}/info.json: ${(error as Error).message}`);
  }
  const tile = plan.sampled[0]!;
  return {
    input,
    kind,
    manifest,
    service: s,
    plan,
    urls: {
      info: `${s.id}/info.json`,
      base: s.id,
      unknownIdentifier: `${s.id.replace(/[^/]+$/, '')}cors-certify-missing-${Math.random().toString(36).slice(2, 10)}/info.json`,
      invalidRegion: tile.url.replace(`/${tile.region}/`, '/not-a-region/'),
    },
  };
}
