// Runs a batch of scenario actions inside one page, one after another, with performAction
// (actions.ts). Two in-page functions: startBatch begins the loop and returns at once;
// collectBatch waits (up to waitMs) for it to finish and returns every result so far. Polling keeps
// each call short (WebDriver scripts time out after 60 s), and a page that dies mid-batch still
// leaves the results collected before.

import type { BatchItem, BatchResult } from '../../contract/page.ts';

interface BatchState {
  results: BatchResult[];
  done: boolean;
  finished: Promise<void>;
}

/** Starts the loop. `perform` is performAction's source (installed once per document). */
export function startBatch({ perform, items }: { perform: string; items: BatchItem[] }): number {
  const g = globalThis as unknown as { __name?: unknown; __corsPerform?: (a: unknown) => Promise<unknown>; __corsBatch?: BatchState };
  // esbuild (tsx) keeps function names with a `__name` helper the page does not have.
  g.__name ??= (f: unknown) => f;
  (g as { __name2?: unknown }).__name2 ??= (f: unknown) => f;
  g.__corsPerform ??= (0, eval)(`(${perform})`) as (a: unknown) => Promise<unknown>;
  const run = g.__corsPerform;
  const state = { results: [], done: false } as unknown as BatchState;
  state.finished = (async () => {
    for (const { id, action } of items) {
      try {
        state.results.push({ id, observed: (await run(action)) as never });
      } catch (e) {
        state.results.push({ id, error: String((e as Error)?.message ?? e) });
      }
    }
    state.done = true;
  })();
  g.__corsBatch = state;
  return items.length;
}

/** Waits until the batch is done or `waitMs` passed; returns the results so far. */
export async function collectBatch({ waitMs }: { waitMs: number }): Promise<{ done: boolean; results: BatchResult[] }> {
  const state = (globalThis as unknown as { __corsBatch?: BatchState }).__corsBatch;
  if (!state) return { done: true, results: [] };
  await Promise.race([state.finished, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  return { done: state.done, results: state.results };
}
