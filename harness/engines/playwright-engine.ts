// The engines Playwright launches (each module's `underPlaywright`: switches, prefs, profile trust,
// a check once running). Nothing here touches the network layer: no routes, no extra headers, no
// web-security switches.
//
// Each browser runs in a persistent profile, as a user's does (launchPersistentContext on a fresh
// temporary directory), not in Playwright's off-the-record contexts, which change cookie policy
// (Chromium blocks third-party cookies in Incognito). Every probe owns one such browser; the
// first is started with the engine, `isolation: 'fresh'` starts another on a new profile.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { localCa } from '../../fixtures/tls.ts';
import { acquireDisplay, type Display } from './display.ts';
import { removeProfileDir, settlesWithin, watchProcessesNaming } from './hung.ts';
import { type LaunchPlan, installAdvice } from './resolve.ts';
import { type Engine, EngineUnavailableError, type InPageFunction, type InputTarget, type LaunchExtras, type PlaywrightLaunch, type Probe, callExpression } from './types.ts';
import { ENGINES } from './registry.ts';
import { playwrightHandlesSigint } from './terminal-signals.ts';
import type { EngineInfo, EngineName } from '../../contract/engine.ts';

type PlaywrightPlan = Extract<LaunchPlan, { driver: 'playwright' }>;

export interface PlaywrightEngineOptions extends LaunchExtras {
  /** Extra environment for the browser process (e.g. a fake clock's preload). */
  env?: Record<string, string>;
  /** Chromium: preferences written to the new profile's Default/Preferences before launch (e.g. third-party cookies allowed). */
  chromiumProfilePrefs?: Record<string, unknown>;
  /** The cookie policy this launch is in, when not the engine's shipped default (EngineInfo.cookiePolicy). */
  cookiePolicy?: string;
}

/** The engine's part of a Playwright launch, or a loud error saying why Playwright does not launch it (`what`: a launch, a browser server). */
export function underPlaywright(engine: EngineName, what: 'launch' | 'browserServer'): PlaywrightLaunch {
  const facts = ENGINES[engine].underPlaywright;
  if ('unsupported' in facts) throw new EngineUnavailableError(what === 'launch' ? `${facts.unsupported.launch} ${installAdvice(engine)}` : facts.unsupported.browserServer);
  return facts;
}

export async function launchPlaywrightEngine(plan: PlaywrightPlan, project: string, options: PlaywrightEngineOptions = {}): Promise<Engine> {
  underPlaywright(plan.engine, 'launch');
  const headed = runsHeaded(plan);
  const display: Display | undefined = headed ? await acquireDisplay(plan.engine) : undefined;
  const start = () => PersistentBrowser.launch(plan, headed, display, options);
  let first: PersistentBrowser;
  try {
    first = await start();
  } catch (error) {
    await display?.release();
    throw error;
  }
  const info: EngineInfo = {
    project,
    engine: plan.engine,
    browser: productName(plan),
    version: first.version,
    source: plan.source,
    protocol: plan.protocol,
    executable: plan.executable,
    headless: !headed,
    profile: 'persistent',
    cookiePolicy: options.cookiePolicy ?? ENGINES[plan.engine].cookiePolicy,
  };
  let spare: PersistentBrowser | undefined = first;
  const open = new Set<PersistentBrowser>([first]);
  return {
    info,
    newProbe: async () => {
      const browser = spare ?? (await start());
      spare = undefined;
      open.add(browser);
      return new PlaywrightProbe(browser, () => open.delete(browser)).init();
    },
    close: async () => {
      await Promise.all([...open].map((b) => b.close()));
      await display?.release();
    },
  };
}

/**
 * The executable, channel, switches and prefs of a launch: shared by launchPersistentContext here and
 * by the browser server (browser-server.ts), so a remote browser runs with the same command line.
 */
export function playwrightLaunchOptions(plan: PlaywrightPlan, headed: boolean, display: Display | undefined, options: PlaywrightEngineOptions) {
  return {
    executablePath: plan.executable,
    channel: plan.channel,
    headless: !headed,
    ...underPlaywright(plan.engine, 'launch').options(localCa(), options),
    env: display || options.env ? { ...process.env, ...options.env, ...(display && { DISPLAY: display.display }) } : undefined,
    timeout: 60_000,
    handleSIGINT: playwrightHandlesSigint(),
  };
}

