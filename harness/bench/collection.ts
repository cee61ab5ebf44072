// `npm run bench -- collection`: certify in collection mode over the real servers of
// specs/support/real-collection.ts, 100 services (a collection of 100 manifests) and 1,000
// services (a --list of 1,000 manifests, same hosts), end to end as a user runs it, all selected
// engines, in one bench run. Goals (issue 19): 100 services ≤ 180 s; 1,000 ≤ 2× the 100-service
// run. Each run's report is read back: a figure for a run that did not certify every service
// would be meaningless, so it fails the bench instead. The load average is recorded with each
// figure (the machine is shared).

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionResult } from '../../contract/collection.ts';
import { startRealCollection } from '../../specs/support/real-collection.ts';
import type { Bench } from './types.ts';

async function certify(args: string[], json: string, services: number) {
  const loadBefore = loadavg()[0]!;
  const t0 = performance.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['harness/certify/cli.ts', ...args, '--json', json, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve);
  });
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const r = JSON.parse(readFileSync(json, 'utf8')) as CollectionResult;
  // Every service certified (1: the broken servers fail), in as many groups as configurations.
  if (exitCode !== 1 || r.summary.services !== services || r.summary.unusable) throw new Error(`collection bench: the ${services}-service run ended with ${exitCode}, ${r.summary.services} services, ${r.summary.unusable} unusable (${r.services.find((x) => x.verdict === 'unusable')?.error ?? ''})`);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { seconds, exitCode, services: r.summary.services, groups: r.groups.length, checkedInBrowsers: r.summary.checkedInBrowsers, loadBefore: round(loadBefore), loadAfter: round(loadavg()[0]!) };
}

const bench: Bench = {
  name: 'collection',
  description: 'seconds for `npm run certify` on 100 and 1,000 image services over 4 real servers',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'bench-collection-'));
    chmodSync(dir, 0o755); // Apache's www-data must reach the trees below (mkdtemp makes 0700: every Apache answer was 403)
    const small = await startRealCollection(join(dir, 'small'), 100);
    const large = await startRealCollection(join(dir, 'large'), 1000);
    try {
      const hundred = await certify([small.collection], join(dir, 'small.json'), 100);
      process.stdout.write(`  100 services (a collection): ${JSON.stringify(hundred)}\n`);
      const list = join(dir, 'list.txt');
      writeFileSync(list, `${large.manifests.join('\n')}\n`);
      const thousand = await certify(['--list', list], join(dir, 'large.json'), 1000);
      process.stdout.write(`  1,000 services (a list): ${JSON.stringify(thousand)}\n`);
      const ratio = Math.round((thousand.seconds / hundred.seconds) * 100) / 100;
      process.stdout.write(`  ratio 1,000 / 100: ${ratio} (goal ≤ 2); 100 services in ${hundred.seconds} s (goal ≤ 180)\n`);
      return { goalSeconds100: 180, goalRatio: 2, hundred, thousand, ratio, met: hundred.seconds <= 180 && ratio <= 2 };
    } finally {
      await small.stop();
      await large.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
