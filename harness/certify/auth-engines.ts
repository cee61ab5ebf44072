// Per engine, which Auth 2.0 step stops a viewer, and why: a step certify found broken stops it in
// every engine (CORS and the cookie rules are the same everywhere: the auth family's rows agree);
// with nothing broken, a viewer on another site than the auth services meets each engine's
// third-party cookie policy, as the auth family observed it (specs/deviations-auth.ts, docs/auth.md).

import { ENGINE_NAMES, type EngineName } from '../../contract/engine.ts';
import { parse } from 'tldts';

import { AUTH_CHECK_STEPS } from '../../contract/certify.ts';

/** The Auth 2.0 steps certify checks, in flow order (declared in the contract, which the JSON result follows). */
export const AUTH_STEPS = AUTH_CHECK_STEPS;
export type AuthCheckStep = (typeof AUTH_STEPS)[number];

export interface AuthEngineAnswer {
  /** The first step that fails for a viewer in this engine, or null when the image shows. */
  fails: AuthCheckStep | 'token-cookie' | null;
  why: string;
}

const WHY: Record<AuthCheckStep, string> = {
  probe: 'the probe (or its preflight with Authorization) is refused by CORS, so the viewer never learns the status (auth/probe-no-cors, auth/probe-no-authorization-allowed)',
  access: 'not checked',
  token: 'the token message is not safe to rely on (posted to "*", or issued to origins the service does not check): a security failure, not a display one (auth/token-target-star-leaks, auth/token-origin-unchecked-leaks)',
  'access-cookie': 'the access cookie is not SameSite=None; Secure (or is Partitioned), so it does not reach the token iframe or the tiles from the viewer\'s site (auth/flow-cross-site-lax-cookie, auth/flow-cookie-none-without-secure, auth/flow-cross-site-partitioned-cookie)',
  deployment: 'the cookie belongs to the auth services\' host and never reaches the tiles on the images\' host (auth/flow-services-other-site)',
  tiles: 'the tiles fail the credentialed CORS check (auth/flow-tiles-star-credentials)',
};

/** What each engine does with a correct deployment on another site than the viewer (auth/flow-cross-site). */
const CROSS_SITE: Record<EngineName, AuthEngineAnswer> = {
  chromium: { fails: 'token-cookie', why: 'Chromium as shipped here blocks third-party cookies: the token iframe gets no cookie (missingAspect) and tiles none; a token page that asks requestStorageAccess() gets the cookie only when the user allows it in Chromium\'s prompt (auth/flow-cross-site, auth/flow-cross-site-storage-access). Deploy the services on the viewer\'s site.' },
  firefox: { fails: 'token-cookie', why: 'Firefox\'s Total Cookie Protection partitions cookies by top-level site: the cookie set in the access window is not the token iframe\'s under the viewer\'s site (missingAspect); with Storage Access the token comes, but the tiles, requests of the viewer\'s page, still go without it (auth/flow-cross-site, auth/flow-cross-site-storage-access). Deploy the services on the viewer\'s site.' },
  webkit: { fails: null, why: 'the image shows: WebKitGTK sends cookies set first-party to the same site when it is a third party (auth/flow-cross-site)' },
};

const siteOf = (origin: string) => {
  const host = new URL(origin).hostname;
  const p = parse(host, { allowPrivateDomains: true });
  return p.isIp ? host : (p.domain ?? host);
};

export function engineAnswers(broken: AuthCheckStep[], viewerOrigin: string, accessUrl: string): Record<EngineName, AuthEngineAnswer> {
  const first = broken.find((s) => s !== 'token') ?? broken[0];
  const crossSite = siteOf(viewerOrigin) !== siteOf(accessUrl);
  return Object.fromEntries(
    ENGINE_NAMES.map((engine): [EngineName, AuthEngineAnswer] => {
      if (first) return [engine, { fails: first, why: WHY[first] }];
      if (crossSite) return [engine, CROSS_SITE[engine]!];
      return [engine, { fails: null, why: 'the image shows: viewer and auth services on one site (auth/flow-same-site)' }];
    }),
  ) as Record<EngineName, AuthEngineAnswer>;
}
