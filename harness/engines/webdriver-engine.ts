// An engine over classic WebDriver (today WebKitGTK's MiniBrowser through WebKitWebDriver: Playwright
// cannot drive the distribution's WebKit), implementing the same Probe. The browser's own
// capabilities and names come from its module (underWebDriver). WebKitWebDriver allows one session
// per process, so every probe owns its driver process.

import { type ChildProcess, spawn } from 'node:child_process';
import { PortInUseError, listensOn, withBindRetry } from '../net.ts';
import { reapOnExit } from './child-reaper.ts';
import { helpersDetached } from './terminal-signals.ts';
import { acquireDisplay } from './display.ts';
import { descendants, killQuietly, settlesWithin } from './hung.ts';
import { firstLine } from './playwright-engine.ts';
import { CONNECT_ENV, type RemoteEndpoint, WEBDRIVER_CAPABILITIES_ENV } from './remote.ts';
import { type LaunchPlan, installAdvice, resolveEngine } from './resolve.ts';
import { ENGINES } from './registry.ts';
import type { TrustOptions } from './trust.ts';
import { type Engine, EngineUnavailableError, type InPageFunction, type InputTarget, type Probe, type WebDriverFacts, callExpression } from './types.ts';
import { WebDriverClient, WebDriverError, WebDriverSession } from './webdriver-client.ts';
import type { EngineInfo, EngineName } from '../../contract/engine.ts';

export type WebDriverPlan = Extract<LaunchPlan, { driver: 'webdriver' }>;

export interface WebDriverEngineOptions extends TrustOptions {
  /** Pages to visit on reset to delete cookies: WebDriver only deletes the current document's. */
  cookieResetUrls: string[];
  /** A WebDriver proxy capability (e.g. a pass-through proxy that maps one host to loopback). */
  proxy?: Record<string, unknown>;
  /** Extra environment for WebKitWebDriver, inherited by MiniBrowser and its processes: the proxy
   *  variables `proxyType: 'system'` reads, a fake clock. */
  env?: Record<string, string>;
  /** MiniBrowser arguments after --automation (e.g. --cookies-policy=always), through webkitgtk:browserOptions. */
  browserArgs?: string[];
  /** The cookie policy those arguments give, when not the shipped default (EngineInfo.cookiePolicy). */
  cookiePolicy?: string;
}

export async function launchWebDriverEngine(plan: WebDriverPlan, project: string, options: WebDriverEngineOptions): Promise<Engine> {
  const display = await acquireDisplay(plan.engine);
  const env = { ...process.env, ...options.env, DISPLAY: display.display };
  // The first probe is started now, to learn the version; it is handed out by the first newProbe().
  const first = await WebDriverProbe.start(plan, env, options).catch(async (error: unknown) => {
    await display.release();
    throw error;
  });
  return probePool(first, () => WebDriverProbe.start(plan, env, options), {
    project,
    engine: plan.engine,
    browser: plan.product ?? underWebDriver(plan.engine).product(first.browserName),
    version: first.browserVersion,
    source: plan.source,
    protocol: 'webdriver-classic',
    executable: plan.executable,
    headless: false,
    // MiniBrowser under automation keeps its website data in memory (an ephemeral session).
    profile: 'ephemeral',
    cookiePolicy: options.cookiePolicy ?? ENGINES[plan.engine].cookiePolicy,
  }, () => display.release());
}

/** WebKitWebDriver on a remote end: sessions there, nothing started here (no driver, no display). */
export async function connectWebDriverEngine(remote: RemoteWebDriver, project: string, options: WebDriverEngineOptions): Promise<Engine> {
  const start = () => WebDriverProbe.connect(remote, options);
  const first = await start();
  const facts = underWebDriver(remote.engine);
  const ownBuild = first.browserName === facts.browserName;
  return probePool(first, start, {
    project,
    engine: remote.engine,
    browser: ownBuild ? facts.product(first.browserName) : first.browserName,
    version: first.browserVersion,
    source: 'remote',
    protocol: 'webdriver-classic',
    executable: remote.url,
    headless: null,
    profile: 'ephemeral',
    cookiePolicy: `the remote browser's (${ownBuild ? ENGINES[remote.engine].cookiePolicy : 'not set by the harness'})`,
  }, async () => {});
}

/** Hands out `first` to the first newProbe(), then starts more; closes them all with the engine. */
function probePool(first: WebDriverProbe, start: () => Promise<WebDriverProbe>, info: EngineInfo, release: () => Promise<void>): Engine {
  let spare: WebDriverProbe | undefined = first;
  const probes = new Set<WebDriverProbe>([first]);
  return {
    info,
    newProbe: async () => {
      const probe = spare ?? (await start());
      spare = undefined;
      probes.add(probe);
      probe.onClose = () => probes.delete(probe);
      return probe;
    },
    close: async () => {
      await Promise.all([...probes].map((p) => p.close()));
      await release();
    },
  };
}

