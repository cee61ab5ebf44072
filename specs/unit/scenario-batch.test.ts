// The in-page batch, browserless: a fake probe stands in for the page. Every scenario of a batch
// gets a result; when the page dies mid-batch, the ones it had not finished say so, and the ones
// it had finished keep their observations. Setup cookies are set one visit per host.

import { expect, test } from '../support/browserless.ts';
import { originsFor } from '../../fixtures/origins.ts';
import type { BatchItem } from '../../contract/page.ts';
import type { LoggedRequest } from '../../contract/server.ts';
import type { Probe } from '../../harness/engines/types.ts';
import { collectBatch, startBatch } from '../../harness/in-page/batch.ts';
import { runBatch } from '../../harness/scenarios/run.ts';
import { CATALOGUE_GREP, runSelection } from '../../harness/runner/selection.ts';
import type { ServerLog } from '../../harness/runner/server-log.ts';
import { FAMILY_TABLES } from '../scenarios/index.ts';

const ports = { viewer: 1, image: 2, other: 3 };
const originsByScheme = { http: originsFor(ports), https: originsFor(ports, 'https') };

function fakes(collect: (items: BatchItem[], call: number) => unknown) {
  const visits: string[] = [];
  let items: BatchItem[] = [];
  let calls = 0;
  const probe = {
    open: async (url: string) => void visits.push(url),
    visit: async (url: string) => void visits.push(url),
    reset: async () => void visits.push('reset'),
    run: async (fn: unknown, args: unknown) => {
      if (fn === startBatch) items = (args as { items: BatchItem[] }).items;
      else if (fn === collectBatch) return collect(items, calls++);
      else return (args as unknown[]).map(() => true); // setup cookies: all stored
      return items.length;
    },
  } as unknown as Probe;
  const serverLog = { forTokens: async (tokens: string[]) => new Map(tokens.map((t): [string, LoggedRequest[]] => [t, []])) } as unknown as ServerLog;
  return { env: { probe, originsByScheme, serverLog, project: 'chromium' }, visits };
}

const simple = FAMILY_TABLES.simple.filter((s) => !s.scheme && !s.setup).slice(0, 3);

test('a page that dies mid-batch: finished scenarios keep their observation, the rest are errors that say why', async () => {
  const { env } = fakes((items, call) => {
    if (call === 0) return { done: false, results: [{ id: items[0]!.id, observed: { result: 'blocked' } }] };
    throw new Error('Target page, context or browser has been closed\n  at …');
  });
  const runs = await runBatch(simple, env);
  expect([...runs.keys()]).toEqual(simple.map((s) => s.id));
  expect(runs.get(simple[0]!.id)).toMatchObject({ observed: { result: 'blocked' } });
  for (const s of simple.slice(1)) {
    expect(runs.get(s.id)?.error).toBe('batch aborted after 1 of 3 scenarios: Target page, context or browser has been closed');
  }
  // Every scenario has its own token, in its resolved URL.
  const tokens = [...runs.values()].map((r) => r.ctx.token);
  expect(new Set(tokens).size).toBe(3);
  for (const r of runs.values()) expect('url' in r.action && r.action.url).toContain(r.ctx.token);
});

test('setup cookies: one visit per host for the whole batch, then one page per scheme', async () => {
  const withSetup = FAMILY_TABLES.credentialed.filter((s) => s.setup?.cookie && (s.isolation ?? 'token') === 'token');
  const { env, visits } = fakes((items) => ({ done: true, results: items.map((i) => ({ id: i.id, observed: { result: 'readable' } })) }));
  const runs = await runBatch(withSetup, env);
  expect([...runs.values()].every((r) => r.observed?.result === 'readable')).toBe(true);
  expect(new Set(visits).size).toBe(visits.length);
  expect(visits.length).toBeLessThan(withSetup.length);
});

test('the cookie rows: one batch, the jar cleared once before any of their setup cookies', async () => {
  const cookieRows = FAMILY_TABLES.credentialed.filter((s) => s.isolation === 'cookies' && !s.scheme);
  expect(cookieRows.length).toBeGreaterThan(3);
  const { env, visits } = fakes((items) => ({ done: true, results: items.map((i) => ({ id: i.id, observed: { result: 'readable' } })) }));
  const runs = await runBatch(cookieRows, env, { clearCookies: true });
  expect(visits[0]).toBe('reset');
  expect(visits.filter((v) => v === 'reset')).toHaveLength(1);
  expect([...runs.values()].every((r) => r.observed?.result === 'readable')).toBe(true);
  expect(new Set([...runs.values()].map((r) => r.ctx.token)).size).toBe(cookieRows.length);
});

test("run info's selection: npm run matrix's own family grep is a complete run, a user's --grep or a missing project is not", () => {
  const config = (argv: string[]) => ({ argv: ['node', 'playwright', 'test', ...argv], shard: null }) as unknown as Parameters<typeof runSelection>[0];
  const all = ['chromium', 'firefox', 'webkit'];
  expect(runSelection(config(['--grep', CATALOGUE_GREP]), all, all, 9).complete).toBe(true);
  expect(runSelection(config(['--grep', 'simple/no-acao']), all, all, 3)).toEqual({ complete: false, projects: all, grep: 'simple/no-acao', grepInvert: null, cells: 3 });
  expect(runSelection(config(['--grep-invert=@https']), all, all, 6).grepInvert).toBe('@https');
  expect(runSelection(config([]), ['chromium'], all, 3).complete).toBe(false);
  // A merge of shard blobs has no --grep of its own: the selection the shards' tests recorded counts.
  const shards = [{ grep: ['simple/no-acao'], grepInvert: [] }, { grep: ['simple/no-acao'], grepInvert: [] }];
  expect(runSelection(config(['merge-reports']), all, all, 3, shards)).toEqual({ complete: false, projects: all, grep: 'simple/no-acao', grepInvert: null, cells: 3 });
  expect(runSelection(config(['merge-reports']), all, all, 9, [{ grep: [CATALOGUE_GREP], grepInvert: [] }]).complete).toBe(true);
});
