// viewerCheck(): "would OpenSeadragon (WebGL / canvas) or Mirador show this image from this server?"
// for one engine, against a real server. Each answer is judged by the pixels of a screenshot against
// the image itself (fetched from Node, where CORS does not apply, in a form the service promises:
// reference.ts), and the screenshot is written to a file next to the caller's JSON output. A target
// whose answers leave no reference gets "no answer" with the reason, never an exception.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe } from '../engines/types.ts';
import { MIN_INFORMATIVE, samplePoints } from './pixels.ts';
import { ReferenceError, buildReference } from './reference.ts';
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
  let target: TargetUrls;
  let reference: Reference;
  try {
    target = await describeTarget(url, timeoutMs);
    reference = await buildReference((await getJson(target.infoUrl, timeoutMs)) as Record<string, unknown>, target.infoUrl, timeoutMs);
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const reason = `no answer: the image to compare the screenshot with could not be obtained: ${error.message}`;
    return checks.map((check) => ({ check, engine, shows: null, reason, observation: null, screenshot: null }));
  }
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
    // Blank-viewer control: an image (almost) the colour of the empty viewer cannot be told from it.
    if (run.pixels && run.pixels.sampled < MIN_INFORMATIVE && o.shown !== 'blank' && !o.uiError) {
      results.push({ check, engine, shows: null, reason: `no answer: ${WHAT[check]}: the image is too close to the empty viewer's colour to judge by pixels (${o.pixels})`, observation: o, screenshot: file });
      continue;
    }
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
  if (!service) throw new ReferenceError(`${url} is neither an info.json URL nor a manifest with an image service`);
  return { infoUrl: `${service.replace(/\/$/, '')}/info.json`, manifestUrl: url };
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/ld+json, application/json' } });
  } catch (error) {
    throw new ReferenceError(`GET ${url}: ${(error as Error).name === 'TimeoutError' ? 'no response in time' : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message)}`);
  }
  if (!response.ok) throw new ReferenceError(`GET ${url}: HTTP ${response.status}`);
  try {
    const json = (await response.json()) as unknown;
    if (!json || typeof json !== 'object') throw new Error('not an object');
    return json;
  } catch {
    throw new ReferenceError(`${url} is not a JSON object`);
  }
}
