// Every engine's module by name: the one table that lists them (adding an engine: its module, its
// name in contract/engine.ts ENGINE_NAMES, and a line here).

import type { EngineName } from '../../contract/engine.ts';
import { chromium } from './chromium.ts';
import { firefox } from './firefox.ts';
import type { EngineModule } from './types.ts';
import { webkit } from './webkit.ts';

export const ENGINES: Record<EngineName, EngineModule> = { chromium, firefox, webkit };

/** One field of every engine's module, by engine name. */
export function perEngine<T>(pick: (m: EngineModule) => T): Record<EngineName, T> {
  return Object.fromEntries(Object.entries(ENGINES).map(([name, m]) => [name, pick(m)])) as Record<EngineName, T>;
}
