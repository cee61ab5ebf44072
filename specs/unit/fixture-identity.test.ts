// The fixture server's build identity (commit and a hash of fixtures/) in its health answer, and
// the runner's check before Playwright's webServer reuses whatever answers on the ports: this
// build's server is reused (outside CI), another build's is refused naming its PID and `kill`,
// something else naming the port. Servers in-process; the whole-run version is in
// specs/integration/fixture-server-runs.test.ts.

import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/browserless.ts';
import { type BuildIdentity, buildIdentity, hashTree } from '../../fixtures/build-identity.ts';
import { startFixturesOnFreePorts } from '../../harness/free-fixtures.ts';
import { listenOnFreePort } from '../../harness/net.ts';
import { refuseForeignFixtureServer } from '../../harness/runner/fixture-server.ts';

const OWN: BuildIdentity = { commit: 'a'.repeat(40), fixturesHash: 'f'.repeat(64) };

test('the identity is the checkout\'s commit and a hash that follows every file under fixtures/', () => {
  expect(buildIdentity().commit).toMatch(/^[0-9a-f]{40}$/);
  expect(buildIdentity().fixturesHash).toMatch(/^[0-9a-f]{64}$/);
  const dir = mkdtempSync(join(tmpdir(), 'cors-identity-'));
  const fixtures = join(dir, 'fixtures');
  try {
    mkdirSync(fixtures);
    writeFileSync(join(fixtures, 'a.ts'), 'one');
    const before = hashTree(fixtures);
    expect(buildIdentity(dir)).toEqual({ commit: null, fixturesHash: before }); // outside git: no commit
    writeFileSync(join(fixtures, 'a.ts'), 'two');
    expect(hashTree(fixtures)).not.toBe(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the health answer names the PID and the build', async () => {
  const running = await startFixturesOnFreePorts({ build: OWN });
  try {
    const health = (await (await fetch(`http://127.0.0.1:${running.ports.viewer}/__control/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, pid: process.pid, build: OWN });
  } finally {
    await running.close();
  }
});

test("this build's server is reused outside CI; another build's is refused naming its PID and how to stop it", async () => {
  const running = await startFixturesOnFreePorts({ build: OWN });
  try {
    await expect(refuseForeignFixtureServer(running.ports, { reuse: true, own: OWN })).resolves.toBeUndefined();
    const other = { ...OWN, fixturesHash: 'e'.repeat(64) };
    await expect(refuseForeignFixtureServer(running.ports, { reuse: true, own: other })).rejects.toThrow(
      `A fixture server from other code answers on port ${running.ports.viewer} (viewer origin): PID ${process.pid}, commit aaaaaaaaaaaa, fixtures/ ffffffffffff; this checkout is commit aaaaaaaaaaaa, fixtures/ eeeeeeeeeeee. The matrix would record that code's behaviour. Stop it with \`kill ${process.pid}\``,
    );
    await expect(refuseForeignFixtureServer(running.ports, { reuse: true, own: { ...OWN, commit: null } })).rejects.toThrow(/commit \(none: not a git checkout\)/);
    await expect(refuseForeignFixtureServer(running.ports, { reuse: false, own: OWN })).rejects.toThrow(`(PID ${process.pid}, commit aaaaaaaaaaaa, fixtures/ ffffffffffff) already answers on port ${running.ports.viewer} (viewer origin), and CI never reuses one`);
  } finally {
    await running.close();
  }
  // Nothing on the ports any more: the run starts its own.
  await expect(refuseForeignFixtureServer(running.ports, { reuse: true, own: OWN })).resolves.toBeUndefined();
});

test('something that is not a fixture server on a fixture port is named by its port', async () => {
  const server = createServer((_, res) => res.end('hello'));
  const port = await listenOnFreePort(server);
  try {
    const ports = { viewer: port + 1, image: port, other: port + 2 };
    await expect(refuseForeignFixtureServer(ports, { reuse: true, own: OWN, timeoutMs: 2000 })).rejects.toThrow(
      `holds port ${port} (image origin): its /__control/health answered 200 without a build identity (an older harness, or another program). Find it with \`ss -ltnp 'sport = :${port}'\``,
    );
  } finally {
    server.close();
  }
});
