// What isolation costs per scenario, per engine, so the catalogue can choose honestly. A
// "scenario" is one cross-origin fetch from the viewer page plus a read of the server's log:
//   fresh   — a new browser context (Playwright) or WebDriver session per scenario
//   cookies — the shared page, all cookies cleared first (WebDriver must visit each cookie host)
//   token   — the shared page, nothing cleared, a unique token in every URL (the default)
//   floor   — the same fetches in one in-page loop: no harness at all

import { originsFor } from '../../fixtures/origins.ts';
import { launchEngine } from '../engines/launch.ts';
import { selectedEngines } from '../engines/select.ts';
import type { Probe } from '../engines/types.ts';
import { performAction } from '../in-page/actions.ts';
import { startFixturesOnFreePorts } from '../free-fixtures.ts';
import type { Bench } from './types.ts';

const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 12);

const bench: Bench = {
  name: 'isolation',
  description: `ms per scenario by isolation mode, ${SCENARIOS} scenarios each, per engine`,
  async run() {
    const fixtures = await startFixturesOnFreePorts();
    const origins = originsFor(fixtures.ports);
    const viewerPage = `${origins.viewer}/blank`;
    let n = 0;
    const nextUrl = () => `${origins.image}/smoke/acao-star?token=bench-${++n}`;
    const scenario = async (probe: Probe) => {
      await probe.visit(viewerPage);
      const url = nextUrl();
      const outcome = await probe.run(performAction, { kind: 'fetch', url });
      const token = new URL(url).searchParams.get('token')!;
      if (outcome.result !== 'readable' || fixtures.log.forToken(token).length !== 1) throw new Error(`bench scenario failed: ${JSON.stringify(outcome)}`);
    };
    const perScenario = async (body: () => Promise<void>) => {
      const t0 = performance.now();
      for (let i = 0; i < SCENARIOS; i++) await body();
      return (performance.now() - t0) / SCENARIOS;
    };
    const results: Record<string, Record<string, number | string>> = {};
    try {
      for (const name of selectedEngines()) {
        const engine = await launchEngine(name, { cookieResetUrls: [viewerPage, `${origins.imageCrossSite}/blank`] });
        try {
          const shared = await engine.newProbe();
          await scenario(shared); // warm-up: first navigation, connection setup
          const token = await perScenario(() => scenario(shared));
          const cookies = await perScenario(async () => {
            await shared.reset();
            await scenario(shared);
          });
          await shared.visit(viewerPage);
          const urls = Array.from({ length: SCENARIOS }, nextUrl);
          const t0 = performance.now();
          await shared.run(async (list: string[]) => {
            for (const url of list) await (await fetch(url)).text();
          }, urls);
          const floor = (performance.now() - t0) / SCENARIOS;
          await shared.close();
          const fresh = await perScenario(async () => {
            const probe = await engine.newProbe();
            await scenario(probe);
            await probe.close();
          });
          const row = { fresh, cookies, token, floor };
          results[name] = {
            engine: `${engine.info.browser} ${engine.info.version}`,
            ...Object.fromEntries(Object.entries(row).map(([k, v]) => [`${k}Ms`, round(v)])),
            ...Object.fromEntries(Object.entries(row).map(([k, v]) => [`${k}OverToken`, round(v / token)])),
          };
          process.stdout.write(`  ${name}: ${JSON.stringify(results[name])}\n`);
        } finally {
          await engine.close();
        }
      }
    } finally {
      await fixtures.close();
    }
    return { scenariosPerMode: SCENARIOS, perEngine: results };
  },
};

const round = (x: number) => Math.round(x * 100) / 100;

export default bench;
