// In-page functions: sent to the browser as source text, so each is self-contained (no imports,
// no closures) and returns only JSON. They report what page JavaScript can observe, nothing more.

export interface FetchArgs {
  url: string;
  init?: RequestInit;
}

export type FetchOutcome =
  | { kind: 'response'; type: string; status: number; body: string }
  | { kind: 'error'; name: string; message: string };

export async function fetchInPage({ url, init }: FetchArgs): Promise<FetchOutcome> {
  try {
    const response = await fetch(url, init);
    return { kind: 'response', type: response.type, status: response.status, body: await response.text() };
  } catch (error) {
    const e = error as Error;
    return { kind: 'error', name: e.name, message: e.message };
  }
}
