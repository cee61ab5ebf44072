// Two matrix.json documents compared cell by cell, by meaning (harness/matrix/baseline.ts
// compareCells, as `npm run matrix -- --baseline` does during a run), after the fact: the evidence
// for "0 changed cells" across a refactoring (#24). Prints the cells compared and each change.
//
//   npm run matrix-diff -- <before/matrix.json> <after/matrix.json>
//
// Exit 0 when no cell changed (a 'detail' no outcome asserts is listed but is no change), 1 otherwise, 2 on bad input.

import { parseArgs } from 'node:util';
import { BaselineError, compareCells, readBaseline } from '../matrix/baseline.ts';

function main(): number {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean' } } });
  if (values.help || positionals.length !== 2) {
    process.stderr.write('usage: npm run matrix-diff -- <before/matrix.json> <after/matrix.json>\n');
    return values.help ? 0 : 2;
  }
  const [before, after] = positionals.map((p) => readBaseline(p));
  const changes = compareCells(before!.cells, after!.cells);
  const counted = changes.filter((c) => c.kind !== 'detail');
  const kinds = new Map<string, number>();
  for (const c of changes) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const byKind = [...kinds].map(([k, n]) => `${k} ${n}`);
  process.stdout.write(`cells: before ${before!.cells.length}, after ${after!.cells.length}; changed ${counted.length}${byKind.length ? ` (${byKind.join(', ')})` : ''}\n`);
  for (const c of changes) {
    const what = c.kind === 'added' ? `added: ${c.after?.verdict}` : c.kind === 'removed' ? `removed: was ${c.before?.verdict}` : `${c.kind}: ${(c.differences ?? []).join('; ')}`;
    process.stdout.write(`  ${c.scenario} [${c.engine}] ${what}\n`);
  }
  return counted.length ? 1 : 0;
}

try {
  process.exit(main());
} catch (e) {
  process.stderr.write(`matrix-diff: ${e instanceof BaselineError || e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
