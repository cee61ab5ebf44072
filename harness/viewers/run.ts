// Opens one real viewer on a viewer page, waits until it has finished loading or failing, takes a
// screenshot and judges it by its pixels. Shared by the viewer scenario family and viewerCheck().

import { VIEWER_BOX } from '../../fixtures/viewers/pages.ts';
import type { Probe } from '../engines/types.ts';
import { type PixelVerdict, type SamplePoint, backgroundOf, describeVerdict, judgePixels, samplePoints, thumbnail } from './pixels.ts';
import type { ResolvedAction, ViewerObservation } from '../../contract/page.ts';
import type { ViewerPageState } from '../../contract/viewer-page.ts';

export type ResolvedViewerAction = Extract<ResolvedAction, { kind: 'viewer' }>;

/** The image the viewer should show: its size and pixels (a fixture sample, or fetched from a real server). */
export interface Reference {
  width: number;
  height: number;
  pixels(): Buffer;
}

export interface ViewerRun {
  observation: ViewerObservation;
  pixels: PixelVerdict | null;
  /** The whole page as the engine rendered it. */
  screenshot: Buffer;
  /** A small JPEG of the viewer area, for reports. */
  thumbnail: Buffer;
}

function viewerPageUrl(viewerOrigin: string, action: ResolvedViewerAction, reference: Reference, token?: string): string {
  const q = new URLSearchParams();
  if (token) q.set('token', token);
  q.set('src', action.url);
  if (action.drawer) q.set('drawer', action.drawer);
  if (action.crossOriginPolicy) q.set('policy', action.crossOriginPolicy);
  if (action.accept) q.set('accept', action.accept);
  if (action.warmUp) q.set('warm', '1');
  q.set('iw', String(reference.width));
  q.set('ih', String(reference.height));
  return `${viewerOrigin}/viewers/${action.viewer}.html?${q}`;
}

// Mirador draws its window bar over the top of the image and its canvas navigation over the bottom.
const CLEAR_AREA: Record<ResolvedViewerAction['viewer'], { top: number; bottom: number }> = {
  osd: { top: 0, bottom: 0 },
  ol: { top: 0, bottom: 0 },
  mirador: { top: 64, bottom: 96 },
};

export async function runViewer(probe: Probe, viewerOrigin: string, action: ResolvedViewerAction, reference: Reference, token?: string, points?: SamplePoint[]): Promise<ViewerRun> {
  await probe.open(viewerPageUrl(viewerOrigin, action, reference, token));
  const state = await probe.run(() => (window as unknown as { __viewer: Promise<unknown> }).__viewer, null) as ViewerPageState;
  const screenshot = await probe.screenshot();
  const box = state.viewerRect ?? { x: 0, y: 0, ...VIEWER_BOX[action.viewer] };
  const pngWidth = screenshot.readUInt32BE(16);
  const scale = state.innerWidth ? pngWidth / state.innerWidth : 1;
  const clear = CLEAR_AREA[action.viewer];
  const clip = { x: box.x, y: box.y + clear.top, width: box.width, height: box.height - clear.top - clear.bottom };
  const pixels = state.imageRect
    ? await judgePixels(screenshot, { imageRect: state.imageRect, clip, scale }, reference, points ?? samplePoints(reference), await backgroundOf(screenshot, clip, state.imageRect, scale))
    : null;
  // Pages that count tiles (OpenSeadragon, OpenLayers; not Mirador, whose viewer is internal):
  // with no tile loaded, whatever the pixels look like, nothing of the image was drawn.
  const noTile = action.viewer !== 'mirador' && state.tilesLoaded === 0;
  const observation: ViewerObservation = {
    shown: noTile ? 'blank' : (pixels?.shown ?? 'blank'),
    drawer: state.drawer,
    uiError: state.uiError !== null,
    pixels: pixels ? `${describeVerdict(pixels)}${noTile ? '; no tile loaded' : ''}` : 'no image placed by the viewer',
    uiErrorText: state.uiError,
    tiles: { loaded: state.tilesLoaded, failed: state.tilesFailed },
    notes: [
      ...state.notes,
      ...state.drawerErrors.map((e) => `drawer-error: ${e}`),
      ...(state.openError ? [`open failed: ${state.openError}`] : []),
      ...(state.warmed ? [`warm-up: ${state.warmed} plain <img> loads`] : []),
      ...(pixels?.mismatches.length ? [`mismatches: ${JSON.stringify(pixels.mismatches.slice(0, 3))}`] : []),
    ],
  };
  return { observation, pixels, screenshot, thumbnail: await thumbnail(screenshot, box, scale) };
}
