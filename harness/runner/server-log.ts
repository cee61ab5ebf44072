// Reads the fixture server's request log over its control endpoints: the evidence of what the
// browser really sent (preflights included, which no Playwright event shows).

import { CONTROL_PATHS } from '../../contract/names.ts';
import type { LoggedRequest } from '../../contract/server.ts';
import type { RequestLog } from '../scenarios/run.ts';


/** Tokens per /logs request: keeps the URL far below any request-line limit. */
const TOKENS_PER_REQUEST = 100;

export class ServerLog implements RequestLog {
  constructor(private readonly controlOrigin: string) {}

  async forToken(token: string): Promise<LoggedRequest[]> {
    return (await this.get<{ requests: LoggedRequest[] }>(`${CONTROL_PATHS.log}?token=${encodeURIComponent(token)}`)).requests;
  }

  /** Every token's log in one request (per hundred tokens): a batch's evidence. */
  async forTokens(tokens: readonly string[]): Promise<Map<string, LoggedRequest[]>> {
    const logs = new Map<string, LoggedRequest[]>();
    for (let i = 0; i < tokens.length; i += TOKENS_PER_REQUEST) {
      const query = tokens.slice(i, i + TOKENS_PER_REQUEST).map((t) => `token=${encodeURIComponent(t)}`).join('&');
      const { logs: page } = await this.get<{ logs: Record<string, LoggedRequest[]> }>(`${CONTROL_PATHS.logs}?${query}`);
      for (const [token, requests] of Object.entries(page)) logs.set(token, requests);
    }
    return logs;
  }

  private async get<T>(pathAndQuery: string): Promise<T> {
    const url = `${this.controlOrigin}${pathAndQuery}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`request log unavailable: GET ${url} → ${response.status}`);
    return (await response.json()) as T;
  }
}
