// Which engines this run uses: all three unless CORS_ENGINES narrows it (Playwright's --project
// works as usual on top of that). An entry may name a channel, `<engine>@<channel>` (channels.ts):
// each becomes its own project, so one matrix holds several builds of an engine side by side.

import { CHANNELS, type ProjectChoice, channelNames, parseProjectName } from './channels.ts';
import { ENGINE_NAMES, type EngineName } from '../../contract/engine.ts';

/** The engines (and channels) a run uses: `chromium,firefox@moz-firefox,…`. */
export const ENGINES_ENV = 'CORS_ENGINES';
/** Playwright workers per run (default 2: one per core of the machines this runs on). */
export const WORKERS_ENV = 'CORS_WORKERS';

/** The projects to run, in the order given (default: the three engines, default builds). */
export function selectedProjects(value: string | undefined = process.env[ENGINES_ENV]): ProjectChoice[] {
  if (!value?.trim()) return ENGINE_NAMES.map((engine) => ({ name: engine, engine }));
  const entries = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const problems: string[] = [];
  const projects = entries.flatMap((entry): ProjectChoice[] => {
    const { engine, channel } = parseProjectName(entry);
    if (!(ENGINE_NAMES as readonly string[]).includes(engine)) {
      problems.push(`unknown engine(s) ${engine}`);
      return [];
    }
    const name = engine as EngineName;
    if (channel === undefined) return [{ name, engine: name }];
    if (!CHANNELS[name][channel]) {
      problems.push(`unknown ${name} channel "${channel}" (${name} channels: ${channelNames(name).join(', ')})`);
      return [];
    }
    return [{ name: entry, engine: name, channel }];
  });
  if (problems.length) {
    throw new Error(`${ENGINES_ENV} names ${problems.join('; ')}; use a comma-separated list of ${ENGINE_NAMES.join(', ')}, each optionally @<channel>.`);
  }
  // Engine order first (chromium, firefox, webkit), the order given within an engine.
  return projects.sort((a, b) => ENGINE_NAMES.indexOf(a.engine) - ENGINE_NAMES.indexOf(b.engine));
}

/** The engines among the selected projects (callers that launch one browser per engine). */
export function selectedEngines(value: string | undefined = process.env[ENGINES_ENV]): EngineName[] {
  const engines = new Set(selectedProjects(value).map((p) => p.engine));
  return ENGINE_NAMES.filter((n) => engines.has(n));
}

/** The number of Playwright workers: CORS_WORKERS if set (a whole number ≥ 1), else 2. */
export function workerCount(value: string | undefined = process.env[WORKERS_ENV]): number {
  if (!value?.trim()) return 2;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${WORKERS_ENV}=${value} is not a number of workers; use a whole number of at least 1, or leave it unset for 2.`);
  return n;
}
