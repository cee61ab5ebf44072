// An engine that failed to start twice in a run fails the rest of its project at once, with the
// last failure's words; a launch choice of its own (a moved clock) is counted apart, and an error
// that is not "could not start" (a bug of ours) never counts.

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/browserless.ts';
import { knownUnavailable, markRun, rememberUnavailable } from '../../harness/runner/unavailable-engines.ts';
import { EngineUnavailableError } from '../../harness/engines/types.ts';

test('twice unavailable: not tried again in this run', () => {
  const outer = process.env.CORS_HARNESS_RUN;
  delete process.env.CORS_HARNESS_RUN;
  markRun();
  const folder = join(tmpdir(), `cors-harness-run-${process.env.CORS_HARNESS_RUN}`);
  try {
    const refused = new EngineUnavailableError('webkit: no session from the WebDriver remote end: session not created');
    expect(knownUnavailable('webkit', 'default')).toBeUndefined();
    rememberUnavailable('webkit', 'default', refused);
    expect(knownUnavailable('webkit', 'default'), 'one failure may be a transient').toBeUndefined();
    rememberUnavailable('webkit', 'default', new Error('a bug of ours'));
    expect(knownUnavailable('webkit', 'default'), 'only EngineUnavailableError counts').toBeUndefined();
    rememberUnavailable('webkit', 'default', refused);
    const known = knownUnavailable('webkit', 'default');
    expect(known).toBeInstanceOf(EngineUnavailableError);
    expect(known!.message).toContain('session not created');
    expect(known!.message).toContain('failed to start 2 times in this run');
    expect(knownUnavailable('webkit', '{"clock":true}'), 'another launch choice counts apart').toBeUndefined();
    expect(knownUnavailable('firefox', 'default')).toBeUndefined();
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (outer === undefined) delete process.env.CORS_HARNESS_RUN;
    else process.env.CORS_HARNESS_RUN = outer;
  }
});

test('a worker belongs to its runner\'s run; a runner a test starts (not the runner\'s child) starts its own', () => {
  const outer = process.env.CORS_HARNESS_RUN;
  expect(Number(outer?.split('-')[0]), 'this worker is the runner\'s child').toBe(process.ppid);
  markRun();
  expect(process.env.CORS_HARNESS_RUN, 'a worker keeps the run').toBe(outer);
  // As a `playwright test` started by a test sees it: inherited, but from a process not its parent.
  process.env.CORS_HARNESS_RUN = `${process.ppid + 1_000_000}-1`;
  try {
    markRun();
    expect(process.env.CORS_HARNESS_RUN).toMatch(new RegExp(`^${process.pid}-\\d+$`));
  } finally {
    rmSync(join(tmpdir(), `cors-harness-run-${process.env.CORS_HARNESS_RUN}`), { recursive: true, force: true });
    process.env.CORS_HARNESS_RUN = outer;
  }
});
