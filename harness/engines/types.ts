// One interface for every engine, so specs never know whether Playwright or WebDriver is driving.

import type { FakeClock } from './clock.ts';

export const ENGINE_NAMES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Test annotation type under which every result records its EngineInfo (JSON). */
export { ENGINE_ANNOTATION } from '../../contract/names.ts';

/** Recorded on every result: which browser really ran, and where it came from. */
export interface EngineInfo {
  project: string;
  engine: EngineName;
  /** Product name as the browser reports it, e.g. "Chromium", "Firefox ESR", "WebKitGTK MiniBrowser". */
  browser: string;
  version: string;
  /**
   * `bundled`: Playwright's own build (npx playwright install); `system`: a distribution package;
   * `remote`: a browser elsewhere, reached through CORS_CONNECT_<ENGINE> (harness/engines/remote.ts).
   */
  source: 'bundled' | 'system' | 'remote';
  /** How it is driven. */
  protocol: 'cdp' | 'juggler' | 'webdriver-bidi' | 'webdriver-classic';
  /** The executable path, or for a remote browser its endpoint (scheme, host and port). */
  executable: string;
  /** null where it cannot be told (a remote Firefox or WebKit). */
  headless: boolean | null;
  /**
   * The browsing profile: `persistent` (an on-disk, non-incognito profile, as a user has) or
   * `ephemeral` (in-memory, e.g. WebKitGTK's automation session).
   */
  profile: 'persistent' | 'ephemeral';
  /** The cookie policy in force (the engine's shipped default), in words, with its setting. */
  cookiePolicy: string;
}

/** A function that runs inside the page. It must be self-contained: it is sent as source text. */
export type InPageFunction<A, R> = (args: A) => R | Promise<R>;

export interface Probe {
  /** Navigate this probe's page to a URL (normally a page on one of the fixture origins). */
  open(url: string): Promise<void>;
  /** Like open(), but a no-op when the page is already there: scenarios that share a page skip the navigation. */
  visit(url: string): Promise<void>;
  /** Run a self-contained function in the page with JSON arguments; resolves with its JSON result. */
  run<A, R>(fn: InPageFunction<A, R>, args: A): Promise<R>;
  /** A PNG of the visible page (what a person sees), at the page's device pixel ratio. */
  screenshot(): Promise<Buffer>;
  /**
   * A person's click on the element `selector` through the engine's own input (a user gesture: it may
   * open a window, ask for storage access): in this page, the window it opened last, or an iframe.
   */
  click(selector: string, where?: InputTarget): Promise<void>;
  /** Types `text` into the element `selector` key by key, as a person would (same targets as click). */
  type(selector: string, text: string, where?: InputTarget): Promise<void>;
  /** Closes every window but the probe's own (windows a scenario opened and left open). */
  closeOtherWindows(): Promise<void>;
  /** Forget all cookies (every host), so the next scenario starts without any. Leaves the page. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where a person's input goes: the probe's page (default), the window the page opened last (`popup`,
 * waited for until it has loaded), or an iframe of the page (`frame`: a CSS selector of the iframe).
 */
export interface InputTarget {
  popup?: boolean;
  frame?: string;
}

export interface Engine {
  readonly info: EngineInfo;
  /** Only when launched with `clock` (@slow scenarios): moves this browser's clock. */
  readonly clock?: FakeClock;
  /** A new isolated browsing state: a fresh context (Playwright) or a fresh session (WebDriver). */
  newProbe(): Promise<Probe>;
  close(): Promise<void>;
}

/**
 * How a test is isolated from the others that share its browser:
 * - `token`: a unique token in every URL and cookie name; nothing is cleared (cheapest, the default)
 * - `cookies`: as `token`, run with the other `cookies` scenarios of their family in a jar cleared
 *   just before them (scenarios that read cookie state: no cookie from before the batch is left)
 * - `fresh`: a new browser context / WebDriver session for this test alone
 */
export type Isolation = 'token' | 'cookies' | 'fresh';

/** An engine that could not be found or started. The message says what to install. */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
  constructor(message: string) {
    super(message);
    // Where the harness noticed it tells a user nothing: the message names the cause and the fix.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * Source text that calls `fn(args)`; shared by both drivers so they run exactly the same code.
 * `__name` is the helper esbuild (tsx) inserts to keep function names; outside Node it must exist.
 */
export function callExpression<A>(fn: InPageFunction<A, unknown>, args: A): string {
  return `((__name) => (${fn.toString()})(${JSON.stringify(args ?? null)}))((f) => f)`;
}
