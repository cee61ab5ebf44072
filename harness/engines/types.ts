// One interface for every engine, so specs never know whether Playwright or WebDriver is driving.

import type { BrowserType } from 'playwright-core';
import type { EngineInfo, EngineName } from '../../contract/engine.ts';

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
  /** Forget all cookies (every host), so the next scenario starts without any. Leaves the page. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A browser clock the harness moves (harness/engines/clock.ts fakeClock): @slow scenarios only. */
export interface FakeClock {
  /** Environment for the browser (or driver) process; its children inherit it. */
  readonly env: Record<string, string>;
  readonly method: string;
  /** Seconds the browser's clock is ahead of the real one. */
  readonly offset: number;
  /** Moves the browser's clock `seconds` further ahead; resolves once every process must see it. */
  advance(seconds: number): Promise<void>;
  /** Back to the real time, with the same wait. */
  reset(): Promise<void>;
  close(): void;
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
 * Loaded through tsx's register API (the installed `cors-harness` command) the helper is `__name2`.
 */
export function callExpression<A>(fn: InPageFunction<A, unknown>, args: A): string {
  return `((__name, __name2) => (${fn.toString()})(${JSON.stringify(args ?? null)}))((f) => f, (f) => f)`;
}

/** How every engine's third-party-cookies-allowed policy begins (the matrix tells the two profiles apart by it). */
export const THIRD_PARTY_ALLOWED = 'third-party cookies allowed';

/** A host served on loopback, as engineMapping() reads it: `port`/`to` when the port changes too. */
export interface LoopbackHost {
  host: string;
  port?: number;
  to?: number;
}

/**
 * What is particular to one engine, in one place (harness/engines/<engine>.ts); the launcher,
 * resolver, drivers, clock and host mapping read it instead of branching on the engine's name.
 */
export interface EngineModule {
  readonly name: EngineName;
  /** Product name where the browser names none (a remote Playwright browser server). */
  readonly product: string;
  /** Playwright's browser type: its own build's path, launchPersistentContext, launchServer, connect. */
  readonly playwright: BrowserType;
  /** What to install: the Playwright build, or the Debian packages (setup:browsers reads these). */
  readonly install: { playwright: string; debian: string[] };
  /** Environment variable naming a specific executable (forces the system path). */
  readonly overrideEnv: string;
  /** Where the distribution installs it, first found wins. */
  readonly systemPaths: string[];
  /** How a system build is driven (Playwright over a protocol, or WebDriver); Playwright's own build speaks `bundledProtocol`. */
  readonly system: { driver: 'playwright'; protocol: 'cdp' | 'webdriver-bidi'; channel?: string } | { driver: 'webdriver' };
  readonly bundledProtocol: 'cdp' | 'juggler';
  /** Where a remote browser is named (CORS_CONNECT_<ENGINE>), and the protocol of a Playwright browser server for it. */
  readonly connectEnv: string;
  readonly remoteProtocol: 'cdp' | 'webdriver-bidi';
  /** Trust: the local CA goes into the profile with certutil, which must then be installed (resolve.ts checks). */
  readonly trustNeedsCertutil: boolean;
  /** The cookie policy in force as launched (its shipped default), in words, recorded in EngineInfo. */
  readonly cookiePolicy: string;
  /**
   * The profile setting that lets third parties set and get cookies (the cookie rows' `-3pc-allowed`
   * variants run in a browser launched with it): a Chromium profile preference, Firefox prefs or
   * MiniBrowser arguments, and the policy it gives, in words (EngineInfo.cookiePolicy of that browser).
   */
  readonly thirdPartyCookiesAllowed: { chromiumProfilePrefs?: Record<string, unknown>; firefoxPrefs?: Record<string, number>; browserArgs?: string[]; cookiePolicy: string };
  /** How @slow scenarios move its clock: the preload and, in words, how it reaches the processes. */
  readonly clock: { preload: 'libfaketime' | 'clock-shim'; method: string };
  /** Run headed (under a private display) when Playwright drives it: headless Firefox has no WebGL. */
  readonly headedUnderPlaywright: boolean;
  /** How it reaches host names served on loopback: switches, prefs, or only through the pass-through proxy. */
  hostMapping(hosts: LoopbackHost[], loopback: string): { chromiumArgs: string[]; firefoxPrefs: Record<string, string | number | boolean>; proxy: boolean };
  /** What sends it through the pass-through proxy at `address` (prefs, or a capability and the process environment). */
  viaProxy(address: { host: string; port: number }): { firefoxPrefs?: Record<string, string | number>; capability?: Record<string, unknown>; env?: Record<string, string> };
}
