// A page served locally under a real viewer origin (the engine side of certify --viewer-origin):
// the engine resolves viewer.example.org to the fixture server (Chromium --host-resolver-rules,
// Firefox network.dns.localDomains), trusts the local CA's leaf for that name, and the page is a
// secure context whose cross-origin requests carry `Origin: https://viewer.example.org:<port>`.
// WebKitGTK has no host mapping switch; until the pass-through proxy exists it must refuse loudly.

import { launchEngine } from '../harness/engines/launch.ts';
import { EngineUnavailableError } from '../harness/engines/types.ts';
import { startFixturesOnFreePorts } from '../harness/free-fixtures.ts';
import { performAction } from '../harness/in-page/actions.ts';
import { expect, test } from '../harness/test.ts';

const HOST = 'viewer.example.org';

test('a mapped viewer origin: served locally, trusted, and sent as Origin', async ({ engineName, token }) => {
  test.setTimeout(120_000);
  if (engineName === 'webkit') {
    await expect(launchEngine('webkit', { mapHosts: [HOST] })).rejects.toThrow(EngineUnavailableError);
    await expect(launchEngine('webkit', { mapHosts: [HOST] })).rejects.toThrow(/pass-through proxy .* not built/);
    return;
  }
  const fixtures = await startFixturesOnFreePorts({ extraNames: [HOST] });
  const engine = await launchEngine(engineName, { mapHosts: [HOST] });
  try {
    const probe = await engine.newProbe();
    const viewer = `https://${HOST}:${fixtures.ports.viewer}`;
    await probe.open(`${viewer}/blank`);
    expect(await probe.run(() => ({ secure: window.isSecureContext, origin: location.origin }), null)).toEqual({ secure: true, origin: viewer });
    const image = `https://localhost:${fixtures.ports.image}/make?acao=%24origin&vary=Origin&token=${token}`;
    expect(await probe.run(performAction, { kind: 'fetch', url: image })).toMatchObject({ result: 'readable', status: 200 });
    expect(fixtures.log.forToken(token).map((r) => [r.scheme, r.origin])).toEqual([['https', viewer]]);
  } finally {
    await engine.close();
    await fixtures.close();
  }
});
