// Which engines this run uses: all three unless CORS_ENGINES narrows it (Playwright's --project
// works as usual on top of that).

import { HARNESS_ENV } from '../contract/names.ts';
import { ENGINE_NAMES, type EngineName } from './types.ts';

export function selectedEngines(value: string | undefined = process.env[HARNESS_ENV.engines]): EngineName[] {
  if (!value?.trim()) return [...ENGINE_NAMES];
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !(ENGINE_NAMES as readonly string[]).includes(n));
  if (unknown.length) {
    throw new Error(`CORS_ENGINES names unknown engine(s) ${unknown.join(', ')}; use a comma-separated list of ${ENGINE_NAMES.join(', ')}.`);
  }
  return ENGINE_NAMES.filter((n) => names.includes(n));
}
