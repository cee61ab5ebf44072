// One interface for every engine, so specs never know whether Playwright or WebDriver is driving.

import type { EngineInfo } from '../../contract/engine.ts';
import type { FakeClock } from './clock.ts';

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
