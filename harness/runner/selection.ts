// Which of a family's tests this run selected, as seen from inside a worker: the project's grep
// from the config and `--grep` / `--grep-invert` from the runner's command line (TestConfig.argv),
// matched against the same title Playwright greps (project, file, test title, tags). A batch runs
// only the scenarios the run selected; a miss costs time, never correctness (an unbatched test
// runs alone).

import type { FullConfig, TestInfo } from '@playwright/test';
import type { Selection } from '../../contract/matrix.ts';
import { FAMILIES } from '../../contract/names.ts';

type Patterns = RegExp | RegExp[] | null | undefined;

/** Playwright's own reading of a --grep value: `/re/flags` or a case-insensitive pattern. */
function toRegExp(pattern: string): RegExp {
  const literal = /^\/(.*)\/([gi]*)$/.exec(pattern);
  return literal ? new RegExp(literal[1]!, literal[2]!.replace('g', '')) : new RegExp(pattern, 'i');
}

/** The values of a command-line option (`--grep x`, `-g x`, `--grep=x`). */
function cliValues(argv: readonly string[], long: string, short?: string): string[] {
  const found: string[] = [];
  argv.forEach((arg, i) => {
    if ((arg === long || arg === short) && argv[i + 1] !== undefined) found.push(argv[i + 1]!);
    else if (arg.startsWith(`${long}=`)) found.push(arg.slice(long.length + 1));
  });
  return found;
}
const GREP = ['--grep', '-g'] as const;
const GREP_INVERT = ['--grep-invert'] as const;

const list = (p: Patterns): RegExp[] => (p ? (Array.isArray(p) ? p : [p]) : []).map((r) => new RegExp(r.source, r.flags.replace('g', '')));

/** A predicate over grep titles: true when this run selected that test. */
export function selectionMatcher(testInfo: TestInfo): (grepTitle: string) => boolean {
  const argv = testInfo.config.argv ?? [];
  const grep = [list(testInfo.project.grep), cliValues(argv, ...GREP).map(toRegExp)];
  const invert = [...list(testInfo.project.grepInvert), ...cliValues(argv, ...GREP_INVERT).map(toRegExp)];
  return (title) => grep.every((any) => any.length === 0 || any.some((r) => r.test(title))) && !invert.some((r) => r.test(title));
}

/** The title Playwright greps for a test of this file: project, file, title and tags. */
export function grepTitle(testInfo: TestInfo, title: string, tags: string[]): string {
  return ['', testInfo.project.name, testInfo.titlePath[0] ?? '', title, ...tags].join(' ');
}

/** The --grep `npm run matrix` runs with: every family's tests (not the harness's own specs). */
export const CATALOGUE_GREP = FAMILIES.map((f) => `@${f}\\b`).join('|');

/** Narrows `npm run matrix` to some families (`CORS_FAMILIES=simple,preflight`): a quick run, never a complete one. */
export const FAMILIES_ENV = 'CORS_FAMILIES';

/** The --grep of the families CORS_FAMILIES names (the whole catalogue when unset); throws naming the families on a typo. */
export function familiesGrep(value: string | undefined = process.env[FAMILIES_ENV]): string {
  const names = [...new Set((value ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (!names.length) return CATALOGUE_GREP;
  const unknown = names.filter((n) => !(FAMILIES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`${FAMILIES_ENV} names unknown famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; use a comma-separated list of ${FAMILIES.join(', ')}, or leave it unset for all.`);
  return FAMILIES.filter((f) => names.includes(f)).map((f) => `@${f}\\b`).join('|');
}

/**
 * What a run covered, for the run info: the engine projects, the --grep filters, the number of
 * cells; `complete` when nothing narrowed it (every configured engine project, no grep but the
 * catalogue's own, no shard).
 */
/** The run's own --grep and --grep-invert values, as given on its command line. */
export interface CommandLineSelection {
  grep: string[];
  grepInvert: string[];
}
export const commandLineSelection = (argv: readonly string[] = []): CommandLineSelection => ({ grep: cliValues(argv, ...GREP), grepInvert: cliValues(argv, ...GREP_INVERT) });

/**
 * `given`: the runs' selections as their tests recorded them (a merge of shard blobs has no command
 * line of its own); the config's command line when no test recorded one.
 */
export function runSelection(config: FullConfig, projects: string[], engineProjects: string[], cells: number, given: CommandLineSelection[] = []): Selection {
  const runs = given.length ? given : [commandLineSelection(config.argv)];
  const grep = [...new Set(runs.flatMap((r) => r.grep))];
  const grepInvert = [...new Set(runs.flatMap((r) => r.grepInvert))];
  const narrowing = grep.filter((g) => g !== CATALOGUE_GREP);
  const complete = !narrowing.length && !grepInvert.length && !config.shard && engineProjects.every((p) => projects.includes(p));
  return { complete, projects, grep: grep.join(' ') || null, grepInvert: grepInvert.join(' ') || null, cells };
}
