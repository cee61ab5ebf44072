// Node-side requests to a server we do not own: only GET, HEAD and OPTIONS, no credentials,
// a timeout on every request (headers and body), a cap on body size and redirects, and a budget
// on the total number of requests, so a slow-drip, looping or huge target ends in bounded time.

import { type Dispatcher, fetch as undiciFetch } from 'undici';
import { certificateProblem, isCertificateCode } from './tls-words.ts';

export class TargetError extends Error {
  override name = 'TargetError';
  /** Set when the server's certificate failed verification: the code and the URL (tls-refusal.ts says the rest). */
  constructor(
    message: string,
    readonly certificate?: { code: string; url: string },
  ) {
    super(message);
  }
}

export interface SafeFetchLimits {
  timeoutMs: number;
  maxBodyBytes: number;
  maxRequests: number;
}

/** undici's codes for a connection closed by the other side before an answer (a dropped keep-alive socket). */
const CLOSED_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const SOCKET_ATTEMPTS = 3;

export const DEFAULT_LIMITS: SafeFetchLimits = { timeoutMs: 10_000, maxBodyBytes: 4 * 1024 * 1024, maxRequests: 400 };

export interface SafeResponse {
  url: string;
  status: number;
  /** Header values as received; duplicates joined with ", " (so a duplicated ACAO shows as a list). */
  headers: Headers;
  body: Uint8Array;
  truncated: boolean;
}

export class SafeFetch {
  private used = 0;
  private stopped: string | undefined;
  /** `dispatcher`: where connections are made (the hosted service's address guard); default Node's own. */
  constructor(
    readonly limits: SafeFetchLimits = DEFAULT_LIMITS,
    private readonly dispatcher?: Dispatcher,
  ) {}

  /** Every later request fails with `reason` (a cancelled or timed-out run). */
  stop(reason: string): void {
    this.stopped = reason;
  }

  get requestsMade(): number {
    return this.used;
  }

  /**
   * One request, no redirect following. A connection the server closed under it (a kept-alive
   * socket it had dropped: its keep-alive timeout or request limit, under load) is a transient,
   * not an answer: the request (GET, HEAD, OPTIONS: idempotent) is sent again on a new
   * connection, at most SOCKET_ATTEMPTS times in all, each within the budget.
   */
  async request(method: 'GET' | 'HEAD' | 'OPTIONS', url: string, headers: Record<string, string> = {}): Promise<SafeResponse> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) throw new TargetError(this.stopped);
      if (++this.used > this.limits.maxRequests) throw new TargetError(`request budget of ${this.limits.maxRequests} exhausted`);
      const signal = AbortSignal.timeout(this.limits.timeoutMs);
      let response: Response;
      try {
        const init = { method, headers, redirect: 'manual', credentials: 'omit', signal } as const;
        response = this.dispatcher ? ((await undiciFetch(url, { ...init, dispatcher: this.dispatcher })) as unknown as Response) : await fetch(url, init);
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string; name?: string } }).cause;
        // The address guard's refusal is a target error users must read whole.
        if (cause?.name === 'RefusedTargetError') throw new TargetError(`${method} ${url}: ${cause.message}`);
        const timedOut = (error as Error).name === 'TimeoutError';
        if (!timedOut && CLOSED_SOCKET.has(cause?.code ?? '') && attempt < SOCKET_ATTEMPTS) continue;
        const why = timedOut ? `no response within ${this.limits.timeoutMs / 1000} s` : (certificateProblem(cause?.code) ?? cause?.code ?? cause?.message ?? (error as Error).message);
        const retried = !timedOut && CLOSED_SOCKET.has(cause?.code ?? '') ? ` (${SOCKET_ATTEMPTS} connections, each closed by the server)` : '';
        throw new TargetError(`${method} ${url}: ${why}${retried}`, isCertificateCode(cause?.code) ? { code: cause.code, url } : undefined);
      }
      const { body, truncated } = await readBounded(response, this.limits.maxBodyBytes, signal);
      return { url, status: response.status, headers: response.headers, body, truncated };
    }
  }

  /** GET following redirects by hand (at most `maxHops`), returning every hop. */
  async follow(url: string, headers: Record<string, string> = {}, maxHops = 10): Promise<SafeResponse[]> {
    const hops: SafeResponse[] = [];
    let next = url;
    for (let i = 0; i <= maxHops; i++) {
      const response = await this.request('GET', next, headers);
      hops.push(response);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return hops;
      // A Location that is not a URL ends the chain as the browser ends it: a network error, named.
      if (!URL.canParse(location, next)) throw new TargetError(`${next} redirects (${response.status}) to "${location}", which is not a URL`);
      next = new URL(location, next).href;
    }
    throw new TargetError(`more than ${maxHops} redirects starting at ${url}`);
  }
}

async function readBounded(response: Response, maxBytes: number, signal: AbortSignal): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!response.body) return { body: new Uint8Array(), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (true) {
      if (signal.aborted) throw new TargetError(`${response.url}: body not complete within the time limit`);
      const { done, value } = await reader.read();
      if (done) return { body: concat(chunks, size), truncated: false };
      chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { body: concat(chunks, size), truncated: true };
      }
    }
  } catch (error) {
    if (error instanceof TargetError) throw error;
    const why = (error as Error).message;
    // Aborted is our time limit; anything else is the server ending the connection mid-body (not retried: part of the answer came).
    if (signal.aborted) throw new TargetError(`${response.url}: body not complete within the time limit (${why})`);
    throw new TargetError(`${response.url}: the server closed the connection before the whole body arrived (${why})`);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export const bodyText = (r: SafeResponse) => new TextDecoder().decode(r.body);
