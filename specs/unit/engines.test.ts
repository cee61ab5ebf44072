// A missing engine must fail with a message that says what to install, never skip (resolution is
// file-system inspection; a launch that fails is in specs/integration/engines-launch.test.ts).

import { expect, test } from '../support/browserless.ts';
import { OVERRIDE_ENV, resolveEngine } from '../../harness/engines/resolve.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { launchFailure } from '../../harness/engines/playwright-engine.ts';
import { EngineUnavailableError } from '../../harness/engines/types.ts';
import { ENGINE_NAMES } from '../../contract/engine.ts';

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
  expect(selectedEngines(undefined)).toEqual([...ENGINE_NAMES]); // every engine, in ENGINE_NAMES order
  expect(selectedEngines(' WebKit , chromium ')).toEqual(['chromium', 'webkit']);
  expect(() => selectedEngines('chromium,safari')).toThrow(/unknown engine\(s\) safari/);
});

test('a failed launch is told by its first line, how the process ended and its last stderr line, not the call log', () => {
  const sandbox = '[31:31:1201/034810.692605:ERROR:zygote_host_impl_linux.cc:103] Running as root without --no-sandbox is not supported.';
  const playwrightMessage = [
    'browserType.launchPersistentContext: Target page, context or browser has been closed',
    'Browser logs:',
    '',
    '<launching> /usr/bin/chromium --disable-field-trial-config --user-data-dir=/tmp/p --remote-debugging-pipe about:blank',
    '<launched> pid=31',
    `[pid=31][err] ${sandbox}`,
    'Call log:',
    '\x1b[2m  - [pid=31] <process did exit: exitCode=1, signal=null>\x1b[22m',
  ].join('\n');
  expect(launchFailure(new Error(playwrightMessage))).toBe(
    `browserType.launchPersistentContext: Target page, context or browser has been closed; the process exited with code 1; its last error line: ${sandbox}`,
  );
  expect(launchFailure(new Error('Timeout 60000ms exceeded.\nCall log:\n  - [pid=9] <process did exit: exitCode=null, signal=SIGKILL>'))).toBe(
    'Timeout 60000ms exceeded; the process was killed by SIGKILL',
  );
});

test('an engine-unavailable error carries no stack: its message is the cause and the fix', () => {
  expect(new EngineUnavailableError('chromium: install it').stack).toBe('EngineUnavailableError: chromium: install it');
});
