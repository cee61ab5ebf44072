// Browsers as shipped, not as automation tools configure them. Playwright 1.64.1 disables some
// Chromium features that change what a web page meets (HTTPS upgrades, third-party storage
// partitioning, CORS redirect handling); those are given back here, the rest of Playwright's list
// (UI, update and telemetry noise) is kept. The launched command line is read back from
// chrome://version, so a Playwright upgrade that changes its list fails loudly instead of silently.

import type { BrowserContext } from 'playwright-core';
import { EngineUnavailableError } from './types.ts';

/** Playwright 1.64.1's `--disable-features` list (chromiumSwitches.ts), in its order. */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'DialMediaRouteProvider', 'GlobalMediaControls',
  'HttpsUpgrades', 'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning',
  'BlockOriginHeaderModificationOnRedirect', 'AvoidCorsURLLoaderRestartOnRedirect', 'Translate', 'AutoDeElevate',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/** Features Chromium ships enabled that change web-facing behaviour: left as shipped. */
export const SHIPPED_FEATURES = ['HttpsUpgrades', 'ThirdPartyStoragePartitioning', 'BlockOriginHeaderModificationOnRedirect', 'AvoidCorsURLLoaderRestartOnRedirect'];

export function chromiumShippedFeatureArgs(): { ignoreDefaultArgs: string[]; args: string[] } {
  const kept = PLAYWRIGHT_DISABLED_FEATURES.filter((f) => !SHIPPED_FEATURES.includes(f));
  return { ignoreDefaultArgs: [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`], args: [`--disable-features=${kept.join(',')}`] };
}

/** Reads the running Chromium's command line and fails if a shipped feature is still disabled or trust is missing. */
export async function checkChromiumCommandLine(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('chrome://version');
  const commandLine = (await page.locator('#command_line').textContent()) ?? '';
  const disabled = [...commandLine.matchAll(/--disable-features=(\S+)/g)].flatMap((m) => m[1]!.split(','));
  const stillDisabled = SHIPPED_FEATURES.filter((f) => disabled.includes(f));
  if (stillDisabled.length || !commandLine.includes('--ignore-certificate-errors-spki-list=')) {
    throw new EngineUnavailableError(
      `chromium: the launched command line ${stillDisabled.length ? `still disables ${stillDisabled.join(', ')}` : 'lacks --ignore-certificate-errors-spki-list'} ` +
        `(Playwright's default switches changed?). Update PLAYWRIGHT_DISABLED_FEATURES in harness/engines/shipped-defaults.ts. Command line: ${commandLine.slice(0, 600)}`,
    );
  }
}
