// The matrix reporter: turns a Playwright run (live, or merged from shard blobs) into
// matrix-report/{matrix.json, matrix.md, index.html}. Each cell is stored as its test built it
// (checked against the contract). matrix.json is rewritten as cells arrive, so a run that dies
// still leaves valid JSON; at the end every cell that was never observed is marked `error` with
// the reason. A run in which no test ended (`--list`, nothing selected) writes nothing, so it
// never destroys the last real report; a run that does not complete keeps the last complete one
// in <out>/previous/ (previous.ts).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { type ScenarioCard, unobservedCell, type Cell } from '../../contract/cell.ts';
import { CELL_ATTACHMENT, ENGINE_ANNOTATION, MATRIX_ENV, SCENARIO_ANNOTATION, SELECTION_ANNOTATION, FAMILIES } from '../../contract/names.ts';
import { cellContract, matrixContract } from '../../contract/validate.ts';
import { removeBatchDir } from '../runner/batch-store.ts';
import { type CommandLineSelection, runSelection } from '../runner/selection.ts';
import { viewerVersions } from '../../fixtures/viewers/assets.ts';
import { compareCells, compareEngines, failingChanges, readBaseline } from './baseline.ts';
import { interopRows, interopSummary } from './history.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown, VERDICT_MARK } from './markdown.ts';
import { PREVIOUS_DIR, dropPrevious, keepLastComplete, previousKept } from './previous.ts';
import { cellKey, sortCells, summarize } from './model.ts';
import type { EngineInfo } from '../../contract/engine.ts';
import { type MatrixDocument, type MatrixEngine, type MatrixRun, SCHEMA_VERSION } from '../../contract/matrix.ts';
import { VERDICTS } from '../../contract/verdict.ts';
import { THIRD_PARTY_ALLOWED } from '../engines/types.ts';

export { MATRIX_ENV };

export default class MatrixReporter implements Reporter {
  private readonly outputDir = resolve(process.env[MATRIX_ENV.outputDir] || 'matrix-report');
  private run!: MatrixRun;
  private cells = new Map<string, Cell>();
  private engines = new Map<string, MatrixEngine>();
  private engineOrder: string[] = [];
  private writeTimer: NodeJS.Timeout | undefined;
  /** Whether any test ended: until then nothing is written. */
  private observedAny = false;
  /** Whether the last complete report was set aside (before this run's first write). */
  private previousSetAside = false;
  /** The --grep/--grep-invert each test's run recorded (JSON, deduplicated). */
  private selections = new Set<string>();
  private selectionOf: (given: CommandLineSelection[]) => MatrixRun['selection'] = () => this.run.selection;

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.run = {
      startedAt: new Date().toISOString(),
      finishedAt: null,
      status: 'running',
      os: { platform: platform(), release: release(), arch: arch() },
      node: process.version,
      harness: harnessVersion(config.configFile ? dirname(config.configFile) : process.cwd()),
      playwright: config.version,
      shard: config.shard,
      selection: { complete: false, projects: [], grep: null, grepInvert: null, cells: 0 },
      engines: [],
      baseline: null,
    };
    if (suite.allTests().some((t) => scenarioCard(t)?.family === 'viewer')) this.run.viewers = { ...viewerVersions() };
    for (const test of suite.allTests()) {
      const card = scenarioCard(test);
      if (!card) continue;
      const project = test.parent.project()?.name ?? '';
      if (!this.engineOrder.includes(project)) this.engineOrder.push(project);
      this.engines.set(project, { project, engine: project, browser: null, version: null, source: null, protocol: null, headless: null });
      const cell = unobservedCell(card, project, engineNameOf(test), 'not run yet');
      this.cells.set(cellKey(cell), cell);
    }
    const engineProjects = config.projects.filter((p) => (p.use as { engineName?: string }).engineName).map((p) => p.name);
    this.selectionOf = (given) => runSelection(config, this.engineOrder, engineProjects, this.cells.size, given);
    this.run.selection = this.selectionOf([]);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const card = scenarioCard(test);
    if (!card) return;
    const project = test.parent.project()?.name ?? '';
    const engineAnnotation = result.annotations.find((a) => a.type === ENGINE_ANNOTATION)?.description;
    if (engineAnnotation) this.noteEngine(project, JSON.parse(engineAnnotation) as EngineInfo);
    const selection = result.annotations.find((a) => a.type === SELECTION_ANNOTATION)?.description;
    if (selection) this.selections.add(selection);
    const attachment = result.attachments.find((a) => a.name === CELL_ATTACHMENT && a.body);
    const reason = result.error?.message?.split('\n')[0] ?? `test ${result.status}`;
    let cell: Cell;
    try {
      if (!attachment?.body) throw new Error(reason);
      cell = cellContract.assert(JSON.parse(attachment.body.toString('utf8')));
    } catch (error) {
      // The test never built its cell (worker crashed before the fixture ran) or left a broken one.
      cell = unobservedCell(card, project, engineNameOf(test), (error as Error).message);
    }
    // An engine that never reported a version did not start: the first such cell's reason says why.
    const engine = this.engines.get(project);
    if (cell.verdict === 'error' && engine && !engine.version) engine.error ??= cell.error ?? reason;
    this.observedAny = true;
    this.cells.set(cellKey(cell), cell);
    this.scheduleWrite();
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    clearTimeout(this.writeTimer);
    removeBatchDir();
    if (!this.cells.size) return undefined;
    if (!this.observedAny) {
      process.stdout.write(`\nMatrix: no scenario test ran; ${this.outputDir} left as it was.\n`);
      return undefined;
    }
    this.run.finishedAt = new Date().toISOString();
    // What the tests' own runs selected: the same as this run's command line, except in a merge of shards.
    this.run.selection = this.selectionOf([...this.selections].map((s) => JSON.parse(s) as CommandLineSelection));
    const notRun = `not run: the run ended ${result.status === 'passed' ? 'before this cell' : `(${result.status})`}`;
    for (const cell of this.cells.values()) if (cell.error === 'not run yet') cell.error = notRun;
    const unobservedCount = [...this.cells.values()].filter((c) => c.observed === null).length;
    this.run.status = unobservedCount === 0 ? 'complete' : result.status === 'passed' || result.status === 'failed' ? 'failed' : result.status;

