// `npm run bench [-- name...]`: runs the benchmarks, prints their figures and writes
// bench-results/<name>.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { defineCommand, exitWithUsage, parseOrExit } from '../cli/command.ts';
import type { Bench } from './types.ts';

const BENCHES: Record<string, () => Promise<{ default: Bench }>> = {
  isolation: () => import('./isolation.ts'),
  catalogue: () => import('./catalogue.ts'),
  certify: () => import('./certify.ts'),
  'fixture-throughput': () => import('./fixture-throughput.ts'),
  fuzz: () => import('./fuzz.ts'),
  collection: () => import('./collection.ts'),
};

const COMMAND = defineCommand({
  name: 'bench',
  usage: 'npm run bench -- [name...]',
  summary: `Runs the named benchmarks (default: all) and writes bench-results/<name>.json.
Benchmarks: ${Object.keys(BENCHES).join(', ')}`,
  options: {},
  positionals: { max: Object.keys(BENCHES).length, name: 'the benchmark names' },
});

async function main(): Promise<number> {
  const { positionals } = parseOrExit(COMMAND);
  const unknown = positionals.filter((n) => !(n in BENCHES));
  if (unknown.length) exitWithUsage(COMMAND, `unknown benchmark(s) ${unknown.join(', ')}; the benchmarks are ${Object.keys(BENCHES).join(', ')}`);
  const names = positionals.length ? positionals : Object.keys(BENCHES);
  mkdirSync('bench-results', { recursive: true });
  for (const name of names) {
    const bench = (await BENCHES[name]!()).default;
    process.stdout.write(`\n== ${bench.name}: ${bench.description}\n`);
    const result = await bench.run();
    writeFileSync(`bench-results/${bench.name}.json`, JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
