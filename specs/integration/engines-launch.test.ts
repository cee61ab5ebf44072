// An engine that resolves but will not start must fail naming what to install, never skip, and a
// browser that dies while starting must fail its launch at once, saying so (these start processes,
// so they are not unit tests; resolution is, in specs/unit/engines.test.ts).

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { killQuietly } from '../../harness/engines/hung.ts';
import { launchEngine } from '../../harness/engines/launch.ts';
import { OVERRIDE_ENV } from '../../harness/engines/resolve.ts';

test('an executable that is not the browser fails at launch, naming what to install', async () => {
  process.env[OVERRIDE_ENV.chromium] = '/bin/false';
  try {
    await expect(launchEngine('chromium')).rejects.toThrow(/failed to start: .*the process exited with code 1.*apt-get install -y chromium/s);
  } finally {
    delete process.env[OVERRIDE_ENV.chromium];
  }
});

/**
 * Launches chromium with a shell script as its executable and checks the launch; `script` gets the
 * script's directory, where it may leave `child.pid`, a child to end afterwards.
 */
async function launchFakeChromium(script: (dir: string) => string, check: (launch: Promise<unknown>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-fake-browser-'));
  const executable = join(dir, 'chromium');
  writeFileSync(executable, `#!/bin/sh\n${script(dir)}`, { mode: 0o755 });
  process.env[OVERRIDE_ENV.chromium] = executable;
  try {
    await check(launchEngine('chromium'));
  } finally {
    delete process.env[OVERRIDE_ENV.chromium];
    if (existsSync(join(dir, 'child.pid'))) killQuietly(Number(readFileSync(join(dir, 'child.pid'), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a browser that exits at start is reported with its exit code and its last stderr line, not only Playwright's first line", async () => {
  await launchFakeChromium(
    () => 'echo "[1:1:ERROR] cannot open the display" >&2\nsleep 0.5\nexit 3\n',
    (launch) => expect(launch).rejects.toThrow(/failed to start: .*; the process exited with code 3; its last error line: \[1:1:ERROR\] cannot open the display\. Install/),
  );
});

test('a browser that exits while starting fails its launch within seconds, not after the 60 s launch timeout', async () => {
  // The "browser" ends after a second, leaving a child that holds the protocol pipe open, as a killed
  // Chromium's helpers do for a moment: Playwright alone would wait for an answer until its timeout.
  const started = Date.now();
  await launchFakeChromium(
    (dir) => `sleep 30 &\necho $! > ${dir}/child.pid\nsleep 1\n`,
    (launch) => expect(launch).rejects.toThrow(/exited while starting: the browser was killed or crashed/),
  );
  expect(Date.now() - started).toBeLessThan(10_000);
});
