// Binds the viewer scenario table to Playwright tests, like harness/runner/scenario-tests.ts does for the
// in-page families: one test per scenario per engine, judged by the same verdict code, leaving the
// same Cell (plus a small screenshot the matrix report embeds).

import { VIEWER_SCREENSHOT_ATTACHMENT } from '../../contract/names.ts';
import { manifestSamples } from '../../fixtures/iiif/manifest.ts';
import { sampleFor } from '../../fixtures/iiif/samples.ts';
import { cellTest, checkTable } from '../runner/scenario-tests.ts';
import { type RunContext, resolveAction } from '../scenarios/targets.ts';
import type { Deviations, Scenario } from '../scenarios/types.ts';
import { type Reference, type ResolvedViewerAction, runViewer } from './run.ts';

/** The fixture image a viewer URL shows: the info.json's identifier, or the manifest's first canvas. */
function fixtureReference(url: string): Reference {
  const path = new URL(url).pathname;
  const info = /\/iiif\/3\/([^/]+)\/info\.json$/.exec(path)?.[1];
  const manifest = /\/manifest\/([^/]+)\.json$/.exec(path)?.[1];
  const sample = info ? sampleFor(info) : manifest ? manifestSamples(manifest)?.[0] : undefined;
  if (!sample) throw new Error(`viewer scenario: ${url} names no fixture image (want …/iiif/3/{landscape|portrait}/info.json or …/manifest/{name}.json)`);
  return sample;
}

const RANDOM_UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

export function viewerTests(scenarios: Scenario[], deviations: Deviations): void {
  for (const scenario of scenarios) {
    if (scenario.family !== 'viewer' || scenario.action.kind !== 'viewer') throw new Error(`${scenario.id}: viewerTests takes viewer-family scenarios with a viewer action`);
  }
  checkTable(scenarios, deviations);
  for (const scenario of scenarios) {
    cellTest(scenario, deviations, async ({ probe, origins, token, serverLog }, cell, testInfo) => {
      const ctx: RunContext = { origins, token };
      const action = resolveAction(scenario.action, ctx) as ResolvedViewerAction;
      const run = await runViewer(probe, origins.viewer, action, fixtureReference(action.url), token);
      cell.evidence.screenshot = `data:image/jpeg;base64,${run.thumbnail.toString('base64')}`;
      await testInfo.attach(VIEWER_SCREENSHOT_ATTACHMENT, { body: run.screenshot, contentType: 'image/png' });
      // The token (per run) written as {token} in the viewer's error text and notes, as in the
      // scenario tables, and ids the viewer makes up per page (Mirador's window ids) as {uuid}:
      // otherwise every nightly lists these cells as changed.
      const viewer = JSON.parse(JSON.stringify(run.observation).replaceAll(token, '{token}').replace(RANDOM_UUID, '{uuid}')) as typeof run.observation;
      return { action, ctx, observed: { viewer }, log: await serverLog.forToken(token) };
    });
  }
}
