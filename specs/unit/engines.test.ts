// A missing engine must fail with a message that says what to install, never skip (resolution is
// file-system inspection; a launch that fails is in specs/integration/engines-launch.test.ts).

import { expect, test } from '../support/browserless.ts';
import { OVERRIDE_ENV, resolveEngine } from '../../harness/engines/resolve.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { ENGINE_NAMES, EngineUnavailableError } from '../../harness/engines/types.ts';

for (const engine of ENGINE_NAMES) {
  test(`${engine}: a wrong executable names what to install`, async () => {
    const env = { ...process.env, [OVERRIDE_ENV[engine]]: '/nonexistent/browser' };
    const error = (() => {
      try {
        resolveEngine(engine, env);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EngineUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('/nonexistent/browser');
    expect(message).toContain(`npx playwright install ${engine}`);
    expect(message).toMatch(/apt-get install -y \S+/);
  });
}

test('CORS_ENGINES selects engines and rejects unknown names', () => {
  expect(selectedEngines(undefined)).toEqual(['chromium', 'firefox', 'webkit']);
  expect(selectedEngines(' WebKit , chromium ')).toEqual(['chromium', 'webkit']);
  expect(() => selectedEngines('chromium,safari')).toThrow(/unknown engine\(s\) safari/);
});