type RemoteWebDriver = Extract<RemoteEndpoint, { kind: 'webdriver' }>;
const SESSION_TIMEOUTS = { script: 60_000, pageLoad: 30_000 };

/** The engine's WebDriver facts (its module's underWebDriver); an engine without them is not driven over WebDriver. */
function underWebDriver(engine: EngineName): WebDriverFacts {
  const facts = ENGINES[engine].underWebDriver;
  if (!facts) throw new EngineUnavailableError(`${engine}: not driven over WebDriver here (its module has no underWebDriver).`);
  return facts;
}

function sessionCapabilities(engine: EngineName, binary: string | undefined, options: WebDriverEngineOptions): Record<string, unknown> {
  return {
    ...underWebDriver(engine).capabilities(binary, options),
    timeouts: SESSION_TIMEOUTS,
    ...(options.proxy && { proxy: options.proxy }),
  };
}

/** The browser a WebDriver server on this machine would start (MiniBrowser); a remote node's own default otherwise. */
function localBrowser(engine: EngineName): string | undefined {
  try {
    const plan = resolveEngine(engine);
    return plan.driver === 'webdriver' ? plan.executable : undefined;
  } catch {
    return undefined;
  }
}

/**
 * WebKitWebDriver listening on `port` (its own, checked through /proc) and ready; a PortInUseError
 * when the port was taken, so withBindRetry tries another. Exported for tests that run it as a remote end.
 */
