// Browser channels (CORS_ENGINES=<engine>@<channel>), browserless: parsing, and a channel that is
// not installed failing loudly. specs/integration/matrix-channels.test.ts runs channels side by side.

import { expect, test } from '../support/browserless.ts';
import { resolveChannel } from '../../harness/engines/resolve.ts';
import { selectedEngines, selectedProjects } from '../../harness/engines/select.ts';

test('CORS_ENGINES entries with @channel become projects of their own, engines in their usual order', () => {
  expect(selectedProjects('firefox@moz-firefox-nightly, chromium, chromium@chrome-beta')).toEqual([
    { name: 'chromium', engine: 'chromium' },
    { name: 'chromium@chrome-beta', engine: 'chromium', channel: 'chrome-beta' },
    { name: 'firefox@moz-firefox-nightly', engine: 'firefox', channel: 'moz-firefox-nightly' },
  ]);
  expect(selectedEngines('chromium@chrome,chromium@msedge,webkit@webkitgtk')).toEqual(['chromium', 'webkit']);
  expect(() => selectedProjects('chromium@chrome-stable')).toThrow(/unknown chromium channel "chrome-stable" \(chromium channels: chromium, chrome, chrome-beta/);
  expect(() => selectedProjects('safari@tp')).toThrow(/unknown engine\(s\) safari/);
});

test('a channel that is not installed fails loudly, naming the package or download', () => {
  expect(() => resolveChannel('chromium', 'chrome-beta')).toThrow(/chromium@chrome-beta: Google Chrome Beta is not installed \(looked for \/opt\/google\/chrome-beta\/chrome\)\. Install google-chrome-beta/);
  expect(() => resolveChannel('firefox', 'moz-firefox-nightly')).toThrow(/Firefox Nightly is not installed.*firefox-nightly/);
  expect(() => resolveChannel('chromium', 'msedge')).toThrow(/Microsoft Edge is not installed.*microsoft-edge-stable/);
  expect(resolveChannel('firefox', 'moz-firefox')).toMatchObject({ driver: 'playwright', channel: 'moz-firefox', protocol: 'webdriver-bidi', product: 'Firefox ESR' });
  expect(resolveChannel('webkit', 'webkitgtk')).toMatchObject({ driver: 'webdriver', product: 'WebKitGTK MiniBrowser' });
});
