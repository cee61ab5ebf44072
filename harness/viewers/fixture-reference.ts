// What a viewer scenario's observation is compared with and how it is kept stable across runs: the
// fixture image its URL shows, and the observation with per-run words ({token}, {uuid}) written
// generically. Used by the scenario executor's viewer strategy (harness/scenarios/run.ts).

import { manifestSamples } from '../../fixtures/iiif/manifest.ts';
import { sampleFor } from '../../fixtures/iiif/samples.ts';
import type { ViewerObservation } from '../../contract/page.ts';
import type { Reference } from './run.ts';

/** The fixture image a viewer URL shows: the info.json's identifier, or the manifest's first canvas. */
export function fixtureReference(url: string): Reference {
  const path = new URL(url).pathname;
  const info = /\/iiif\/3\/([^/]+)\/info\.json$/.exec(path)?.[1];
  const manifest = /\/manifest\/([^/]+)\.json$/.exec(path)?.[1];
  const sample = info ? sampleFor(info) : manifest ? manifestSamples(manifest)?.[0] : undefined;
  if (!sample) throw new Error(`viewer scenario: ${url} names no fixture image (want …/iiif/3/{landscape|portrait}/info.json or …/manifest/{name}.json)`);
  return sample;
}

const RANDOM_UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/**
 * The token (per run) written as {token} in the viewer's error text and notes, as in the scenario
 * tables, and ids the viewer makes up per page (Mirador's window ids) as {uuid}: otherwise every
 * nightly lists these cells as changed.
 */
export function stableViewerObservation(observation: ViewerObservation, token: string): ViewerObservation {
  return JSON.parse(JSON.stringify(observation).replaceAll(token, '{token}').replace(RANDOM_UUID, '{uuid}')) as ViewerObservation;
}