export async function startWebKitWebDriver(port: number, plan: WebDriverPlan, env: NodeJS.ProcessEnv) {
  const driver = spawn(plan.webDriver, [`--port=${port}`, '--host=local'], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: helpersDetached() });
  let stderr = '';
  driver.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  reapOnExit(driver);
  const fail = (why: string) => {
    driver.kill('SIGKILL');
    return new EngineUnavailableError(`${plan.engine} (${plan.webDriver} driving ${plan.executable}) failed to start: ${why}. ${installAdvice(plan.engine)}`);
  };
  const client = new WebDriverClient(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + 15_000;
  while (!(listensOn(driver.pid ?? -1, port) && (await client.ready()))) {
    if (driver.exitCode !== null && /Unable to listen/.test(stderr)) throw new PortInUseError(`WebKitWebDriver: port ${port} in use`);
    if (driver.exitCode !== null) throw fail(`WebKitWebDriver exited with ${driver.exitCode}: ${stderr.trim()}`);
    if (Date.now() > deadline) throw fail('WebKitWebDriver did not become ready within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { driver, client, fail, stderr: () => stderr.trim() };
}

// Runs the in-page function and reports the outcome through WebDriver's async-script callback,
// turning page exceptions into data so they are not confused with driver failures.
// The call is part of the script body WebDriver runs, not eval'd from an argument: a page whose CSP
// forbids eval (the hosted certify's) can still be driven.
const asyncWrapper = (call: string) => `
const done = arguments[arguments.length - 1];
Promise.resolve().then(() => ${call}).then(
  (value) => done({ ok: true, value: value === undefined ? null : value }),
  (error) => done({ ok: false, error: String(error && error.stack || error) }));`;

class WebDriverProbe implements Probe {
  onClose?: () => void;

  private constructor(
    /** The WebKitWebDriver process this probe started; none for a remote end. */
    private readonly driver: ChildProcess | undefined,
    private readonly session: WebDriverSession,
    readonly browserName: string,
    readonly browserVersion: string,
    private readonly options: WebDriverEngineOptions,
  ) {}

  /** WebKitWebDriver binds its own port: start it on a candidate port, on another if that one is taken. */
  static start(plan: WebDriverPlan, env: NodeJS.ProcessEnv, options: WebDriverEngineOptions): Promise<WebDriverProbe> {
    return withBindRetry((port) => WebDriverProbe.startOn(port, plan, env, options));
  }

  private static async startOn(port: number, plan: WebDriverPlan, env: NodeJS.ProcessEnv, options: WebDriverEngineOptions): Promise<WebDriverProbe> {
    const running = await startWebKitWebDriver(port, plan, env);
    try {
      return await WebDriverProbe.newSession(running.client, sessionCapabilities(plan.engine, plan.executable, options), running.driver, options);
    } catch (error) {
      throw running.fail(`${firstLine(error)} ${running.stderr()}`);
    }
  }

  /** A session on a WebDriver remote end somebody else started (CORS_CONNECT_WEBKIT). */
  static async connect(remote: RemoteWebDriver, options: WebDriverEngineOptions): Promise<WebDriverProbe> {
    const capabilities = remote.capabilities
      ? { timeouts: SESSION_TIMEOUTS, ...(options.proxy && { proxy: options.proxy }), ...remote.capabilities }
      : sessionCapabilities(remote.engine, localBrowser(remote.engine), options);
    try {
      return await WebDriverProbe.newSession(new WebDriverClient(remote.url), capabilities, undefined, options);
    } catch (error) {
      throw new EngineUnavailableError(
        `${remote.engine}: no session from the WebDriver remote end ${CONNECT_ENV[remote.engine]}=${remote.url}: ${firstLine(error)}. ` +
          `Check that it is running and reachable, that it accepts these capabilities (${WEBDRIVER_CAPABILITIES_ENV} to change them) ` +
          'and that it has a free session (WebKitWebDriver and safaridriver hold one at a time: run with --workers 1).',
      );
    }
  }

  private static async newSession(client: WebDriverClient, capabilities: Record<string, unknown>, driver: ChildProcess | undefined, options: WebDriverEngineOptions) {
    const created = await client.newSession(capabilities);
    const { browserName = 'MiniBrowser', browserVersion = 'unknown' } = created.capabilities;
    return new WebDriverProbe(driver, new WebDriverSession(client, created.sessionId), browserName, browserVersion, options);
  }

  private currentUrl: string | undefined;

  async open(url: string): Promise<void> {
    this.currentUrl = undefined;
    await this.session.navigate(url);
    this.currentUrl = url;
  }

  async visit(url: string): Promise<void> {
    if (this.currentUrl !== url) await this.open(url);
  }

  async run<A, R>(fn: InPageFunction<A, R>, args: A): Promise<R> {
    const result = await this.session.executeAsync<{ ok: boolean; value?: R; error?: string }>(asyncWrapper(callExpression(fn, args)), []);
    if (!result.ok) throw new Error(`in-page function threw: ${result.error}`);
    return result.value as R;
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.session.screenshot(), 'base64');
  }

  async click(selector: string, where: InputTarget = {}): Promise<void> {
    await this.inTarget(where, async () => {
      const element = await this.waitForElement(selector);
      // A click that makes its window close itself (a form whose answer calls window.close()) is done.
      await this.session.elementClick(element).catch(async (error: unknown) => {
        if (!where.popup || (await this.session.windowHandles()).length > 1) throw error;
      });
    });
  }

  async type(selector: string, text: string, where: InputTarget = {}): Promise<void> {
    await this.inTarget(where, async () => this.session.elementSendKeys(await this.waitForElement(selector), text));
  }

  /**
   * The element once it is there, as Playwright's locators wait: a window just opened may still
   * show about:blank (readyState complete) before its page loads; a person would wait too.
   */
  private async waitForElement(selector: string, ms = 10_000): Promise<Record<string, string>> {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        return await this.session.findElement(selector);
      } catch (error) {
        if (!(error instanceof WebDriverError && error.code === 'no such element') || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async closeOtherWindows(): Promise<void> {
    const main = await this.session.windowHandle();
    for (const handle of await this.session.windowHandles()) {
      if (handle === main) continue;
      await this.session.switchToWindow(handle);
      await this.session.closeWindow().catch(() => {});
    }
    await this.session.switchToWindow(main);
  }

  /** Runs `act` in the window the page opened last and/or in an iframe, then returns to the probe's page. */
  private async inTarget(where: InputTarget, act: () => Promise<void>): Promise<void> {
    const main = await this.session.windowHandle();
    if (where.popup) {
      const deadline = Date.now() + 10_000;
      let handles = await this.session.windowHandles();
      while (!handles.some((h) => h !== main)) {
        if (Date.now() > deadline) throw new Error('no window was opened by the page to act in');
        await new Promise((r) => setTimeout(r, 50));
        handles = await this.session.windowHandles();
      }
      await this.session.switchToWindow(handles.filter((h) => h !== main).at(-1)!);
      while ((await this.session.executeAsync<string>('arguments[0](document.readyState)', [])) !== 'complete') {
        if (Date.now() > deadline) throw new Error('the opened window did not finish loading');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (where.frame) await this.session.switchToFrame(await this.waitForElement(where.frame));
    try {
      await act();
    } finally {
      if (where.popup) await this.session.switchToWindow(main);
      else if (where.frame) await this.session.switchToParentFrame();
    }
  }

  // WebDriver deletes only the current document's cookies, so every cookie host is visited.
  async reset(visit?: string[]): Promise<void> {
    for (const url of visit ?? this.options.cookieResetUrls) {
      await this.open(url);
      await this.session.deleteAllCookies();
    }
  }

  /** A hung browser never answers quit: it gets 10 s, then the driver and its browser are killed. */
  async close(): Promise<void> {
    const quit = await settlesWithin(this.session.quit().catch(() => {}), 10_000);
    if (!quit && this.driver?.pid) for (const p of descendants(this.driver.pid)) killQuietly(p.pid);
    this.driver?.kill(quit ? 'SIGTERM' : 'SIGKILL');
    this.onClose?.();
  }
}
