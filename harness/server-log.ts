// Reads the fixture server's request log over its control endpoint: the evidence of what the
// browser really sent (preflights included, which no Playwright event shows).

import { CONTROL_PREFIX } from '../fixtures/app.ts';
import type { LoggedRequest } from '../fixtures/request-log.ts';

export type { LoggedRequest };

export class ServerLog {
  constructor(private readonly controlOrigin: string) {}

  async forToken(token: string): Promise<LoggedRequest[]> {
    const url = `${this.controlOrigin}${CONTROL_PREFIX}/log?token=${encodeURIComponent(token)}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`request log unavailable: GET ${url} → ${response.status}`);
    return ((await response.json()) as { requests: LoggedRequest[] }).requests;
  }
}
