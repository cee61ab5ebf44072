// Collection mode keeps one browsing state per engine and forgets cookies between services, but no
// driver can clear HSTS: after a service whose server sent Strict-Transport-Security, the next one
// is certified in fresh probes (a new profile or WebDriver session; docs/certify-collection.md §4).
// Two real https nginx servers with the same tree, one adding Strict-Transport-Security: certify
// --list of three services on each, in every selected engine. Expected from the configurations:
// every service passes both times (one group, two representatives certified in the engines); the
// HSTS server's run certifies its second representative in fresh probes, the other never starts any.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectionContract } from '../../contract/validate.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import { certifyCli } from '../support/certify-cli.ts';
import { NGINX_BASE, nginxOptions, startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';
import { localCa } from '../../fixtures/tls.ts';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const HSTS = '      add_header Strict-Transport-Security "max-age=600" always;';
const CORS = `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;`;

let dir: string;
const servers: Record<'hsts' | 'plain', { daemon: Daemon; list: string }> = {} as never;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'certify-hsts-'));
  const { trees } = cutTrees(dir);
  // https://localhost:<port> with a leaf of the local CA, which certify's engines trust (and Node, by NODE_EXTRA_CA_CERTS).
  const ca = localCa();
  const keyFile = join(dir, 'leaf-key.pem');
  writeFileSync(keyFile, ca.fixtures.keyPem, { mode: 0o600 });
  const tls = { certFile: ca.fixtures.certFile, keyFile };
  for (const [name, iiif] of [['hsts', `${CORS}\n${HSTS}`], ['plain', CORS]] as const) {
    const daemon = await startNginx(dir, trees, { server: NGINX_BASE, iiif, tls });
    const urls = [1, 2, 3].map((k) => {
      const from = join(daemon.root!, 'iiif', 'v3', 'img');
      const to = join(daemon.root!, 'iiif', 'v3', `img-${k}`);
      cpSync(from, to, { recursive: true });
      writeFileSync(join(to, 'info.json'), readFileSync(join(from, 'info.json'), 'utf8').replace(/\/iiif\/v3\/img"/, `/iiif/v3/img-${k}"`));
      return `${daemon.origin}/iiif/v3/img-${k}/info.json`;
    });
    const list = join(dir, `${name}.txt`);
    writeFileSync(list, `${urls.join('\n')}\n`);
    servers[name] = { daemon, list };
  }
});

test.afterAll(async () => {
  for (const s of Object.values(servers)) await s.daemon.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const name of ['hsts', 'plain'] as const) {
  test(`certify --list over https nginx ${name === 'hsts' ? 'sending' : 'not sending'} Strict-Transport-Security`, async ({}, testInfo) => {
    const json = join(dir, `${name}.json`);
    const run = await certifyCli(['--list', servers[name].list, '--json', json], { NODE_EXTRA_CA_CERTS: localCa().caFile });
    await testInfo.attach('stderr', { body: run.stderr, contentType: 'text/plain' });
    expect(run.status, run.stderr).toBe(0);
    const r = collectionContract.assert(JSON.parse(readFileSync(json, 'utf8')));
    expect(r.summary).toMatchObject({ services: 3, pass: 3, fail: 0, unusable: 0 });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]!.checkedInBrowsers.sort()).toEqual([...selectedEngines()].sort());
    expect(r.groups[0]!.representatives).toHaveLength(2);
    // Two representatives certified in the engines: the second follows the first, which sent HSTS.
    if (name === 'hsts') expect(run.stderr).toContain('(1 fresh browsing state after HSTS)');
    else expect(run.stderr).toContain('(one browsing state per engine, cookies forgotten between services)');
  });
}
