// `npm run matrix`: runs the scenario catalogue in every selected engine and writes the matrix
// report. A thin front for `playwright test` that adds the matrix's own options.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitWithUsage, parseOrExit } from '../cli/command.ts';
import { PROJECT_ROOT, runPlaywright } from '../cli/playwright.ts';
import { BaselineError, failingChanges, readBaseline } from './baseline.ts';
import { cellHistory, keepRun, readHistory } from './history.ts';
import { renderHtml } from './html.ts';
import { MATRIX_ENV } from './reporter.ts';
import { familiesGrep } from '../runner/selection.ts';
import { describeUnstable, unstableCells } from './repeat.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import { COMMAND } from '../cli/matrix.ts';

function main(): number {
  const { values, positionals } = parseOrExit(COMMAND);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (values.baseline) {
    if (!existsSync(values.baseline)) exitWithUsage(COMMAND, `baseline file ${values.baseline} does not exist`);
    try {
      readBaseline(values.baseline);
    } catch (error) {
      exitWithUsage(COMMAND, (error as BaselineError).message);
    }
    env[MATRIX_ENV.baseline] = values.baseline;
  }
  if (values['fail-on-change']) {
    if (!values.baseline) exitWithUsage(COMMAND, '--fail-on-change needs --baseline <matrix.json>');
    env[MATRIX_ENV.failOnChange] = '1';
  }
  if (values.out) env[MATRIX_ENV.outputDir] = values.out;

  const outDir = env[MATRIX_ENV.outputDir] || 'matrix-report';
  const keep = (status: number) => (values.history ? withHistory(values.history, outDir, status) : status);
  if (values.merge) return keep(merge(values.merge, env, outDir));

  let grep: string;
  try {
    grep = familiesGrep();
  } catch (error) {
    exitWithUsage(COMMAND, (error as Error).message);
  }
  const runOnce = (runEnv: NodeJS.ProcessEnv) => runPlaywright(['test', '--grep', grep, ...positionals], { stdio: 'inherit', env: runEnv });
  if (values.repeat === undefined) return keep(runOnce(env));

  const times = values.repeat;
  const docs: MatrixDocument[] = [];
  let status = 0;
  for (let i = 1; i <= times; i++) {
    process.stdout.write(`\nmatrix: run ${i} of ${times}\n`);
    const dir = i === times ? outDir : join(outDir, `run-${i}`);
    status = Math.max(status, runOnce({ ...env, [MATRIX_ENV.outputDir]: dir }));
    const path = join(dir, 'matrix.json');
    if (!existsSync(path)) {
      process.stderr.write(`matrix: run ${i} wrote no ${path}; stopping the repeat.\n`);
      return 1;
    }
    docs.push(JSON.parse(readFileSync(path, 'utf8')) as MatrixDocument);
  }
  const unstable = unstableCells(docs);
  writeFileSync(join(outDir, 'repeat.json'), `${JSON.stringify({ runs: times, unstable }, null, 1)}\n`);
  process.stdout.write(describeUnstable(unstable, times));
  return keep(unstable.length > 0 ? 1 : status);
}

/** Keeps the run in the history directory and renders index.html again with each cell's history. */
function withHistory(historyDir: string, outDir: string, status: number): number {
  const matrixPath = join(outDir, 'matrix.json');
  if (!existsSync(matrixPath)) {
    process.stderr.write(`matrix: no ${matrixPath} to keep in the history.\n`);
    return status || 1;
  }
  const kept = keepRun(historyDir, matrixPath);
  const runs = readHistory(historyDir, (message) => process.stderr.write(`matrix: history: ${message}\n`));
  const history = cellHistory(runs);
  const doc = runs.at(-1)!;
  writeFileSync(join(outDir, 'history.json'), `${JSON.stringify({ runs: runs.map((d) => d.run.startedAt), cells: history }, null, 1)}\n`);
  writeFileSync(join(outDir, 'index.html'), renderHtml(doc, history));
  const changed = Object.values(history).filter((h) => h.before && h.since === doc.run.startedAt).length;
  process.stdout.write(`matrix: kept as ${kept} (${runs.length} run(s) in ${historyDir}); ${changed} cell(s) changed verdict in this run.\n`);
  return status;
}

/**
 * merge-reports exits 0 whatever its reporters decide, so the verdict of a merged matrix is read
 * back from the matrix.json it wrote: 1 when a cell is unexpected or in error, or (with
 * --fail-on-change) when a cell changed verdict, appeared or disappeared against the baseline.
 */
function merge(blobDir: string, env: NodeJS.ProcessEnv, outDir: string): number {
  if (!existsSync(blobDir)) {
    process.stderr.write(`matrix: blob report directory ${blobDir} does not exist.\n`);
    return 2;
  }
  const status = runPlaywright(['merge-reports', '--reporter', join(PROJECT_ROOT, 'harness/matrix/reporter.ts'), blobDir], { stdio: 'inherit', env });
  const matrixPath = join(outDir, 'matrix.json');
  if (status !== 0 || !existsSync(matrixPath)) {
    process.stderr.write(`matrix: merging ${blobDir} produced no ${matrixPath} (see the output above).\n`);
    return 1;
  }
  const doc = JSON.parse(readFileSync(matrixPath, 'utf8')) as MatrixDocument;
  const failing = doc.cells.filter((cell) => cell.verdict === 'unexpected' || cell.verdict === 'error').length;
  const changes = doc.run.baseline ? failingChanges(doc.run.baseline).length : 0;
  const failOnChange = env[MATRIX_ENV.failOnChange] === '1';
  if (failing) process.stdout.write(`matrix: ${failing} cell(s) unexpected or in error.\n`);
  if (changes && failOnChange) process.stdout.write(`matrix: ${changes} change(s) against the baseline.\n`);
  return failing || (changes && failOnChange) ? 1 : 0;
}

process.exitCode = main();
