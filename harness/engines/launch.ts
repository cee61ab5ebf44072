// The single entry point: an engine name in, a running Engine (or a loud, actionable error) out.

import { type PlaywrightEngineOptions, launchPlaywrightEngine } from './playwright-engine.ts';
import { resolveEngine } from './resolve.ts';
import type { Engine, EngineName } from './types.ts';
import { launchWebDriverEngine } from './webdriver-engine.ts';

export interface LaunchOptions extends PlaywrightEngineOptions {
  /** Playwright project name, recorded with every result. */
  project?: string;
  /** URLs whose cookies reset() clears where the driver cannot clear all cookies at once. */
  cookieResetUrls?: string[];
  /** WebKit only: a WebDriver proxy capability. */
  proxy?: Record<string, unknown>;
}

export async function launchEngine(name: EngineName, { project = name, cookieResetUrls = [], proxy, ...rest }: LaunchOptions = {}): Promise<Engine> {
  const plan = resolveEngine(name);
  return plan.driver === 'webdriver'
    ? launchWebDriverEngine(plan, project, { cookieResetUrls, ...(proxy && { proxy }), ...(rest.extraHosts && { extraHosts: rest.extraHosts }) })
    : launchPlaywrightEngine(plan, project, rest);
}
