// An engine that resolves but will not start must fail naming what to install, never skip, and a
// browser that dies while starting must fail its launch at once, saying so (these start processes,
// so they are not unit tests; resolution is, in specs/unit/engines.test.ts).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

test("a browser that exits at start is reported with its exit code and its last stderr line, not only Playwright's first line", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-failing-browser-'));
  const executable = join(dir, 'chromium');
  writeFileSync(executable, '#!/bin/sh\necho "[1:1:ERROR] cannot open the display" >&2\nsleep 0.5\nexit 3\n', { mode: 0o755 });
  process.env[OVERRIDE_ENV.chromium] = executable;
  try {
    await expect(launchEngine('chromium')).rejects.toThrow(/failed to start: .*; the process exited with code 3; its last error line: \[1:1:ERROR\] cannot open the display\. Install/);
  } finally {
    delete process.env[OVERRIDE_ENV.chromium];
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a browser that exits while starting fails its launch within seconds, not after the 60 s launch timeout', async () => {
  // The "browser" ends after a second, leaving a child that holds the protocol pipe open, as a killed
  // Chromium's helpers do for a moment: Playwright alone would wait for an answer until its timeout.
  const dir = mkdtempSync(join(tmpdir(), 'cors-dying-browser-'));
  const executable = join(dir, 'chromium');
  writeFileSync(executable, `#!/bin/sh\nsleep 30 &\necho $! > ${dir}/child.pid\nsleep 1\n`, { mode: 0o755 });
  process.env[OVERRIDE_ENV.chromium] = executable;
  const started = Date.now();
  try {
    await expect(launchEngine('chromium')).rejects.toThrow(/exited while starting: the browser was killed or crashed/);
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    delete process.env[OVERRIDE_ENV.chromium];
    killQuietly(Number(readFileSync(join(dir, 'child.pid'), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
  }
});
