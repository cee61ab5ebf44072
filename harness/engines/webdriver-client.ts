// The handful of classic W3C WebDriver commands the probe needs, over fetch. Every call has a
// timeout, so a wedged driver ends a test with a message instead of hanging the run.

export class WebDriverError extends Error {
  override name = 'WebDriverError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface NewSession {
  sessionId: string;
  capabilities: Record<string, unknown> & { browserName?: string; browserVersion?: string };
}

export class WebDriverClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 90_000,
  ) {}

  async command<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new WebDriverError('driver unreachable', `${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let parsed: { value?: unknown };
    try {
      parsed = JSON.parse(text) as { value?: unknown };
    } catch {
      throw new WebDriverError('bad response', `${method} ${path} → ${response.status}: ${text.slice(0, 200)}`);
    }
    const value = parsed.value as { error?: string; message?: string } | undefined;
    if (!response.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
      throw new WebDriverError(value?.error ?? `HTTP ${response.status}`, value?.message ?? text.slice(0, 200));
    }
    return parsed.value as T;
  }

  async ready(): Promise<boolean> {
    try {
      return (await this.command<{ ready: boolean }>('GET', '/status', undefined, 2000)).ready;
    } catch {
      return false;
    }
  }

  newSession(alwaysMatch: Record<string, unknown>): Promise<NewSession> {
    return this.command('POST', '/session', { capabilities: { alwaysMatch } });
  }
}

/** The key of a web element reference (W3C WebDriver). */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverSession {
  constructor(
    readonly client: WebDriverClient,
    readonly id: string,
  ) {}

  navigate(url: string): Promise<void> {
    return this.client.command('POST', `/session/${this.id}/url`, { url });
  }

  executeAsync<T>(script: string, args: unknown[]): Promise<T> {
    return this.client.command('POST', `/session/${this.id}/execute/async`, { script, args });
  }

  /** Take Screenshot: the viewport as a base64 PNG. */
  screenshot(): Promise<string> {
    return this.client.command('GET', `/session/${this.id}/screenshot`);
  }

  /** Find Element by CSS selector in the current browsing context: its web element reference. */
  async findElement(selector: string): Promise<Record<string, string>> {
    return this.client.command('POST', `/session/${this.id}/element`, { using: 'css selector', value: selector });
  }

  private elementId(element: Record<string, string>): string {
    return element[ELEMENT_KEY]!;
  }

  /** Element Click: the driver's own pointer input (a user gesture). */
  elementClick(element: Record<string, string>): Promise<void> {
    return this.client.command('POST', `/session/${this.id}/element/${this.elementId(element)}/click`, {});
  }

  elementSendKeys(element: Record<string, string>, text: string): Promise<void> {
    return this.client.command('POST', `/session/${this.id}/element/${this.elementId(element)}/value`, { text });
  }

  windowHandle(): Promise<string> {
    return this.client.command('GET', `/session/${this.id}/window`);
  }

  windowHandles(): Promise<string[]> {
    return this.client.command('GET', `/session/${this.id}/window/handles`);
  }

  switchToWindow(handle: string): Promise<void> {
    return this.client.command('POST', `/session/${this.id}/window`, { handle });
  }

  closeWindow(): Promise<string[]> {
    return this.client.command('DELETE', `/session/${this.id}/window`);
  }

  switchToFrame(element: Record<string, string>): Promise<void> {
    return this.client.command('POST', `/session/${this.id}/frame`, { id: element });
  }

  switchToParentFrame(): Promise<void> {
    return this.client.command('POST', `/session/${this.id}/frame/parent`, {});
  }

  deleteAllCookies(): Promise<void> {
    return this.client.command('DELETE', `/session/${this.id}/cookie`);
  }

  async quit(): Promise<void> {
    await this.client.command('DELETE', `/session/${this.id}`, undefined, 15_000).catch(() => {});
  }
}
