// A page served locally under a real viewer origin (the engine side of certify --viewer-origin):
// the engine reaches viewer.example.org on the fixture server (Chromium --host-resolver-rules;
// Firefox network.dns.localDomains, or the pass-through proxy when the port changes; WebKitGTK the
// pass-through proxy: harness/engines/proxy-mapping.ts), trusts the local CA's leaf for that name,
// and the page is a secure context whose cross-origin requests carry its origin as Origin: with
// the fixture port when the port is kept, and exactly `https://viewer.example.org` when the
// origin's own port (443) is mapped to the fixture port.

import { launchEngine, type HostMapping } from '../harness/engines/launch.ts';
import { startFixturesOnFreePorts } from '../harness/free-fixtures.ts';
import { performAction } from '../harness/in-page/actions.ts';
import { expect, test } from '../harness/runner/test.ts';

const HOST = 'viewer.example.org';

for (const kind of ['same port', 'port 443 mapped'] as const) {
  test(`a mapped viewer origin (${kind}): served locally, trusted, and sent as Origin`, async ({ engineName, token }) => {
    test.setTimeout(120_000);
    const fixtures = await startFixturesOnFreePorts({ extraNames: [HOST] });
    const mapping: HostMapping = kind === 'same port' ? HOST : { host: HOST, port: 443, to: fixtures.ports.viewer };
    const viewer = kind === 'same port' ? `https://${HOST}:${fixtures.ports.viewer}` : `https://${HOST}`;
    const engine = await launchEngine(engineName, { mapHosts: [mapping] });
    try {
      const probe = await engine.newProbe();
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
}
