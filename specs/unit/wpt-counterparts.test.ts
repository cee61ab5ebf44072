// Every scenario names its WPT counterparts (specs/scenarios/wpt.ts): a list of files, or none with
// what was searched. Every row of the table is used, and the cards carry what the table says.
// Browserless: scenario tables are data.

import { expect, test } from '../support/browserless.ts';
import { scenarioCard } from '../../harness/scenarios/cell.ts';
import type { Scenario } from '../../harness/scenarios/types.ts';
import { deviations } from '../deviations.ts';
import { CATALOGUE } from '../scenarios/index.ts';
import { scenarios as namedHostScenarios } from '../scenarios/mixed-content-named.ts';
import { scenarios as sameSiteHostScenarios } from '../scenarios/credentialed-same-site-hosts.ts';
import { scenarios as cookiesAllowedScenarios } from '../scenarios/third-party-cookies-allowed.ts';
import { scenarios as slowScenarios } from '../scenarios/preflight-cache-caps.ts';
import { scenarios as viewerScenarios } from '../scenarios/viewer.ts';
import { WPT_ROWS, wptCounterpart, wptRowOf } from '../scenarios/wpt.ts';

const catalogue: Scenario[] = [...CATALOGUE, ...viewerScenarios, ...slowScenarios, ...namedHostScenarios, ...sameSiteHostScenarios, ...cookiesAllowedScenarios];

test('every scenario carries its WPT counterparts or an explicit none with what was searched', () => {
  const missing = catalogue.filter((s) => !s.wpt).map((s) => s.id);
  expect(missing, `no row of specs/scenarios/wpt.ts matches:\n${missing.join('\n')}`).toEqual([]);
  const silentNone = catalogue.filter((s) => s.wpt && !s.wpt.wpt.length && !s.wpt.wptNote).map((s) => s.id);
  expect(silentNone).toEqual([]);
  const withCounterpart = catalogue.filter((s) => s.wpt!.wpt.length).length;
  // The figure the closing note quotes (ids including @https variants).
  console.log(`WPT: ${withCounterpart} of ${catalogue.length} scenarios have a counterpart, ${catalogue.length - withCounterpart} test what WPT does not`);
});

test('every row of the WPT table matches some scenario (no stale pattern)', () => {
  const used = new Set(catalogue.map((s) => wptRowOf(s.id)));
  expect(WPT_ROWS.filter((_, i) => !used.has(i)).map(([pattern]) => pattern)).toEqual([]);
});

test("a scenario's card and so its cells carry spec.wpt", () => {
  const s = catalogue.find((x) => x.id === 'preflight/status-404')!;
  expect(scenarioCard(s, deviations).spec).toMatchObject({ wpt: ['fetch/api/cors/cors-preflight-status.any.js', 'cors/status-preflight.htm'] });
  const none = scenarioCard(catalogue.find((x) => x.id === 'viewer/mirador-correct')!, deviations).spec;
  expect(none.wpt).toEqual([]);
  expect(none.wptNote).toMatch(/^none found; searched /);
  expect(wptCounterpart('credentialed/cookie-cross-site-none@https')).toEqual(wptCounterpart('credentialed/cookie-cross-site-none'));
});
