// `npm run bench -- collection`: certify in collection mode over the real servers of
// specs/support/real-collection.ts, 100 services (a collection of 100 manifests) and 1,000
// services (a --list of 1,000 manifests, same hosts), end to end as a user runs it, all selected
// engines. Goals (issue 19): 100 services ≤ 180 s; 1,000 ≤ 2× the 100-service run.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRealCollection } from '../../specs/support/real-collection.ts';
import type { Bench } from './types.ts';

function certify(args: string[]): Promise<{ seconds: number; exitCode: number | null }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['harness/certify/cli.ts', ...args, '--quiet'], { stdio: 'ignore' }).on('close', (exitCode) => resolve({ seconds: Math.round((performance.now() - t0) / 100) / 10, exitCode }));
  });
}

const bench: Bench = {
  name: 'collection',
  description: 'seconds for `npm run certify` on 100 and 1,000 image services over 4 real servers',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'bench-collection-'));
    const small = await startRealCollection(join(dir, 'small'), 100);
    const large = await startRealCollection(join(dir, 'large'), 1000);
    try {
      const hundred = await certify([small.collection, '--json', join(dir, 'small.json')]);
      process.stdout.write(`  100 services: ${JSON.stringify(hundred)}\n`);
      const list = join(dir, 'list.txt');
      writeFileSync(list, `${large.manifests.join('\n')}\n`);
      const thousand = await certify(['--list', list, '--json', join(dir, 'large.json')]);
      process.stdout.write(`  1,000 services: ${JSON.stringify(thousand)}\n`);
      return { goalSeconds100: 180, goalRatio: 2, hundred, thousand, ratio: Math.round((thousand.seconds / hundred.seconds) * 100) / 100 };
    } finally {
      await small.stop();
      await large.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
