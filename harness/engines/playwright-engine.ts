// Chromium and Firefox (and Playwright's own WebKit build, where installed) through Playwright.
// Nothing here touches the network layer: no routes, no extra headers, no web-security switches.

import { type Browser, type BrowserContext, type Page, chromium, firefox, webkit } from 'playwright-core';
import { acquireDisplay, type Display } from './display.ts';
import { type LaunchPlan, installAdvice } from './resolve.ts';
import { type Engine, type EngineInfo, EngineUnavailableError, type InPageFunction, type Probe, callExpression } from './types.ts';

type PlaywrightPlan = Extract<LaunchPlan, { driver: 'playwright' }>;

const CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update'];

export async function launchPlaywrightEngine(plan: PlaywrightPlan, project: string): Promise<Engine> {
  // Headless Firefox has no WebGL; headed Firefox under a (virtual) display does. Others run headless.
  const headed = plan.engine === 'firefox' && process.platform === 'linux';
  const display: Display | undefined = headed ? await acquireDisplay(plan.engine) : undefined;
  let browser: Browser;
  try {
    browser = await { chromium, firefox, webkit }[plan.engine].launch({
      executablePath: plan.executable,
      channel: plan.channel,
      headless: !headed,
      args: plan.engine === 'chromium' ? CHROMIUM_ARGS : [],
      env: display ? { ...process.env, DISPLAY: display.display } : undefined,
      timeout: 60_000,
    });
  } catch (error) {
    await display?.release();
    throw new EngineUnavailableError(
      `${plan.engine} (${plan.executable}) failed to start: ${firstLine(error)}. ${installAdvice(plan.engine)}`,
    );
  }
  const info: EngineInfo = {
    project,
    engine: plan.engine,
    browser: productName(plan),
    version: browser.version(),
    source: plan.source,
    protocol: plan.protocol,
    executable: plan.executable,
    headless: !headed,
  };
  return {
    info,
    newProbe: async () => new PlaywrightProbe(await browser.newContext()).init(),
    close: async () => {
      await browser.close().catch(() => {});
      await display?.release();
    },
  };
}

class PlaywrightProbe implements Probe {
  private page!: Page;
  constructor(private readonly context: BrowserContext) {}

  async init(): Promise<this> {
    this.page = await this.context.newPage();
    return this;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  async visit(url: string): Promise<void> {
    if (this.page.url() !== url) await this.open(url);
  }

  async run<A, R>(fn: InPageFunction<A, R>, args: A): Promise<R> {
    return (await this.page.evaluate(callExpression(fn, args))) as R;
  }

  async screenshot(): Promise<Buffer> {
    return this.page.screenshot({ type: 'png' });
  }

  async reset(): Promise<void> {
    await this.context.clearCookies();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}

function productName(plan: PlaywrightPlan): string {
  if (plan.source === 'bundled') return `Playwright ${plan.engine}`;
  if (plan.engine === 'firefox') return plan.executable.endsWith('-esr') ? 'Firefox ESR' : 'Firefox';
  return plan.engine === 'chromium' ? 'Chromium' : 'WebKit';
}

export function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.trim();
}
