// viewerCheck(): "would OpenSeadragon (WebGL / canvas) or Mirador show this image from this server?"
// for one engine, against a real server. Each answer is judged by the pixels of a screenshot against
// the image itself (fetched from Node, where CORS does not apply), and the screenshot is written to
// a file next to the caller's JSON output.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Probe } from '../engines/types.ts';
import { samplePoints } from './pixels.ts';
import { type Reference, type ResolvedViewerAction, runViewer } from './run.ts';
import { firstImageService } from '../iiif-json.ts';
import type { ViewerObservation } from '../../contract/page.ts';

const VIEWER_CHECKS = ['osd-webgl', 'osd-canvas', 'mirador'] as const;
export type ViewerCheckName = (typeof VIEWER_CHECKS)[number];

export interface ViewerCheckOptions {
  /** A probe of the engine to ask (one check at a time; the page is navigated). */
  probe: Probe;
  /** Engine name, used in screenshot file names. */
  engine: string;
  /** An origin serving the fixture server's /viewers/ pages (e.g. a startFixtures() viewer origin). */
  viewerOrigin: string;
  /** An Image API info.json (2 or 3) or a Presentation manifest (2 or 3) on the real server. */
  url: string;
  /** Where the screenshots go (created if missing). */
  screenshotDir: string;
  checks?: readonly ViewerCheckName[];
  timeoutMs?: number;
}

export interface ViewerCheckResult {
  check: ViewerCheckName;
  engine: string;
  /** The answer: the viewer shows the image (for osd-webgl: with the WebGL drawer, no fallback). */
  shows: boolean | null;
  /** Why not, or why there is no answer (null shows: not applicable). */
  reason: string;
  observation: ViewerObservation | null;
  /** PNG of the page as the engine rendered it. */
  screenshot: string | null;
}

const WHAT: Record<ViewerCheckName, string> = {
  'osd-webgl': "OpenSeadragon 6, WebGL drawer, crossOriginPolicy 'Anonymous'",
  'osd-canvas': 'OpenSeadragon 6, canvas drawer, crossOriginPolicy unset',
  mirador: 'Mirador 4 with its defaults',
};

export async function viewerCheck(options: ViewerCheckOptions): Promise<ViewerCheckResult[]> {
  const { probe, engine, viewerOrigin, url, screenshotDir, checks = VIEWER_CHECKS, timeoutMs = 20_000 } = options;
  const target = await describeTarget(url, timeoutMs);
  const reference = await fetchReference(target.infoUrl, timeoutMs);
  mkdirSync(screenshotDir, { recursive: true });
  const points = samplePoints(reference, Math.max(16, Math.round(reference.width / 24)), 3);
  const results: ViewerCheckResult[] = [];
  for (const check of checks) {
    if (check === 'mirador' && !target.manifestUrl) {
      results.push({ check, engine, shows: null, reason: 'not applicable: Mirador opens manifests; pass a manifest URL', observation: null, screenshot: null });
      continue;
    }
    const action: ResolvedViewerAction =
      check === 'mirador'
        ? { kind: 'viewer', viewer: 'mirador', url: target.manifestUrl! }
        : { kind: 'viewer', viewer: 'osd', url: target.infoUrl, drawer: check === 'osd-webgl' ? 'webgl' : 'canvas', crossOriginPolicy: check === 'osd-webgl' ? 'Anonymous' : 'unset' };
    const run = await runViewer(probe, viewerOrigin, action, reference, undefined, points);
    const file = join(screenshotDir, `viewer-${check}-${engine}.png`);
    writeFileSync(file, run.screenshot);
    const o = run.observation;
    const shows = o.shown === 'image' && !o.uiError && (check !== 'osd-webgl' || o.drawer === 'webgl');
    const reason = shows
      ? `${WHAT[check]} shows the image (${o.pixels})`
      : o.uiError
        ? `${WHAT[check]} shows an error: ${o.uiErrorText ?? ''}`.trim()
        : o.shown === 'image'
          ? `${WHAT[check]} shows the image only because it fell back from WebGL to ${o.drawer}`
          : `${WHAT[check]} shows ${o.shown === 'blank' ? 'no image' : 'part of the image'} (${o.pixels}; tiles loaded ${o.tiles?.loaded ?? 0}, failed ${o.tiles?.failed ?? 0})`;
    results.push({ check, engine, shows, reason, observation: o, screenshot: file });
  }
  return results;
}

interface TargetUrls {
  infoUrl: string;
  manifestUrl: string | null;
}

/** info.json as given, or the first canvas's image service of a manifest (Presentation 2 or 3). */
async function describeTarget(url: string, timeoutMs: number): Promise<TargetUrls> {
  if (/\/info\.json(\?|$)/.test(url)) return { infoUrl: url, manifestUrl: null };
  const json = (await getJson(url, timeoutMs)) as Record<string, unknown>;
  const service = firstImageService(json);
  if (!service) throw new Error(`viewerCheck: ${url} is neither an info.json URL nor a manifest with an image service`);
  return { infoUrl: `${service.replace(/\/$/, '')}/info.json`, manifestUrl: url };
}

/** The image itself, at a size the server lists (or its full size), decoded to RGB. */
async function fetchReference(infoUrl: string, timeoutMs: number): Promise<Reference> {
  const info = (await getJson(infoUrl, timeoutMs)) as { id?: string; '@id'?: string; width: number; height: number; sizes?: { width: number; height: number }[]; '@context'?: unknown };
  const id = (info.id ?? info['@id'] ?? infoUrl.replace(/\/info\.json(\?.*)?$/, '')).replace(/\/$/, '');
  const v3 = JSON.stringify(info['@context'] ?? '').includes('/image/3/');
  const listed = (info.sizes ?? []).filter((s) => s.width <= 1200).sort((a, b) => b.width - a.width)[0];
  const size = listed ? (v3 ? `${listed.width},${listed.height}` : `${listed.width},`) : v3 ? 'max' : 'full';
  const imageUrl = `${id}/full/${size}/0/default.jpg`;
  const response = await fetch(imageUrl, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`viewerCheck: could not fetch the reference image ${imageUrl}: HTTP ${response.status}`);
  const { data, info: decoded } = await sharp(Buffer.from(await response.arrayBuffer())).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: decoded.width, height: decoded.height, pixels: () => data };
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/ld+json, application/json' } });
  if (!response.ok) throw new Error(`viewerCheck: GET ${url} → HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Error(`viewerCheck: ${url} is not JSON`);
  }
}
