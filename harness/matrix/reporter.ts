// The matrix reporter: turns a Playwright run (live, or merged from shard blobs) into
// matrix-report/{matrix.json, matrix.md, index.html}. matrix.json is rewritten as cells arrive, so
// a run that dies still leaves valid JSON; at the end every cell that was never observed is
// marked `error` with the reason.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { ENGINE_ANNOTATION, type EngineInfo } from '../engines/types.ts';
import { CELL_ATTACHMENT, type CellRecord, SCENARIO_ANNOTATION, type ScenarioMeta } from '../scenarios/cell.ts';
import { permittedOutcomes } from '../scenarios/outcomes.ts';
import { FAMILIES } from '../scenarios/types.ts';
import { viewerVersions } from '../../fixtures/viewers/assets.ts';
import { compareCells, compareEngines, failingChanges, readBaseline } from './baseline.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown, VERDICT_MARK } from './markdown.ts';
import { type MatrixCell, type MatrixDocument, type MatrixEngine, type MatrixRun, SCHEMA_VERSION, VERDICTS, cellKey, sortCells, summarize } from './model.ts';

export const MATRIX_ENV = {
  outputDir: 'MATRIX_OUTPUT_DIR',
  baseline: 'MATRIX_BASELINE',
  failOnChange: 'MATRIX_FAIL_ON_CHANGE',
} as const;

export default class MatrixReporter implements Reporter {
  private readonly outputDir = resolve(process.env[MATRIX_ENV.outputDir] || 'matrix-report');
  private run!: MatrixRun;
  private cells = new Map<string, MatrixCell>();
  private engines = new Map<string, MatrixEngine>();
  private engineOrder: string[] = [];
  private writeTimer: NodeJS.Timeout | undefined;

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
      engines: [],
      baseline: null,
    };
    if (suite.allTests().some((t) => scenarioMeta(t)?.family === 'viewer')) this.run.viewers = { ...viewerVersions() };
    for (const test of suite.allTests()) {
      const meta = scenarioMeta(test);
      if (!meta) continue;
      const project = test.parent.project()?.name ?? '';
      if (!this.engineOrder.includes(project)) this.engineOrder.push(project);
      this.engines.set(project, { project, engine: project, browser: null, version: null, source: null, protocol: null, headless: null });
      const cell = unobserved(meta, project, 'not run yet');
      this.cells.set(cellKey(cell), cell);
    }
    if (this.cells.size) this.write();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const meta = scenarioMeta(test);
    if (!meta) return;
    const project = test.parent.project()?.name ?? '';
    const engineAnnotation = result.annotations.find((a) => a.type === ENGINE_ANNOTATION)?.description;
    if (engineAnnotation) this.noteEngine(project, JSON.parse(engineAnnotation) as EngineInfo);
    const attachment = result.attachments.find((a) => a.name === CELL_ATTACHMENT && a.body);
    let cell: MatrixCell;
    if (attachment?.body) {
      const record = JSON.parse(attachment.body.toString('utf8')) as CellRecord;
      cell = fromRecord(record, project);
    } else {
      // The test never reached the page (engine failed to start, worker crashed, timed out).
      const reason = result.error?.message?.split('\n')[0] ?? `test ${result.status}`;
      cell = unobserved(meta, project, reason);
      const engine = this.engines.get(project);
      if (engine && !engine.version) engine.error = reason;
    }
    this.cells.set(cellKey(cell), cell);
    this.scheduleWrite();
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    clearTimeout(this.writeTimer);
    if (!this.cells.size) return undefined;
    this.run.finishedAt = new Date().toISOString();
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
    this.printSummary(doc);
    if (changed && process.env[MATRIX_ENV.failOnChange] === '1') {
      process.stdout.write(`Matrix: ${failingChanges(this.run.baseline!).length} cell(s) changed verdict, appeared or disappeared against the baseline; failing as asked (${MATRIX_ENV.failOnChange}=1).\n`);
      return { status: 'failed' };
    }
    return undefined;
  }

  private noteEngine(project: string, info: EngineInfo): void {
    this.engines.set(project, {
      project,
      engine: info.engine,
      browser: info.browser,
      version: info.version,
      source: info.source,
      protocol: info.protocol,
      headless: info.headless,
      ...(info.profile && { profile: info.profile, cookiePolicy: info.cookiePolicy }),
    });
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      this.write();
    }, 500);
  }

  private write(final = false): MatrixDocument {
    const cells = sortCells([...this.cells.values()], FAMILIES, this.engineOrder);
    this.run.engines = this.engineOrder.map((p) => this.engines.get(p)!);
    const doc: MatrixDocument = { schemaVersion: SCHEMA_VERSION, run: this.run, summary: summarize(cells), cells };
    mkdirSync(this.outputDir, { recursive: true });
    atomicWrite(join(this.outputDir, 'matrix.json'), JSON.stringify(doc, null, 1));
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
    process.stdout.write(
      `\nMatrix (${doc.cells.length} cells, ${doc.run.status}; ${VERDICTS.map((v) => `${VERDICT_MARK[v]} ${v}`).join(' ')})\n${lines.join('\n')}${changes}\n` +
        `  Report: ${join(this.outputDir, 'index.html')}\n`,
    );
  }
}

function scenarioMeta(test: TestCase): ScenarioMeta | undefined {
  const annotation = test.annotations.find((a) => a.type === SCENARIO_ANNOTATION)?.description;
  return annotation ? (JSON.parse(annotation) as ScenarioMeta) : undefined;
}

function unobserved(meta: ScenarioMeta, project: string, error: string): MatrixCell {
  return {
    scenario: meta.id,
    family: meta.family,
    title: meta.title,
    engine: project,
    engineVersion: null,
    spec: { outcomes: permittedOutcomes(meta.spec) },
    ...(meta.deviations?.[project as keyof typeof meta.deviations] && { deviation: meta.deviations[project as keyof typeof meta.deviations] }),
    observed: null,
    server: null,
    verdict: 'error',
    differences: [],
    error,
    ...(meta.fix && { fix: meta.fix }),
    evidence: { action: null, page: null, server: [] },
  };
}

function fromRecord({ engine, evidence, ...rest }: CellRecord, project: string): MatrixCell {
  return {
    ...rest,
    engine: project,
    engineVersion: engine.version,
    evidence: { action: evidence.action, page: evidence.page, server: evidence.log, ...(evidence.screenshot && { screenshot: evidence.screenshot }) },
  };
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
