// An X display for engines that need one (WebKitGTK always; Firefox because only headed Firefox
// has WebGL). Uses $DISPLAY when set, otherwise starts a private Xvfb and stops it when released.

import { type ChildProcess, spawn } from 'node:child_process';
import { reapOnExit } from './child-reaper.ts';
import { helpersDetached } from './terminal-signals.ts';
import { EngineUnavailableError } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';

export interface Display {
  /** Value for $DISPLAY, e.g. ":99". */
  display: string;
  release(): Promise<void>;
}

let shared: { display: string; xvfb: ChildProcess; users: number } | undefined;

export async function acquireDisplay(forEngine: EngineName): Promise<Display> {
  const existing = process.env.DISPLAY;
  if (existing) return { display: existing, release: async () => {} };
  if (!shared) shared = { ...(await startXvfb(forEngine)), users: 0 };
  const mine = shared;
  mine.users++;
  let released = false;
  return {
    display: mine.display,
    release: async () => {
      if (released) return;
      released = true;
      if (--mine.users > 0) return;
      if (shared === mine) shared = undefined;
      await stop(mine.xvfb);
    },
  };
}

function startXvfb(forEngine: EngineName): Promise<{ display: string; xvfb: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      detached: helpersDetached(),
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(`Xvfb did not report a display within 15 s. ${err.trim()}`), 15_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      xvfb.kill('SIGKILL');
      reject(new EngineUnavailableError(`${forEngine} needs an X display and DISPLAY is unset; ${why}`));
    };
    xvfb.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'ENOENT' ? 'Xvfb is not installed: `apt-get install -y xvfb xauth` (or `npm run setup:browsers`).' : e.message),
    );
    xvfb.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    xvfb.stdio[3]!.on('data', (d: Buffer) => {
      out += d.toString();
      const n = out.match(/^(\d+)\n/)?.[1];
      if (n === undefined) return;
      clearTimeout(timer);
      resolve({ display: `:${n}`, xvfb });
    });
    xvfb.once('exit', (code) => fail(`Xvfb exited (${code}) before it was ready. ${err.trim()}`));
    reapOnExit(xvfb);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