/** Headless Firefox has no WebGL; headed Firefox under a (virtual) display does. Others run headless. */
export const runsHeaded = (plan: PlaywrightPlan) => ENGINES[plan.engine].headedUnderPlaywright && process.platform === 'linux';

/** One browser process on its own persistent profile directory (removed when it closes). */
class PersistentBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly version: string,
    private readonly profileDir: string,
  ) {}

  static async launch(plan: PlaywrightPlan, headed: boolean, display: Display | undefined, options: PlaywrightEngineOptions): Promise<PersistentBrowser> {
    const ca = localCa();
    const facts = underPlaywright(plan.engine, 'launch');
    const profileDir = mkdtempSync(join(tmpdir(), `cors-${plan.engine}-profile-`));
    let context: BrowserContext;
    try {
      facts.prepareProfile?.(profileDir, ca, options);
      if (options.chromiumProfilePrefs) writeChromiumPreferences(profileDir, options.chromiumProfilePrefs);
      context = await launchUnlessItEnds(plan, profileDir, ENGINES[plan.engine].playwright.launchPersistentContext(profileDir, playwrightLaunchOptions(plan, headed, display, options)));
    } catch (error) {
      removeProfileDir(profileDir);
      if (error instanceof EngineUnavailableError) throw error;
      throw new EngineUnavailableError(`${plan.engine} (${plan.executable}) failed to start: ${launchFailure(error)}. ${installAdvice(plan.engine)}`);
    }
    const browser = new PersistentBrowser(context, context.browser()?.version() ?? 'unknown', profileDir);
    if (facts.checkRunning) {
      try {
        await facts.checkRunning(context);
      } catch (error) {
        await browser.close();
        throw error;
      }
    }
    return browser;
  }

  /** A hung browser (stopped, deadlocked) never answers close: it gets 10 s, then is killed with its profile's removal. */
  async close(): Promise<void> {
    await settlesWithin(this.context.close().catch(() => {}), 10_000);
    removeProfileDir(this.profileDir);
  }
}

/**
 * A browser killed or crashed while its first page initialises leaves Playwright 1.64.1's launch
 * waiting out its whole timeout (Page._markInitialized never settles once the context is closing):
 * the launch fails as soon as the browser's processes are gone instead.
 */
async function launchUnlessItEnds(plan: PlaywrightPlan, profileDir: string, launching: Promise<BrowserContext>): Promise<BrowserContext> {
  const watch = watchProcessesNaming(profileDir);
  const settled = launching.then(() => {}, () => {});
  const ended = watch.ended.then(async () => {
    // Playwright's own error, when it comes (an exit code, the browser's stderr), says more than ours.
    await settlesWithin(settled, 1_000);
    throw new EngineUnavailableError(`${plan.engine} (${plan.executable}) exited while starting: the browser was killed or crashed`);
  });
  try {
    return await Promise.race([launching, ended]);
  } finally {
    watch.stop();
  }
}

/** A browser context a probe drives and closes: a persistent browser here, a context on a remote browser (playwright-connect.ts). */
export interface ContextHandle {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export class PlaywrightProbe implements Probe {
  private page!: Page;
  constructor(
    private readonly browser: ContextHandle,
    private readonly onClose: () => void,
  ) {}

  /** Windows the page opened (window.open), newest last. */
  private readonly opened: Page[] = [];

  async init(): Promise<this> {
    this.page = this.browser.context.pages()[0] ?? (await this.browser.context.newPage());
    this.browser.context.on('page', (p) => {
      if (p !== this.page) this.opened.push(p);
    });
    return this;
  }

  async click(selector: string, where: InputTarget = {}): Promise<void> {
    if (where.frame && !where.popup) return this.clickInFrame(selector, where.frame);
    const { locator, page } = await this.input(selector, where);
    // A click that makes its window close itself (a form whose answer calls window.close()) is done.
    await locator.click({ timeout: 10_000 }).catch((error: unknown) => {
      if (!page.isClosed()) throw error;
    });
  }

  async type(selector: string, text: string, where: InputTarget = {}): Promise<void> {
    const { locator } = await this.input(selector, where);
    await locator.pressSequentially(text, { timeout: 10_000 });
  }

