// setup:browsers' options, usage and help (`npm run setup:browsers`, `cors-harness setup-browsers`),
// and the table of programs it installs besides the browsers.

import { defineCommand } from './command.ts';
import { INSTALL_HINT } from '../engines/resolve.ts';

/** Programs the test suite needs besides the browsers (Debian packages only). */
const REAL_SERVER = "certify's real-server tests";
export const TOOLS = [
  { name: 'nginx', path: '/usr/sbin/nginx', debian: 'nginx-light', why: REAL_SERVER },
  { name: 'apache2', path: '/usr/sbin/apache2', debian: 'apache2', why: REAL_SERVER },
  { name: 'lighttpd', path: '/usr/sbin/lighttpd', debian: 'lighttpd', why: REAL_SERVER },
  { name: 'iipsrv', path: '/usr/lib/iipimage-server/iipsrv.fcgi', debian: 'iipimage-server', why: REAL_SERVER },
  { name: 'caddy', path: '/usr/bin/caddy', debian: 'caddy', why: REAL_SERVER },
  { name: 'varnishd', path: '/usr/sbin/varnishd', debian: 'varnish', why: REAL_SERVER },
  { name: 'vips', path: '/usr/bin/vips', debian: 'libvips-tools', why: 'cutting the level-0 trees the real servers serve' },
  { name: 'libfaketime', path: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', debian: 'libfaketime', why: 'moving the browser clock in @slow scenarios' },
  { name: 'cc', path: '/usr/bin/cc', debian: 'gcc', why: 'moving the browser clock in @slow scenarios' },
  { name: 'redis-server', path: '/usr/bin/redis-server', debian: 'redis-server', why: "the hosted certify's queue test (--queue, --worker)" },
];

export const COMMAND = defineCommand({
  name: 'setup:browsers',
  usage: 'npm run setup:browsers -- [options]',
  summary: `Makes Chromium, Firefox and WebKit runnable for the harness: Playwright's builds where they can be
downloaded, otherwise Debian packages (${[...new Set(Object.values(INSTALL_HINT).flatMap((h) => h.debian))].join(', ')}).
Also installs what the tests need besides browsers: ${[...new Set(TOOLS.map((t) => t.why))].map((why) => `${TOOLS.filter((t) => t.why === why).map((t) => t.debian).join(' ')} (${why})`).join('; ')}.`,
  options: {
    check: { type: 'boolean', description: 'only report what is missing (exit 1 if anything is)' },
    'no-download': { type: 'boolean', description: "skip Playwright's download and go straight to system packages" },
    'engines-only': { type: 'boolean', description: "only the browser engines, not the servers and tools the test suite uses (what certify, bench and browser-server need)" },
    quiet: { type: 'boolean', description: 'print only what is missing and what is done about it (the npm scripts\' readiness check)' },
  },
  epilog: 'Engines follow CORS_ENGINES (default: all three).',
});
