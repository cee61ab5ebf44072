// One interface for every engine, so specs never know whether Playwright or WebDriver is driving.

import type { BrowserContext, BrowserType } from 'playwright-core';
import type { LocalCa } from '../../fixtures/tls.ts';
import type { ExtraTrust, TrustOptions } from './trust.ts';
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
  /**
   * A person's click on the element `selector` through the engine's own input (a user gesture: it may
   * open a window, ask for storage access): in this page, the window it opened last, or an iframe.
   */
  click(selector: string, where?: InputTarget): Promise<void>;
  /** Types `text` into the element `selector` key by key, as a person would (same targets as click). */
  type(selector: string, text: string, where?: InputTarget): Promise<void>;
  /** Closes every window but the probe's own (windows a scenario opened and left open). */
  closeOtherWindows(): Promise<void>;
  /**
   * The person's "Allow" to a permission prompt the page is about to raise (`storage-access` for an
   * embedded `origin`), set the way WPT's test_driver.set_permission does (WebDriver / CDP permission
   * state), because a prompt is browser UI no driver can click. Absent where the driver has no such
   * command (WebKitGTK over classic WebDriver): the prompt then stays the engine's own.
   */
  allowPermission?(name: 'storage-access', origin: string): Promise<void>;
  /**
   * Forget all cookies (every host), so the next scenario starts without any. Leaves the page.
   * A WebDriver probe can only delete the current document's cookies: it visits the engine's
   * cookie-reset pages, or `visit` when given (certify: the hosts a target just used).
   */
  reset(visit?: string[]): Promise<void>;
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
  readonly system:
    | { driver: 'playwright'; protocol: 'cdp' | 'webdriver-bidi'; channel?: string }
    /** Its WebDriver server: the variable naming a specific one, and where the distribution installs it. */
    | { driver: 'webdriver'; webDriver: { overrideEnv: string; systemPaths: string[] } };
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
  /**
   * Where it blocks loopback http (127.0.0.0/8, ::1, localhost) from an https page although Secure
   * Contexts counts loopback as potentially trustworthy: fetch(), and an <img> redirected there
   * (observed in the matrix's secure/ rows; certify's mixed-content.ts reads it).
   */
  readonly loopbackHttpBlocked: { fetch: boolean; imageAfterRedirect: boolean };
  /** How @slow scenarios move its clock: the preload and, in words, how it reaches the processes. */
  readonly clock: { preload: 'libfaketime' | 'clock-shim'; method: string };
  /** Run headed (under a private display) when Playwright drives it: headless Firefox has no WebGL. */
  readonly headedUnderPlaywright: boolean;
  /** How it reaches host names served on loopback: switches, prefs, or only through the pass-through proxy. */
  hostMapping(hosts: LoopbackHost[], loopback: string): { switches: string[]; prefs: Prefs; proxy: boolean };
  /** What sends it through the pass-through proxy at `address` (prefs, or a capability and the process environment). */
  viaProxy(address: { host: string; port: number }): { prefs?: Prefs; capability?: Record<string, unknown>; env?: Record<string, string> };
  /** Its browser channels (`<engine>@<channel>` projects), by channel name (channels.ts). */
  readonly channels: Record<string, Channel>;
  /** Its system build runs under a display (a private Xvfb unless DISPLAY is set): setup:browsers checks for Xvfb. */
  readonly needsDisplay: boolean;
  /** A remote end may be a WebDriver URL (http://), not only a Playwright browser server (remote.ts). */
  readonly remoteWebDriver: boolean;
  /** Whether a remote browser runs headless, read from its user agent; null where the user agent does not tell. */
  headlessFromUserAgent(userAgent: string): boolean | null;
  /** Driven over WebDriver (its system build, or any remote end): the session's browser capability and the names it reports. */
  readonly underWebDriver?: WebDriverFacts;
  /** What Playwright's launch (local, or as a browser server) needs for this engine, or why Playwright does not launch it. */
  readonly underPlaywright: PlaywrightLaunch | { unsupported: { launch: string; browserServer: string } };
}

/** Browser preferences (Firefox prefs) for one launch. */
export type Prefs = Record<string, string | number | boolean>;

/** A launch's extra switches and prefs (host mapping, proxy) and the host names it must trust. */
export interface LaunchExtras {
  /** Extra host names the browser must accept (e.g. a viewer origin mapped to loopback). */
  extraHosts?: string[];
  /** certify --ca: the user's CA and the target certificates Node verified against it. */
  extraTrust?: ExtraTrust;
  switches?: string[];
  /** Extra arguments for a browser started by its WebDriver (MiniBrowser: e.g. --cookies-policy=always). */
  browserArgs?: string[];
  prefs?: Prefs;
}

/** The engine's part of a Playwright launch: shared by a local launch and the browser server. */
export interface PlaywrightLaunch {
  /** Switches, Playwright default switches to drop, and prefs: the engine's own, its trust of the local CA, and the launch's extras. */
  options(ca: LocalCa, extras: LaunchExtras): { args: string[]; ignoreDefaultArgs?: string[]; firefoxUserPrefs?: Prefs };
  /** Before launch, in the fresh profile directory (Firefox: the local CA into its certificate store). */
  prepareProfile?(profileDir: string, ca: LocalCa, trust?: TrustOptions): void;
  /** Once it runs, a check that it runs as launched (Chromium: its command line read back). */
  checkRunning?(context: BrowserContext): Promise<void>;
  /** The product name of a system build, from its executable. */
  product(executable: string): string;
}

/** The engine's part of a WebDriver session (webdriver-engine.ts adds timeouts and the proxy). */
export interface WebDriverFacts {
  /** The browser's own capabilities: its binary (when known), switches, and trust of the local CA. */
  capabilities(binary: string | undefined, trust: LaunchExtras): Record<string, unknown>;
  /** The browserName a session of the build this module describes reports (another build on a remote end is recorded by its own name). */
  readonly browserName: string;
  /** The product name recorded for a session that reported `browserName`. */
  product(browserName: string): string;
}

/** A build of an engine other than its default: its name, where it is installed, what to install. */
export interface Channel {
  /** Product name recorded in run.engines. */
  browser: string;
  /** Where it is installed, first found wins. */
  paths: string[];
  /** Playwright's `channel` launch option (Firefox channels are driven over WebDriver BiDi). */
  playwrightChannel?: string;
  /** What to do when it is not installed. */
  install: string;
}
