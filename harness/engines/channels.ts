// Browser channels: several builds of one engine in one matrix, each its own Playwright project
// named `<engine>@<channel>` (CORS_ENGINES=chromium,chromium@chrome-beta,firefox@moz-firefox-nightly).
// A channel names a build, where it is installed (Linux paths as Playwright 1.64.1 looks for them)
// and what to install when it is not; a project without `@` keeps the default resolution
// (resolve.ts: Playwright's build, else the distribution's). Each engine's module lists its channels.

import type { EngineName } from '../../contract/engine.ts';
import { perEngine } from './registry.ts';
import type { Channel } from './types.ts';

/** Every engine's channels, from its module (harness/engines/<engine>.ts `channels`). */
export const CHANNELS: Record<EngineName, Record<string, Channel>> = perEngine((m) => m.channels);

export interface ProjectChoice {
  /** The Playwright project name: the engine, or `<engine>@<channel>`. */
  name: string;
  engine: EngineName;
  channel?: string;
}

/** `chromium@chrome-beta` → engine chromium, channel chrome-beta; a bare engine name has no channel. */
export function parseProjectName(name: string): { engine: string; channel?: string } {
  const at = name.indexOf('@');
  return at < 0 ? { engine: name } : { engine: name.slice(0, at), channel: name.slice(at + 1) };
}

export function channelNames(engine: EngineName): string[] {
  return Object.keys(CHANNELS[engine]);
}
