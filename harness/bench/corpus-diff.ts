// Certify's --json on the real-server corpus at two checkouts, normalised and compared: the evidence
// for "identical certify JSON before vs after" a refactoring (#24). Every corpus target (each
// REAL_SERVERS path, each ACAO_ROWS row) is served by fresh daemons for each checkout (a cache such
// as Varnish must not be warmed by the other checkout's run), and each checkout's own CLI certifies
// it as a user would: `tsx harness/certify/cli.ts <url> --quiet --json <file>` in that checkout.
//
//   npm run corpus-diff -- /tmp/before [. ] [--engines chromium,firefox,webkit] [--out dir] [--only text]
//
// Exit 0 when every target's normalised JSON is identical, 1 when any differs (each difference is
// printed as a JSON path with both values), 2 on bad input.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACAO_ROWS, REAL_SERVERS, startAcaoRow } from '../../specs/support/real-server-corpus.ts';
import { cutTrees, type Daemon } from '../../specs/support/real-servers.ts';
import { normaliseCertifyJson, differences } from './corpus-normalise.ts';

interface Target {
  name: string;
  path: string;
  args: string[];
  start: (dir: string, trees: string) => Promise<Daemon[]>;
}

const targets: Target[] = [
  ...REAL_SERVERS.flatMap((row) => row.paths.map((path) => ({ name: row.name, path, args: [], start: (d: string, t: string) => row.start(d, t, d) }))),
  ...ACAO_ROWS.map((row) => ({
    name: `nginx sending ACAO ${row.sends}`,
    path: '/iiif/v3/img/info.json',
    args: row.viewerOrigin ? ['--viewer-origin', row.viewerOrigin] : [],
    start: async (d: string, t: string) => [await startAcaoRow(d, t, row)],
  })),
];

/** One checkout's CLI, as a user runs it; killed after `timeoutMs` (a hang is a difference, not a wait). */
function certifyAt(checkout: string, args: string[], env: Record<string, string>, timeoutMs = 300_000): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(join(checkout, 'node_modules/.bin/tsx'), ['harness/certify/cli.ts', ...args], { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stderr });
    });
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { engines: { type: 'string', default: 'chromium,firefox,webkit' }, out: { type: 'string' }, only: { type: 'string' }, compare: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || (positionals.length < 1 && !values.compare)) {
    process.stderr.write('usage: npm run corpus-diff -- <before-checkout> [<after-checkout>] [--engines a,b] [--out dir] [--only name-part]\n       npm run corpus-diff -- --compare <out-dir>   (compare the documents a run saved, again)\n');
    return values.help ? 0 : 2;
  }
  if (values.compare) return compareSaved(resolve(values.compare));
  const checkouts = [resolve(positionals[0]!), resolve(positionals[1] ?? '.')];
  for (const c of checkouts) if (!existsSync(join(c, 'harness/certify/cli.ts')) || !existsSync(join(c, 'node_modules/.bin/tsx'))) {
    process.stderr.write(`corpus-diff: ${c} is not a checkout with node_modules (need harness/certify/cli.ts and node_modules/.bin/tsx)\n`);
    return 2;
  }
  const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'corpus-diff-out-')));
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'corpus-diff-'));
  const { trees } = cutTrees(dir);
  const chosen = targets.filter((t) => !values.only || t.name.includes(values.only));
  let identical = 0;
  const differing: string[] = [];
  try {
    for (const [i, t] of chosen.entries()) {
      const label = `${t.name} ${t.path}`;
      process.stderr.write(`[${i + 1}/${chosen.length}] ${label}\n`);
      const docs: unknown[] = [];
      for (const [k, checkout] of checkouts.entries()) {
        const daemons = await t.start(dir, trees);
        const file = join(out, `${String(i).padStart(2, '0')}-${k ? 'after' : 'before'}.json`);
        try {
          const run = await certifyAt(checkout, [`${daemons[0]!.origin}${t.path}`, ...t.args, '--quiet', '--json', file], { CORS_ENGINES: values.engines });
          if (!existsSync(file)) throw new Error(`${checkout}: no JSON written (exit ${run.status})\n${run.stderr.slice(-2000)}`);
          writeFileSync(file.replace(/\.json$/, '.origins.json'), JSON.stringify(daemons.map((d) => d.origin)));
          const doc = normaliseCertifyJson(readFileSync(file, 'utf8'), daemons.map((d) => d.origin));
          writeFileSync(file.replace(/\.json$/, '.normalised.json'), JSON.stringify(doc, null, 1));
          docs.push({ exit: run.status, doc });
        } finally {
          for (const d of daemons) await d.stop();
        }
      }
      const diffs = differences(docs[0], docs[1]);
      if (diffs.length === 0) identical++;
      else differing.push(`${label}\n${diffs.slice(0, 40).map((d) => `    ${d}`).join('\n')}`);
      process.stderr.write(diffs.length ? `  differs in ${diffs.length} place(s)\n` : '  identical\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`targets compared: ${chosen.length} (engines ${values.engines}); identical: ${identical}; differing: ${differing.length}\n`);
  for (const d of differing) process.stdout.write(`  ${d}\n`);
  process.stdout.write(`documents: ${out}\n`);
  return differing.length ? 1 : 0;
}

/** The pairs a run saved in `out` (NN-before.json, NN-after.json), normalised and compared again. */
function compareSaved(out: string): number {
  const pairs = readdirSync(out).filter((f) => /^\d+-before\.json$/.test(f)).sort();
  const origins = (file: string) => (existsSync(file.replace(/\.json$/, '.origins.json')) ? (JSON.parse(readFileSync(file.replace(/\.json$/, '.origins.json'), 'utf8')) as string[]) : [new URL((JSON.parse(readFileSync(file, 'utf8')) as { input: string }).input).origin]);
  const load = (file: string) => normaliseCertifyJson(readFileSync(file, 'utf8'), origins(file));
  let differing = 0;
  for (const before of pairs) {
    const after = before.replace('-before', '-after');
    if (!existsSync(join(out, after))) continue;
    const diffs = differences(load(join(out, before)), load(join(out, after)));
    const input = (JSON.parse(readFileSync(join(out, before), 'utf8')) as { input: string }).input;
    process.stdout.write(`${before.slice(0, 2)} ${new URL(input).pathname}: ${diffs.length ? `differs in ${diffs.length} place(s)` : 'identical'}\n${diffs.slice(0, 40).map((d) => `    ${d}\n`).join('')}`);
    if (diffs.length) differing++;
  }
  process.stdout.write(`pairs compared: ${pairs.length}; identical: ${pairs.length - differing}; differing: ${differing}\n`);
  return differing ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`corpus-diff: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
