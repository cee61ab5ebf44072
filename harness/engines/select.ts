// Which engines this run uses: all three unless CORS_ENGINES narrows it (Playwright's --project
// works as usual on top of that). An entry may name a channel, `<engine>@<channel>` (channels.ts):
// each becomes its own project, so one matrix holds several builds of an engine side by side.

import { CHANNELS, type ProjectChoice, channelNames, parseProjectName } from './channels.ts';
import { ENGINE_NAMES, type EngineName } from './types.ts';

/** The projects to run, in the order given (default: the three engines, default builds). */
export function selectedProjects(value: string | undefined = process.env.CORS_ENGINES): ProjectChoice[] {
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
    throw new Error(`CORS_ENGINES names ${problems.join('; ')}; use a comma-separated list of ${ENGINE_NAMES.join(', ')}, each optionally @<channel>.`);
  }
  // Engine order first (chromium, firefox, webkit), the order given within an engine.
  return projects.sort((a, b) => ENGINE_NAMES.indexOf(a.engine) - ENGINE_NAMES.indexOf(b.engine));
}

/** The engines among the selected projects (callers that launch one browser per engine). */
export function selectedEngines(value: string | undefined = process.env.CORS_ENGINES): EngineName[] {
  const engines = new Set(selectedProjects(value).map((p) => p.engine));
  return ENGINE_NAMES.filter((n) => engines.has(n));
}