  /**
   * Chromium keys storage access by (embedded origin, top-level origin): CDP Browser.setPermission
   * with embeddedOrigin, what ChromeDriver does for WPT's set_permission (Playwright's
   * grantPermissions names one origin only).
   */
  async allowPermission(name: 'storage-access', origin: string): Promise<void> {
    // newCDPSession exists only in Chromium. Firefox's BiDi answers storage-access with "unsupported
    // operation"; its profile answers the prompt instead (firefox.ts PROMPT_ANSWERS).
    const cdp = await this.browser.context.newCDPSession(this.page).catch(() => null);
    if (!cdp) return this.browser.context.grantPermissions([name], { origin }).catch(() => {});
    try {
      // This page's browser context (a fresh context is not the browser's default one).
      const { targetInfo } = await cdp.send('Target.getTargetInfo');
      const permission = { permission: { name }, setting: 'granted', origin: new URL(this.page.url()).origin, embeddedOrigin: origin, browserContextId: targetInfo.browserContextId };
      await cdp.send('Browser.setPermission', permission as never);
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  async closeOtherWindows(): Promise<void> {
    for (const p of this.opened.splice(0)) if (p !== this.page && !p.isClosed()) await p.close().catch(() => {});
  }

  /**
   * A click into an iframe (possibly cross-site, out of process) as the mouse of the top-level page:
   * Playwright's element click into a cross-origin iframe over WebDriver BiDi (Firefox) reached no
   * page, so the point is computed here (the iframe's content box in the page, plus the element's
   * box in the frame) and clicked by the page's mouse: one real input event that the browser routes
   * to the frame, as it would a person's.
   */
  private async clickInFrame(selector: string, frame: string): Promise<void> {
    const iframe = this.page.locator(frame);
    await iframe.scrollIntoViewIfNeeded({ timeout: 10_000 });
    const content = await iframe.evaluate((f: Element) => {
      const r = f.getBoundingClientRect();
      const cs = getComputedStyle(f);
      return { x: r.left + f.clientLeft + parseFloat(cs.paddingLeft), y: r.top + f.clientTop + parseFloat(cs.paddingTop) };
    });
    const target = this.page.frameLocator(frame).locator(selector);
    await target.waitFor({ state: 'visible', timeout: 10_000 });
    const box = await target.evaluate((el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await this.page.mouse.click(content.x + box.x, content.y + box.y);
  }

  private async input(selector: string, where: InputTarget) {
    let page = this.page;
    if (where.popup) {
      const deadline = Date.now() + 10_000;
      while (!this.opened.some((p) => !p.isClosed())) {
        if (Date.now() > deadline) throw new Error(`no window was opened by the page to act in (${selector})`);
        await new Promise((r) => setTimeout(r, 50));
      }
      page = this.opened.filter((p) => !p.isClosed()).at(-1)!;
      await page.waitForLoadState('load');
    }
    const locator = where.frame ? page.frameLocator(where.frame).locator(selector) : page.locator(selector);
    return { locator, page };
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
    await this.browser.context.clearCookies();
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.onClose();
  }
}

/** A new profile's preferences, read by Chromium at start as if the user had set them. */
function writeChromiumPreferences(profileDir: string, prefs: Record<string, unknown>): void {
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify(prefs));
}

function productName(plan: PlaywrightPlan): string {
  if (plan.product) return plan.product;
  if (plan.source === 'bundled') return `Playwright ${plan.engine}`;
  return underPlaywright(plan.engine, 'launch').product(plan.executable);
}

export function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.trim();
}

/**
 * Playwright's launch error cut to what a user acts on: its first line, how the process ended and
 * the browser's last line on stderr (from the call log that follows, hundreds of lines of switches).
 */
export function launchFailure(error: unknown): string {
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes (ESC [) from Playwright's launch log
  const log = String((error as Error)?.message ?? error).replace(/\x1b\[[0-9;]*m/g, '');
  const exit = /<process did exit: exitCode=(\w+), signal=(\w+)>/.exec(log);
  const ended = exit && (exit[2] !== 'null' ? `was killed by ${exit[2]}` : `exited with code ${exit[1]}`);
  const stderr = [...log.matchAll(/\[pid=\d+\]\[err\] (.*\S)/g)].at(-1)?.[1];
  return [firstLine(error).replace(/\.$/, ''), ended && `the process ${ended}`, stderr && `its last error line: ${stderr}`].filter(Boolean).join('; ');
}
