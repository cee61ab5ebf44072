// Binds the viewer scenario table to Playwright tests, like harness/scenarios/define.ts does for the
// in-page families: one test per scenario per engine, judged by the same verdict code, leaving the
// same `cell` attachment (plus a small screenshot the matrix report embeds).

import { manifestSamples } from '../../fixtures/iiif/manifest.ts';
import { sampleFor } from '../../fixtures/iiif/samples.ts';
import { attachCell, checkTable, failureMessage, scenarioDetails, unobservedCell } from '../scenarios/define.ts';
import { serverFacts } from '../scenarios/facts.ts';
import { type RunContext, resolveAction } from '../scenarios/targets.ts';
import type { Deviations, Observation, Scenario } from '../scenarios/types.ts';
import { judge } from '../scenarios/verdict.ts';
import { expect, test } from '../test.ts';
import { type Reference, type ResolvedViewerAction, runViewer } from './run.ts';

/** The fixture image a viewer URL shows: the info.json's identifier, or the manifest's first canvas. */
export function fixtureReference(url: string): Reference {
  const path = new URL(url).pathname;
  const info = /\/iiif\/3\/([^/]+)\/info\.json$/.exec(path)?.[1];
  const manifest = /\/manifest\/([^/]+)\.json$/.exec(path)?.[1];
  const sample = info ? sampleFor(info) : manifest ? manifestSamples(manifest)?.[0] : undefined;
  if (!sample) throw new Error(`viewer scenario: ${url} names no fixture image (want …/iiif/3/{landscape|portrait}/info.json or …/manifest/{name}.json)`);
  return sample;
}

export function viewerTests(scenarios: Scenario[], deviations: Deviations): void {
  for (const scenario of scenarios) {
    if (scenario.family !== 'viewer' || scenario.action.kind !== 'viewer') throw new Error(`${scenario.id}: viewerTests takes viewer-family scenarios with a viewer action`);
  }
  checkTable(scenarios, deviations);
  for (const scenario of scenarios) {
    test.describe(() => {
      if (scenario.isolation) test.use({ isolation: scenario.isolation });
      const { spec, details } = scenarioDetails(scenario, deviations);
      test(`${scenario.id}: ${scenario.title}`, details, async ({ probe, origins, token, serverLog, engine }, testInfo) => {
        const ctx: RunContext = { origins, token };
        const cell = unobservedCell(scenario, spec, engine.info, deviations);
        try {
          const action = resolveAction(scenario.action, ctx) as ResolvedViewerAction;
          cell.evidence.action = action;
          const run = await runViewer(probe, origins.viewer, action, fixtureReference(action.url), token);
          cell.evidence.screenshot = `data:image/jpeg;base64,${run.thumbnail.toString('base64')}`;
          await testInfo.attach('viewer screenshot', { body: run.screenshot, contentType: 'image/png' });
          const observed: Observation = { viewer: run.observation };
          const log = await serverLog.forToken(token);
          const server = serverFacts(log, ctx);
          // A viewer makes dozens of requests: keep each one's header lines once (rawHeaders, as sent)
          // rather than twice, so the report stays small.
          const slim = log.map((r) => (r.rawHeaders ? { ...r, headers: [] } : r));
          Object.assign(cell, { observed, server, evidence: { ...cell.evidence, page: observed, log: slim } });
          const judgement = judge(scenario, engine.info.engine, observed, server, deviations);
          Object.assign(cell, { verdict: judgement.verdict, differences: judgement.differences, ...(judgement.outcome && { outcome: judgement.outcome }) });
        } catch (error) {
          cell.error = String((error as Error)?.message ?? error);
          throw error;
        } finally {
          await attachCell(testInfo, cell);
        }
        expect(cell.verdict, failureMessage(cell)).toMatch(/^(conforms|known-deviation)$/);
      });
    });
  }
}
