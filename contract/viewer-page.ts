// What a viewer page (fixtures/viewers/browser/) publishes in `window.__viewer` once it settles,
// read by the harness (harness/viewers/run.ts) to judge the screenshot.

import { type Static, Type } from '@sinclair/typebox';
import { OrNull } from './helpers.ts';

const RectSchema = Type.Object({ x: Type.Number(), y: Type.Number(), width: Type.Number(), height: Type.Number() });

export const ViewerPageStateSchema = Type.Object({
  page: OrNull(Type.String()),
  settled: Type.Boolean(),
  timedOut: Type.Boolean(),
  opened: Type.Boolean(),
  openError: OrNull(Type.String()),
  tilesLoaded: Type.Number(),
  tilesFailed: Type.Number(),
  /** The drawer that drew: `webgl`, `canvas`, `webgl-fell-back-to-canvas`, or a description. */
  drawer: OrNull(Type.String()),
  drawerErrors: Type.Array(Type.String()),
  /** An error the viewer showed the user (its message text). */
  uiError: OrNull(Type.String()),
  /** Where the whole image is drawn, in CSS pixels of the page. */
  imageRect: OrNull(RectSchema),
  viewerRect: OrNull(RectSchema),
  innerWidth: OrNull(Type.Number()),
  /** Tile URLs loaded first by plain <img> (warm=1). */
  warmed: Type.Number(),
  notes: Type.Array(Type.String()),
});
export type ViewerPageState = Static<typeof ViewerPageStateSchema>;