    let changed = false;
    const baselinePath = process.env[MATRIX_ENV.baseline];
    if (baselinePath) {
      const baseline = readBaseline(baselinePath);
      const changes = compareCells(baseline.cells, [...this.cells.values()]);
      const engineVersions = compareEngines(baseline, { engines: [...this.engines.values()] });
      this.run.baseline = { path: baselinePath, startedAt: baseline.run.startedAt, changes, engineVersions };
      changed = failingChanges({ changes }).length > 0;
    }
    const doc = this.write(true);
    if (doc.run.status === 'complete') dropPrevious(this.outputDir);
    this.printSummary(doc);
    // What was written must match the contract it is documented by (contract/matrix.ts).
    const problems = matrixContract.problems(doc);
    if (problems.length) {
      process.stderr.write(`Matrix: ${join(this.outputDir, 'matrix.json')} does not match contract/matrix.ts (declare new fields there, then npm run schema): ${problems.join('; ')}\n`);
      return { status: 'failed' };
    }
    if (changed && process.env[MATRIX_ENV.failOnChange] === '1') {
      process.stdout.write(`Matrix: ${failingChanges(this.run.baseline!).length} cell(s) changed verdict, appeared or disappeared against the baseline; failing as asked (${MATRIX_ENV.failOnChange}=1).\n`);
      return { status: 'failed' };
    }
    return undefined;
  }

  private noteEngine(project: string, info: EngineInfo): void {
    // A project's cells may come from two profiles (the -3pc-allowed cookie rows run in a browser
    // that allows third-party cookies): the run names both policies, the shipped one first.
    const policies = new Set([...(this.cookiePolicies.get(project) ?? []), info.cookiePolicy].filter(Boolean));
    this.cookiePolicies.set(project, policies);
    const cookiePolicy = [...policies].sort((a, b) => Number(a.startsWith(THIRD_PARTY_ALLOWED)) - Number(b.startsWith(THIRD_PARTY_ALLOWED))).join('; for the rows ending -3pc-allowed: ');
    this.engines.set(project, {
      project,
      engine: info.engine,
      browser: info.browser,
      version: info.version,
      source: info.source,
      protocol: info.protocol,
      headless: info.headless,
      ...(info.profile && { profile: info.profile, cookiePolicy }),
    });
  }
  private readonly cookiePolicies = new Map<string, Set<string>>();

  private scheduleWrite(): void {
    if (this.writeTimer || !this.observedAny) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      const started = performance.now();
      this.write();
      // A big matrix takes a while to serialise: write less often rather than compete with the tests.
      this.writeDelayMs = Math.max(500, 20 * (performance.now() - started));
    }, this.writeDelayMs);
  }
  private writeDelayMs = 500;

  private write(final = false): MatrixDocument {
    const cells = sortCells([...this.cells.values()], FAMILIES, this.engineOrder);
    this.run.engines = this.engineOrder.map((p) => this.engines.get(p)!);
    const doc: MatrixDocument = { schemaVersion: SCHEMA_VERSION, run: this.run, summary: summarize(cells), cells };
    mkdirSync(this.outputDir, { recursive: true });
    if (!this.previousSetAside) {
      keepLastComplete(this.outputDir);
      this.previousSetAside = true;
    }
    atomicWrite(join(this.outputDir, 'matrix.json'), matrixJson(doc));
    if (final) {
      atomicWrite(join(this.outputDir, 'matrix.md'), renderMarkdown(doc));
      atomicWrite(join(this.outputDir, 'index.html'), renderHtml(doc));
    }
    return doc;
  }

  private printSummary(doc: MatrixDocument): void {
    const lines = doc.run.engines.map((e) => {
      const counts = doc.summary[e.project];
      const tally = VERDICTS.map((v) => `${counts?.[v] ?? 0} ${v}${v === 'conforms' ? ` (${counts?.alternative ?? 0} permitted alternative, ${counts?.policy ?? 0} policy)` : ''}`).join(', ');
      return `  ${e.project.padEnd(10)} ${tally}   ${e.version ? `${e.browser} ${e.version}${e.profile ? `, ${e.profile} profile` : ''}` : `did not run: ${e.error ?? ''}`}`;
    });
    const changes = doc.run.baseline ? `\n  ${doc.run.baseline.changes.length} cell(s) changed against ${doc.run.baseline.path}` : '';
    const kept = doc.run.status !== 'complete' && previousKept(this.outputDir) ? `\n  The last complete matrix is kept in ${join(this.outputDir, PREVIOUS_DIR)}/ until a run completes.` : '';
    const { complete, grep, grepInvert, projects } = doc.run.selection;
    // A run of part of the catalogue says which part, so its matrix is not read as the whole.
    const part = complete ? '' : `, part of the catalogue: ${[`projects ${projects.join(' ')}`, grep && `--grep ${grep}`, grepInvert && `--grep-invert ${grepInvert}`].filter(Boolean).join(', ')}`;
    // "complete" in matrix.json means every selected cell was observed; said in words here.
    const unobserved = doc.cells.filter((c) => c.observed === null).length;
    const observed = unobserved === 0 ? 'all observed' : `${unobserved} not observed, run ${doc.run.status}`;
    process.stdout.write(
      `\nMatrix (${doc.cells.length} cells, ${observed}${part}; ${VERDICTS.map((v) => `${VERDICT_MARK[v]} ${v}`).join(' ')})\n${lines.join('\n')}${changes}${kept}\n` +
        `  ${interopSummary(interopRows(doc))}\n` +
        `  Report: ${join(this.outputDir, 'index.html')}\n`,
    );
  }
}

function scenarioCard(test: TestCase): ScenarioCard | undefined {
  const annotation = test.annotations.find((a) => a.type === SCENARIO_ANNOTATION)?.description;
  return annotation ? (JSON.parse(annotation) as ScenarioCard) : undefined;
}

const engineNameOf = (test: TestCase) => (test.parent.project()?.use as { engineName?: string } | undefined)?.engineName ?? test.parent.project()?.name ?? '';

/** Compact, one cell per line: a third of the size of indented JSON, and still diffs by cell. */
export function matrixJson(doc: MatrixDocument): string {
  const { cells, ...head } = doc;
  const top = JSON.stringify({ ...head, cells: [] }, null, 1);
  return `${top.slice(0, -"[]\n}".length)}[\n${cells.map((c) => JSON.stringify(c)).join(',\n')}\n]\n}\n`;
}

function harnessVersion(projectDir: string): MatrixRun['harness'] {
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {}
  let commit: string | null = process.env.GITHUB_SHA ?? null;
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {}
  }
  return { version, commit };
}

function atomicWrite(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}
