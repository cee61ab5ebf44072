// An engine that resolves but will not start must fail naming what to install, never skip (this
// one starts a process, so it is not a unit test; resolution is, in specs/unit/engines.test.ts).

import { expect, test } from '@playwright/test';
import { launchEngine } from '../../harness/engines/launch.ts';
import { OVERRIDE_ENV } from '../../harness/engines/resolve.ts';

test('an executable that is not the browser fails at launch, naming what to install', async () => {
  process.env[OVERRIDE_ENV.chromium] = '/bin/false';
  try {
    await expect(launchEngine('chromium')).rejects.toThrow(/failed to start.*apt-get install -y chromium/s);
  } finally {
    delete process.env[OVERRIDE_ENV.chromium];
  }
});
