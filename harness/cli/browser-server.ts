// browser-server's options, usage and help (`npm run browser-server`, `cors-harness browser-server`).

import { defineCommand, wholeNumber } from './command.ts';
import { CONNECT_ENV } from '../engines/remote.ts';

export const COMMAND = defineCommand({
  name: 'browser-server',
  usage: 'npm run browser-server -- <chromium|firefox> [--host <addr>] [--port <n>]',
  summary: `Starts a Playwright browser server with the browser and switches a local run would use, and prints
the variable that points the harness at it (on the machine that runs the tests):

  ${CONNECT_ENV.chromium}=ws://<this-host>:<port>/<path> npx playwright test --project chromium`,
  options: {
    host: { type: 'string', value: '<addr>', description: 'address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)' },
    port: { type: 'string', value: '<n>', description: 'port to listen on (default: one the kernel picks)', parse: wholeNumber('port', 0, 65535) },
  },
  positionals: { min: 1, max: 1, name: 'the engine (chromium or firefox)' },
  epilog: `
WebKitGTK has no Playwright server: run \`WebKitWebDriver --host=all --port=4444\` and set
${CONNECT_ENV.webkit}=http://<host>:4444 instead.`,
});
