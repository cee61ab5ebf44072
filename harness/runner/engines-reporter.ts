// Prints, at the end of a run, which browser really ran each project (name, exact version,
// source, protocol) and how its tests went, so a missing engine can never hide in a green total.

import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { TEST_PROJECTS, type TestProject } from './test-projects.ts';
import { ENGINE_ANNOTATION } from '../../contract/names.ts';
import type { EngineInfo } from '../../contract/engine.ts';

interface ProjectTally {
  info?: EngineInfo;
  counts: Record<TestResult['status'], number>;
  firstError?: string;
}

export default class EnginesReporter implements Reporter {
  private projects = new Map<string, ProjectTally>();

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name ?? '(none)';
    const tally = this.projects.get(project) ?? { counts: { passed: 0, failed: 0, timedOut: 0, skipped: 0, interrupted: 0 } };
    this.projects.set(project, tally);
    tally.counts[result.status]++;
    const annotation = result.annotations.find((a) => a.type === ENGINE_ANNOTATION);
    if (annotation?.description && !tally.info) tally.info = JSON.parse(annotation.description) as EngineInfo;
    if (result.status !== 'passed' && result.status !== 'skipped' && !tally.firstError) {
      tally.firstError = result.error?.message?.split('\n')[0];
    }
  }

  onEnd(_result: FullResult): void {
    const rows = [...this.projects].map(([project, { info, counts, firstError }]) => {
      const failed = counts.failed + counts.timedOut + counts.interrupted;
      // unit and integration drive no engine of their own: a failure there is a failed test, not a missing engine.
      const engine = project in TEST_PROJECTS
        ? `(${TEST_PROJECTS[project as TestProject].runs})`
        : info
          ? `${info.browser} ${info.version} (${info.source}, ${info.protocol}${info.headless ? ', headless' : ''})`
          : firstError
            ? `ENGINE DID NOT RUN: ${firstError}`
            : '(no browser)';
      return `  ${project.padEnd(10)} ${String(counts.passed).padStart(4)} passed ${String(failed).padStart(4)} failed   ${engine}`;
    });
    if (rows.length) process.stdout.write(`\nEngines\n${rows.join('\n')}\n`);
  }
}
