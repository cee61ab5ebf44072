// A browser clock the harness moves forward while the browser runs, for the @slow scenarios
// (preflight-cache caps); engines launched without `clock` are untouched. A preload library reads
// the clock offset from a control file the harness rewrites; the browser's child processes inherit
// the environment, so the process that keeps the preflight cache sees the offset too:
//   Chromium: libfaketime, inherited by the network service (a child process).
//   WebKitGTK: libfaketime, set on WebKitWebDriver, inherited by MiniBrowser and its network process.
//   Firefox: libfaketime deadlocks at start (mozjemalloc reads the clock while initialising; the
//     first libfaketime call then allocates through dlsym/fopen and re-enters the allocator), so a
//     small shim (clock-shim.c) that never allocates is compiled with the system cc on first use.
//     Its content processes keep the real clock (their seccomp sandbox traps open()); the preflight
//     cache is in the parent process, which moves.
// The control file holds a relative offset in libfaketime's syntax ("+7210": 7210 s ahead), re-read
// every second or so; CLOCK_MONOTONIC moves too, which is what preflight caches measure with
// (Chromium base::TimeTicks, WebKit MonotonicTime, Firefox TimeStamp).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, perEngine } from './registry.ts';
import { EngineUnavailableError, type FakeClock } from './types.ts';
import type { EngineName } from '../../contract/engine.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const multiarch = arch() === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
export const LIBFAKETIME = `/usr/lib/${multiarch}/faketime/libfaketime.so.1`;
const SHIM_SOURCE = join(HERE, 'clock-shim.c');
const SHIM_CACHE = resolve(HERE, '../../node_modules/.cache/cors-harness/clock');
/** How often the preload re-reads the control file, in seconds. */
const REREAD_S = 1;
/**
 * How long a new offset takes to reach every process: libfaketime re-reads when more than
 * REREAD_S whole seconds have passed since its last read (up to 3 s), the shim within 1 s.
 */
const SETTLE_MS = 3500;

/** Set to 1 to run the @slow scenarios (playwright.config.ts leaves them out otherwise). */
export const SLOW_ENV = 'CORS_SLOW';

/** How each engine's clock is moved, in words (recorded with the @slow cells' evidence). */
export const CLOCK_METHOD: Record<EngineName, string> = perEngine((m) => m.clock.method);

export function fakeClock(engine: EngineName): FakeClock {
  const shim = ENGINES[engine].clock.preload === 'clock-shim';
  const preload = shim ? clockShim(engine) : libfaketime(engine);
  const dir = mkdtempSync(join(tmpdir(), 'cors-clock-'));
  const file = join(dir, 'offset');
  writeFileSync(file, '+0\n');
  let offset = 0;
  const set = async (seconds: number) => {
    offset = seconds;
    // Written whole and renamed into place: no process reads half an offset.
    writeFileSync(`${file}.tmp`, `+${seconds}\n`);
    renameSync(`${file}.tmp`, file);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  };
  const env: Record<string, string> =
    shim
      ? { LD_PRELOAD: preload, CORS_CLOCK_FILE: file }
      : { LD_PRELOAD: preload, FAKETIME_TIMESTAMP_FILE: file, FAKETIME_CACHE_DURATION: String(REREAD_S) };
  return {
    env,
    method: CLOCK_METHOD[engine],
    get offset() {
      return offset;
    },
    advance: (seconds) => set(offset + seconds),
    reset: () => set(0),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function libfaketime(engine: EngineName): string {
  if (!existsSync(LIBFAKETIME)) {
    throw new EngineUnavailableError(
      `${engine}: @slow scenarios move the browser's clock with libfaketime, which is not installed (${LIBFAKETIME} is missing). ` +
        'Install it with `apt-get install -y libfaketime` (or `npm run setup:browsers`).',
    );
  }
  return LIBFAKETIME;
}

/** clock-shim.c compiled once per source version into the cache directory. */
export function clockShim(engine: EngineName): string {
  const source = readFileSync(SHIM_SOURCE);
  const out = join(SHIM_CACHE, `clock-shim-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.so`);
  if (existsSync(out)) return out;
  mkdirSync(SHIM_CACHE, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-O2', '-o', tmp, SHIM_SOURCE], { encoding: 'utf8', timeout: 60_000 });
  if (cc.error || cc.status !== 0) {
    rmSync(tmp, { force: true });
    const why = (cc.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'no C compiler (cc) is installed' : `cc failed: ${(cc.stderr || String(cc.error)).trim()}`;
    throw new EngineUnavailableError(
      `${engine}: @slow scenarios move the browser's clock with a small preload shim (${SHIM_SOURCE}) compiled on first use, and ${why}. ` +
        'Install a compiler with `apt-get install -y gcc` (or `npm run setup:browsers`).',
    );
  }
  renameSync(tmp, out);
  return out;
}
