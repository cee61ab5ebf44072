// The https fixture origins are real secure origins in every engine: the local CA is trusted the
// way web-platform-tests trusts its own (harness/engines/trust.ts), so an https page is a secure
// context, no engine rejected the certificate (the server saw no certificate alert), and a
// cacheable https tile is served from the HTTP cache on a later page load (Chromium, for one,
// does not cache responses that came with a certificate error): the server log shows one request.

import { profileUrls } from '../fixtures/profile-routes.ts';
import { CONTROL_PATHS } from '../contract/names.ts';
import type { TlsClientError } from '../fixtures/tls-errors.ts';
import { performAction } from '../harness/in-page/actions.ts';
import { expect, test } from '../harness/runner/test.ts';

// A fresh browser (new profile, new caches) so the first load cannot already be cached.
test.use({ isolation: 'fresh' });

type Load = 'fetch' | 'image';
const LOADS: Load[] = ['fetch', 'image'];

test('https: a fixture page is a secure context, its certificate is trusted, a cacheable tile is cached', async ({ probe, originsByScheme, token, serverLog, engine }) => {
  const { https } = originsByScheme;
  await probe.open(`${https.viewer}/blank`); // a certificate error would fail this navigation
  const page = await probe.run(() => ({ secure: window.isSecureContext, protocol: location.protocol, origin: location.origin }), null);
  expect(page).toEqual({ secure: true, protocol: 'https:', origin: https.viewer });

  // A tile with `Cache-Control: public, max-age=3600` (the IIIF content's default), loaded, then
  // loaded again from a new document, by fetch() and by <img crossorigin>; over https and, as the
  // control, over http. How many requests reached the server, per scheme and load:
  const arrivals: Record<string, number> = {};
  for (const scheme of ['https', 'http'] as const) {
    const origins = originsByScheme[scheme];
    for (const load of LOADS) {
      const mark = `${token}-${scheme}-${load}`;
      const tile = `${profileUrls(origins.image, 'correct').image('landscape', '0,0,256,256', '256,', '0', 'default.jpg')}?token=${mark}`;
      for (const again of ['', '?again']) {
        await probe.open(`${origins.viewer}/blank${again}`);
        const outcome = await probe.run(performAction, load === 'fetch' ? { kind: 'fetch', url: tile } : { kind: 'image', url: tile, crossOrigin: 'anonymous' });
        expect(outcome, `${scheme} ${load}${again}`).toMatchObject(load === 'fetch' ? { result: 'readable', status: 200 } : { result: 'loaded' });
      }
      const log = await serverLog.forToken(mark);
      expect(log.every((r) => r.scheme === scheme && r.origin === origins.viewer && r.status === 200), JSON.stringify(log)).toBe(true);
      arrivals[`${scheme} ${load}`] = log.length;
    }
  }
  // A persistent profile has an HTTP cache, so the second fetch() is answered from it. WebKitGTK's
  // WebDriver session is ephemeral (MiniBrowser --automation): it has no HTTP cache on http either,
  // and only WebCore's memory cache answers the repeated <img>. Either way https must cache as http does.
  const fetches = engine.info.profile === 'persistent' ? 1 : 2;
  expect(arrivals).toEqual({ 'https fetch': fetches, 'https image': 1, 'http fetch': fetches, 'http image': 1 });

  const response = await fetch(`${originsByScheme.http.viewer}${CONTROL_PATHS.tlsErrors}`);
  const { errors } = (await response.json()) as { errors: TlsClientError[] };
  expect(errors, 'certificate alerts the fixture server received (an engine that distrusts the local CA)').toEqual([]);
});
