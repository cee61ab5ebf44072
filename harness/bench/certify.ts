// Certify's end-to-end time as a user sees it (`npm run certify -- <url>`: start, launch every
// engine, discover, run every check, report) against the fixture server's correct profile, and
// the same for broken ones, with 20 samples. The goal is < 15 s for three engines (issue 9).

import { spawn } from 'node:child_process';
import { originsFor } from '../../fixtures/origins.ts';
import { startFixturesOnFreePorts } from '../free-fixtures.ts';
import type { Bench } from './types.ts';

const bench: Bench = {
  name: 'certify',
  description: 'seconds for `npm run certify` end to end (all selected engines), correct and broken targets',
  async run() {
    const fixtures = await startFixturesOnFreePorts();
    const { image } = originsFor(fixtures.ports);
    const results: Record<string, { seconds: number; exitCode: number | null }> = {};
    try {
      for (const profile of ['correct', 'info-only', 'reflect-origin-no-vary']) {
        const t0 = performance.now();
        // Run asynchronously so this process keeps serving the target.
        const exitCode = await new Promise<number | null>((resolve) => {
          spawn('npx', ['--no-install', 'tsx', 'harness/certify/cli.ts', `${image}/p/${profile}/iiif/3/landscape/info.json`, '--samples', '20', '--quiet'], { stdio: 'ignore' }).on('close', resolve);
        });
        results[profile] = { seconds: Math.round((performance.now() - t0) / 100) / 10, exitCode };
        process.stdout.write(`  ${profile}: ${JSON.stringify(results[profile])}\n`);
      }
    } finally {
      await fixtures.close();
    }
    return { goalSeconds: 15, targets: results };
  },
};

export default bench;
