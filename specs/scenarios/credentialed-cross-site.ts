// Cookies on a cross-site credentialed fetch (part of the credentialed family; the helpers are
// credentialed.ts's): SameSite Lax / unset / None, each with a control cookie, written per scheme
// (each id in full, no generated @https variant) because a Secure cookie set over http is never
// stored (SECURE_NEEDS_HTTPS): on http the SameSite=None cookie and the Secure control cookie
// cannot be there, over https they must be. Engines that block or partition third-party cookies are
// declared policies (specs/deviations.ts), naming only the cookie facts they explain.

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { COOKIE_POLICY, COOKIE_RETRIEVAL, CREDENTIALS_MODE as CREDENTIALS, SAMESITE_EXCLUDED, SECURE_NEEDS_HTTPS } from './citations.ts';
import { THIRD_PARTY_CONTROL, cookieOn, include, one } from './credentialed.ts';
import { ALLOW } from './vocabulary.ts';

/** What an engine that ignored SameSite would do: send the Lax (or unset) cookie cross-site. */
const LAX_SENT: Counterfactual = { label: 'the Lax / unset cookie sent cross-site', server: { cookie: true } };
const CONTROL_STORED_OVER_HTTP: Counterfactual = { label: 'the Secure control cookie stored over http and sent', server: { controlCookie: true } };
const CONTROL_NOT_SENT: Counterfactual = { label: 'the SameSite=None control cookie not sent (no policy declared)', server: { controlCookie: false } };

export const scenarios: Scenario[] = [
  {
    id: 'credentialed/cookie-cross-site-default',
    family: 'credentialed',
    isolation: 'cookies',
    title: 'A cookie without SameSite, set first-party on http://127.0.0.1, is not sent on a cross-site fetch (rfc6265bis "Default"); the Secure control cookie is never stored over http',
    setup: cookieOn('imageCrossSite', undefined, false, THIRD_PARTY_CONTROL),
    action: include(ALLOW, 'imageCrossSite'),
    spec: { observed: { result: 'readable', status: 200 }, server: { ...one(false), controlCookie: false }, basis: 'draft', cite: `${SAMESITE_EXCLUDED}; control cookie: ${SECURE_NEEDS_HTTPS}` },
    counterfactuals: [LAX_SENT, CONTROL_STORED_OVER_HTTP],
  },
  {
    id: 'credentialed/cookie-cross-site-default@https',
    family: 'credentialed',
    scheme: 'https',
    isolation: 'cookies',
    title: 'A cookie without SameSite, set first-party on https://127.0.0.1, is not sent on a cross-site fetch (rfc6265bis "Default"); the SameSite=None; Secure control cookie is [https]',
    setup: cookieOn('imageCrossSite', undefined, false, THIRD_PARTY_CONTROL),
    action: include(ALLOW, 'imageCrossSite'),
    spec: { observed: { result: 'readable', status: 200 }, server: { ...one(false), controlCookie: true }, basis: 'draft', cite: `${SAMESITE_EXCLUDED}; control cookie: ${COOKIE_RETRIEVAL} (SameSite=None, Secure over https); ${COOKIE_POLICY}` },
    counterfactuals: [LAX_SENT, CONTROL_NOT_SENT],
  },
  {
    id: 'credentialed/cookie-cross-site-lax',
    family: 'credentialed',
    isolation: 'cookies',
    title: 'A SameSite=Lax cookie is not sent on a cross-site fetch; the Secure control cookie is never stored over http',
    setup: cookieOn('imageCrossSite', 'SameSite=Lax', false, THIRD_PARTY_CONTROL),
    action: include(ALLOW, 'imageCrossSite'),
    spec: { observed: { result: 'readable', status: 200 }, server: { ...one(false), controlCookie: false }, basis: 'draft', cite: `${SAMESITE_EXCLUDED}; control cookie: ${SECURE_NEEDS_HTTPS}` },
    counterfactuals: [LAX_SENT, CONTROL_STORED_OVER_HTTP],
  },
  {
    id: 'credentialed/cookie-cross-site-lax@https',
    family: 'credentialed',
    scheme: 'https',
    isolation: 'cookies',
    title: 'A SameSite=Lax cookie is not sent on a cross-site fetch; the SameSite=None; Secure control cookie is [https]',
    setup: cookieOn('imageCrossSite', 'SameSite=Lax', false, THIRD_PARTY_CONTROL),
    action: include(ALLOW, 'imageCrossSite'),
    spec: { observed: { result: 'readable', status: 200 }, server: { ...one(false), controlCookie: true }, basis: 'draft', cite: `${SAMESITE_EXCLUDED}; control cookie: ${COOKIE_RETRIEVAL}; ${COOKIE_POLICY}` },
    counterfactuals: [LAX_SENT, CONTROL_NOT_SENT],
  },
  {
    id: 'credentialed/cookie-cross-site-none',
    family: 'credentialed',
    isolation: 'cookies',
    title: 'A SameSite=None; Secure cookie set on http://127.0.0.1 is not stored (Secure needs https), so the cross-site credentialed fetch carries no cookie',
    // The setup records whether the cookie was stored at all (an engine that counts loopback http as
    // secure stores it: a declared deviation, whatwg/fetch#1827 asks to allow that).
    setup: cookieOn('imageCrossSite', 'SameSite=None; Secure', true),
    action: include(ALLOW, 'imageCrossSite'),
    spec: { observed: { result: 'readable', status: 200, setupCookie: 'rejected' }, server: one(false), cite: SECURE_NEEDS_HTTPS },
    counterfactuals: [
      { label: 'the Secure cookie stored over http and sent', observed: { setupCookie: 'stored' }, server: { cookie: true } },
      { label: 'the Secure cookie stored over http', observed: { setupCookie: 'stored' } },
    ],
  },
  {
    id: 'credentialed/cookie-cross-site-none@https',
    family: 'credentialed',
    scheme: 'https',
    isolation: 'cookies',
    title: 'A SameSite=None; Secure cookie is sent on a cross-site credentialed fetch (unless third-party cookies are blocked: a declared policy) [https]',
    setup: cookieOn('imageCrossSite', 'SameSite=None; Secure', true),
    action: include(ALLOW, 'imageCrossSite'),
    spec: {
      observed: { result: 'readable', status: 200, setupCookie: 'stored' },
      server: one(true),
      basis: 'draft',
      cite: `${CREDENTIALS}; ${COOKIE_RETRIEVAL} (SameSite=None, Secure over https: sent); blocking third-party cookies is a permitted user-agent policy, declared per engine: ${COOKIE_POLICY}`,
    },
    counterfactuals: [{ label: 'the cookie not sent (no policy declared)', server: { cookie: false } }, { label: 'the Secure cookie refused over https', observed: { setupCookie: 'rejected' }, server: { cookie: false } }],
  },
];
