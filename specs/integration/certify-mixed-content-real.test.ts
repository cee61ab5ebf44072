// Mixed content against real nginx servers with a correct allow-list for https://viewer.example.org
// (nginxAllowList): `certify … --viewer-origin https://viewer.example.org` in every engine, the CLI
// as users run it. Each row's failing checks and root cause were written before running, from the
// URLs and the Mixed Content and Secure Contexts texts (and, on loopback, what the matrix records of
// WebKitGTK, specs/deviations.ts WEBKIT_LOOPBACK_FETCH):
//   - an http target on loopback: potentially trustworthy, so Chromium and Firefox pass; WebKit
//     blocks every fetch() (its <img> loads) → mixed-content, in webkit only;
//   - an http target on this machine's non-loopback address: not potentially trustworthy, so every
//     fetch() and every <img> (an IP host is never upgraded) is blocked → mixed-content everywhere;
//   - an https server whose base URI redirects to that http server → mixed-content-redirect, on the
//     base-URI check only, everywhere (the allow-list refuses the hop's Origin: null, a CORS reason
//     certify must not reach first);
//   - an https info.json whose id is http on that address → mixed-content on every check but the URL given.
// The CORS configuration is right in every row, so Node's checks pass and no answer is "intermittent".

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { remoteHost } from '../../fixtures/origins.ts';
import { LISTED_VIEWER_ORIGIN } from '../../fixtures/profiles.ts';
import { localCa } from '../../fixtures/tls.ts';
import { FIXES } from '../../harness/certify/fixes.ts';
import type { MixedContentCause } from '../../harness/certify/mixed-content.ts';
import type { CertifyReport } from '../../harness/certify/types.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import type { EngineName } from '../../contract/engine.ts';
import { certifyCli } from '../support/certify-cli.ts';
import { nginxAllowList, startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';

test.describe.configure({ mode: 'default', timeout: 400_000 });

/** The browser checks that apply to a level-0 tree given by its info.json, by how the page asks. */
const FETCH_CHECKS = ['info-json', 'info-json-profile-accept', 'base-uri-redirect', 'tile-fetch', 'error-unknown-identifier', 'error-invalid-region', 'auth-probe-bearer'];
const IMAGE_CHECKS = ['tile-cache-poisoning', 'tile-canvas'];
const EVERY_CHECK = [...FETCH_CHECKS, ...IMAGE_CHECKS];

interface Servers {
  loopback: Daemon;
  remote: Daemon;
  redirecting: Daemon;
  httpIds: Daemon;
}

interface MixedRow {
  name: string;
  target: (s: Servers) => string;
  cause: MixedContentCause;
  /** Browser checks that fail with `cause`, per engine (every other browser check passes or does not apply). */
  failing: Record<EngineName, string[]>;
  /** The http URL the fix must quote. */
  quotes: (s: Servers) => string;
}

const everywhere = (checks: string[]): Record<EngineName, string[]> => ({ chromium: checks, firefox: checks, webkit: checks });
const info = (d: Daemon) => `${d.origin}/iiif/v3/img/info.json`;

const ROWS: MixedRow[] = [
  { name: 'http target on loopback (127.0.0.1)', target: (s) => info(s.loopback), cause: 'mixed-content', failing: { chromium: [], firefox: [], webkit: FETCH_CHECKS }, quotes: (s) => s.loopback.origin },
  { name: 'http target on a non-loopback address', target: (s) => info(s.remote), cause: 'mixed-content', failing: everywhere(EVERY_CHECK), quotes: (s) => s.remote.origin },
  { name: 'https target whose base URI redirects to http (non-loopback)', target: (s) => info(s.redirecting), cause: 'mixed-content-redirect', failing: everywhere(['base-uri-redirect']), quotes: (s) => `${s.remote.origin}/iiif/v3/img/info.json` },
  { name: 'https info.json whose id is http (non-loopback)', target: (s) => info(s.httpIds), cause: 'mixed-content', failing: everywhere(EVERY_CHECK), quotes: (s) => s.remote.origin },
];

const engines = selectedEngines();
const env = () => ({ NODE_EXTRA_CA_CERTS: localCa().caFile });
let dir: string;
let servers: Servers;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const address = remoteHost();
  if (!address) throw new Error('This machine has no non-loopback IPv4 address: bring up a network interface, or name one of its addresses in CORS_REMOTE_HOST');
  dir = mkdtempSync(join(tmpdir(), 'certify-mixed-'));
  const trees = cutTrees(dir).trees;
  const ca = localCa();
  const keyFile = join(dir, 'leaf-key.pem');
  writeFileSync(keyFile, ca.fixtures.keyPem, { mode: 0o600 });
  const tls = { certFile: ca.fixtures.certFile, keyFile };
  const allow = nginxAllowList(LISTED_VIEWER_ORIGIN);
  const loopback = await startNginx(dir, trees, allow);
  const remote = await startNginx(dir, trees, { ...allow, alsoOn: address });
  // The base URI's 303 names the http server, as an https front does that builds Location from its backend's scheme.
  const redirectToHttp = allow.server.replace('return 303 /iiif/$1/$2/info.json', `return 303 ${remote.origin}/iiif/$1/$2/info.json`);
  const redirecting = await startNginx(dir, trees, { ...allow, server: redirectToHttp, tls });
  const httpIds = await startNginx(dir, trees, { ...allow, tls });
  const infoFile = join(httpIds.root!, 'iiif', 'v3', 'img', 'info.json');
  writeFileSync(infoFile, readFileSync(infoFile, 'utf8').replace(`${httpIds.origin}/iiif`, `${remote.origin}/iiif`));
  servers = { loopback, remote, redirecting, httpIds };
});
test.afterAll(async () => {
  for (const d of Object.values(servers ?? {})) await d.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const row of ROWS) {
  test(`mixed content from ${LISTED_VIEWER_ORIGIN} — ${row.name}`, async ({}, testInfo) => {
    // A server that ended by itself is the test's failure, not the target's (one CI run saw ECONNREFUSED from it).
    for (const [role, d] of Object.entries(servers)) expect(d.ended?.(), `the ${role} server ended before this row`).toBeUndefined();
    const json = join(dir, `${row.name.replace(/\W+/g, '-')}.json`);
    const { status, stdout, stderr } = await certifyCli([row.target(servers), '--viewer-origin', LISTED_VIEWER_ORIGIN, '--json', json, '--samples', '4'], env(), 360_000);
    const text = `${stdout}\n${stderr}`;
    await testInfo.attach('report', { body: text, contentType: 'text/plain' });
    expect(stderr).not.toMatch(/^\s+at |internal error/m);
    const affected = engines.filter((e) => row.failing[e].length);
    expect(status, text).toBe(affected.length ? 1 : 0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as CertifyReport;
    expect(report.engines.map((e) => e.project).sort(), text).toEqual([...engines].sort());
    // The one root cause, seen in exactly the engines expected, never a CORS cause or "intermittent".
    expect(report.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause), text).toEqual(affected.length ? [row.cause] : []);
    expect(stdout).not.toMatch(/intermittent|cached response/);
    for (const engine of engines) {
      const failed = report.checks.filter((c) => c.results[engine]?.status === 'fail').map((c) => c.id).sort();
      expect(failed, `${engine}\n${text}`).toEqual([...row.failing[engine]].sort());
      for (const c of report.checks) {
        const o = c.results[engine];
        if (o?.status === 'fail') expect(o.causes, `${c.id} [${engine}]`).toEqual([row.cause]);
        else if (o) expect(['pass', 'n/a'], `${c.id} [${engine}]: ${o.observed}`).toContain(o.status);
      }
    }
    // Node's own checks: the allow-list is right.
    for (const c of report.checks.filter((x) => x.kind === 'node')) expect(['pass', 'n/a'], `${c.id}: ${c.results.node?.observed}`).toContain(c.results.node?.status);
    if (!affected.length) return;
    const d = report.diagnoses[0]!;
    expect(new Set(Object.values(d.explains).flat()), text).toEqual(new Set(affected));
    expect(d.title).toBe(FIXES[row.cause].title);
    expect(d.observed, text).toContain(row.quotes(servers));
    expect(d.fix.server, text).toBe('nginx');
    expect(d.fix.text, text).toContain(row.quotes(servers));
    console.log(`${row.name}: ${affected.join(', ')}: ${d.observed}\n  fix: ${d.fix.text.split('\n').join('\n       ')}`);
  });
}
