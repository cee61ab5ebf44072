// Which browser ran: the engine names and the EngineInfo every result records (test annotation,
// matrix.json run.engines, certify --json engines). Declared once with TypeBox.

import { type Static, Type } from '@sinclair/typebox';
import { OrNull, StringEnum } from './helpers.ts';

export const ENGINE_NAMES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * `bundled`: Playwright's own build (npx playwright install); `system`: a distribution package;
 * `remote`: a browser elsewhere, reached through CORS_CONNECT_<ENGINE> (harness/engines/remote.ts).
 */
export const ENGINE_SOURCES = ['bundled', 'system', 'remote'] as const;
/** How an engine is driven. */
export const ENGINE_PROTOCOLS = ['cdp', 'juggler', 'webdriver-bidi', 'webdriver-classic'] as const;
/**
 * The browsing profile: `persistent` (an on-disk, non-incognito profile, as a user has) or
 * `ephemeral` (in-memory, e.g. WebKitGTK's automation session).
 */
export const ENGINE_PROFILES = ['persistent', 'ephemeral'] as const;

/** Recorded on every result: which browser really ran, and where it came from. */
export const EngineInfoSchema = Type.Object({
  project: Type.String(),
  engine: StringEnum(ENGINE_NAMES),
  browser: Type.String({ description: 'product name as the browser reports it, e.g. "Chromium", "Firefox ESR", "WebKitGTK MiniBrowser"' }),
  version: Type.String(),
  source: StringEnum(ENGINE_SOURCES, "bundled: Playwright's own build; system: a distribution package; remote: reached through CORS_CONNECT_<ENGINE>"),
  protocol: StringEnum(ENGINE_PROTOCOLS),
  executable: Type.String({ description: 'the executable path, or for a remote browser its endpoint (scheme, host and port)' }),
  headless: OrNull(Type.Boolean({ description: 'null where it cannot be told (a remote Firefox or WebKit)' })),
  profile: StringEnum(ENGINE_PROFILES),
  cookiePolicy: Type.String({ description: "the cookie policy in force (the engine's shipped default), in words, with its setting" }),
});
export type EngineInfo = Static<typeof EngineInfoSchema>;
