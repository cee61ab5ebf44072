// The fixture server's options, usage and help (`npm run fixtures`, `cors-harness fixtures`).

import { defineCommand } from './command.ts';
import { HOST_ENV, PORT_ENV } from '../../fixtures/origins.ts';
import { FIXTURE_READY_LINE } from '../../contract/names.ts';

export const COMMAND = defineCommand({
  name: 'fixtures',
  usage: 'npm run fixtures -- [options]',
  summary: `Starts the CORS fixture server: one process, one port per origin role, loopback only unless
--host/--cross-site-host/--listen say otherwise (a remote browser must reach it). Every port
speaks http and https (certificate from the local CA in node_modules/.cache/cors-harness/tls,
made on first start; CORS_TLS_DIR moves it).`,
  options: {
    'viewer-port': { type: 'string', value: '<n>', description: 'port of the viewer origin (pages that make requests)', env: PORT_ENV.viewer },
    'image-port': { type: 'string', value: '<n>', description: 'port of the image-server origin', env: PORT_ENV.image },
    'other-port': { type: 'string', value: '<n>', description: 'port of the second cross-origin (redirect hops)', env: PORT_ENV.other },
    host: {
      type: 'string',
      value: '<name>',
      description: 'host name of the viewer, image and other origins instead of localhost, for a browser on another machine; also listened on',
      env: HOST_ENV.site,
    },
    'cross-site-host': {
      type: 'string',
      value: '<name>',
      description: 'host name of the cross-site image origin instead of 127.0.0.1: the same machine under another site (e.g. its IP address)',
      env: HOST_ENV.crossSite,
    },
    listen: { type: 'string', value: '<addr>', multiple: true, description: 'also listen on this address (e.g. 0.0.0.0); by default only loopback' },
    'exit-with': {
      type: 'string',
      value: '<pid>',
      description: "stop when process <pid> ends (Playwright's runner passes its own: a run killed with SIGKILL leaves no fixture server behind)",
    },
    quiet: { type: 'boolean', description: `print one line once listening ("${FIXTURE_READY_LINE}": what Playwright's webServer waits for), not the origins and profiles` },
  },
});
