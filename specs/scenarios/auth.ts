// The auth family: IIIF Authorization Flow API 2.0 (https://iiif.io/api/auth/2.0/) walked by our
// minimal client page in each engine, over https, against the Auth 2.0 fixture profiles
// (fixtures/auth/profiles.ts). Expectations were written from the Auth 2.0, cookie (rfc6265bis,
// CHIPS), Storage Access, Fetch and HTML texts before any engine ran; third-party cookie blocking and
// partitioning are user-agent policy (rfc6265bis §7.1) and live in specs/deviations-auth.ts.
//
// Deployments: `image` is https://localhost:PI, the viewer's site (same-site, cross-origin);
// `imageCrossSite` is https://127.0.0.1:PI, another site. Server facts count non-preflight requests
// in order: info.json, then per step probe (1), login (access GET + POST: 2), kiosk (1), token (1),
// probe-with-token (1, after its preflight), tile (1), logout (1). `cookies` says which carried the
// access cookie, `authorization` which carried the Bearer token.

import type { AuthFlowStep } from '../../contract/auth.ts';
import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import type { Observation } from '../../contract/page.ts';
import { rowBuilder } from './vocabulary.ts';

const AUTH = 'https://iiif.io/api/auth/2.0/';
const PROBE = `${AUTH}#probe-service (the probe answers an AuthProbeResult2 whose status is 401 without a valid token and 200 with one; the client sends the token as Authorization: Bearer)`;
const PREFLIGHT = 'https://fetch.spec.whatwg.org/#cors-preflight-fetch (Authorization is not a CORS-safelisted request header: a preflight that must allow it, https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name)';
const CORS_CHECK = 'https://fetch.spec.whatwg.org/#cors-check';
const ACCESS = `${AUTH}#access-service (the client opens the access service with the origin parameter in a new window; active: after the user's click; the service sets the access cookie and the window closes)`;
const KIOSK = `${AUTH}#access-service (kiosk: the client opens the window without user interaction)`;
const POPUP_BLOCKER = 'https://html.spec.whatwg.org/multipage/document-sequences.html#the-rules-for-choosing-a-navigable (a user agent may block a new window opened without transient activation: a popup blocker)';
const TOKEN = `${AUTH}#access-token-service (loaded in an iframe with messageId and origin, the token page posts AuthAccessToken2 {accessToken, expiresIn, messageId} to origin, or AuthAccessTokenError2: missingAspect without the access cookie, invalidOrigin for an origin it does not trust)`;
const LOGOUT = `${AUTH}#logout-service`;
const COOKIE_SENT = 'https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.8.3 (a SameSite=None; Secure cookie is sent on cross-site requests; blocking third-party cookies is user-agent policy, §7.1)';
const LAX = 'https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.8.3 (a SameSite=Lax cookie is sent only on same-site requests and top-level navigations; an iframe or image request from another site is cross-site)';
const NONE_NEEDS_SECURE = 'https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.7 (storage model: a SameSite=None cookie without Secure is ignored entirely)';
const CHIPS = 'https://datatracker.ietf.org/doc/draft-cutler-httpbis-partitioned-cookies/ (a Partitioned cookie is keyed by the top-level site it was set under and sent only under that site)';
const SAA = 'https://privacycg.github.io/storage-access/#dom-document-requeststorageaccess (after a click in the iframe the user agent may grant or deny; a grant gives that document its unpartitioned cookies)';
const PERMISSION_PROMPT = 'https://w3c.github.io/permissions/#dfn-request-permission-to-use (the user agent asks the person and the answer decides; until a person answers, requestStorageAccess() stays pending)';
const SAA_DOCUMENT = 'https://privacycg.github.io/storage-access/#the-document-object (storage access is a flag of the document that asked: the token iframe\'s fetches carry its cookie, the viewer page\'s own requests to that site do not gain it)';
const POST_MESSAGE = 'https://html.spec.whatwg.org/multipage/web-messaging.html#window-post-message-steps (a targetOrigin other than the target window\'s origin drops the message; "*" delivers it to any)';
const MESSAGE_ORIGIN = 'https://html.spec.whatwg.org/multipage/web-messaging.html#dom-messageevent-origin (the sender\'s origin, which the client checks against the token service\'s)';
const CREDENTIALED_IMG = `https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cors-settings-attributes (use-credentials); ${CORS_CHECK} (with credentials ACAO must be the request origin, not *, and ACAC true)`;

const row = rowBuilder('auth');
const FLOW: AuthFlowStep[] = ['probe', 'login', 'token', 'probe-with-token', 'tile'];
/** What the client sees when the whole flow works: the image shows. */
const SHOWN = { probe: '401', access: 'closed', token: 'AuthAccessToken2', storageAccess: 'not-asked', 'probe-with-token': '200', tile: 'shown' };
/** Facts of a whole flow that works: info, probe, access GET, POST, token (cookie), probe with token (after a preflight), tile (cookie). */
const FLOW_SERVED = { preflights: 1, requests: 7, cookies: [false, false, false, false, true, false, true], authorization: [false, false, false, false, false, true, false] };
const auth = (a: Record<string, string>): Observation => ({ result: 'done', auth: a });
const cf = (label: string, a: Record<string, string>): Counterfactual => ({ label, observed: { auth: a } });
const NOT_SHOWN = cf('the image does not show', { tile: 'error' });
/** rfc6265bis §7.1: a user agent may block third-party cookies; then the cookie set in the access window reaches neither the token iframe nor the tiles. */
const THIRD_PARTY_BLOCKED = 'https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-7.1 (third-party cookies: a user agent may block them; Chromium\'s default here, Firefox\'s Total Cookie Protection partitions them)';
const cookieless = (storageAccess = 'not-asked', token = 'AuthAccessTokenError2:missingAspect') => auth({ ...SHOWN, token, storageAccess, 'probe-with-token': '401', tile: 'error' });
const NOTHING_CARRIED = { preflights: 0, requests: 7, cookies: [false, false, false, false, false, false, false] };
const TILE = (profile: string) => `/t/{token}/auth2/${profile}/iiif/3/landscape/full/128,96/0/default.jpg`;

export const scenarios: Scenario[] = [
  // --- the probe ---
  row('auth/probe-answer-unauthorized', {
    title: 'The probe, asked without a token, answers an AuthProbeResult2 with status 401 that page JavaScript can read (a simple GET, no preflight)',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', steps: ['probe'] },
    spec: { observed: auth({ probe: '401' }), server: { preflights: 0, requests: 2, authorization: [false, false] }, cite: PROBE },
    counterfactuals: [cf('the probe answer is unreadable', { probe: 'blocked' })],
  }),
  row('auth/probe-with-token-preflighted', {
    title: 'After login and token, the probe with Authorization: Bearer is preflighted (ACRH authorization, no cookie) and answers status 200',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', steps: ['login', 'token', 'probe-with-token'] },
    spec: {
      observed: auth({ access: 'closed', token: 'AuthAccessToken2', storageAccess: 'not-asked', 'probe-with-token': '200' }),
      server: { preflights: 1, acrh: 'authorization', preflightCookie: false, requests: 5, authorization: [false, false, false, false, true] },
      cite: `${PROBE}; ${PREFLIGHT}`,
    },
    counterfactuals: [cf('the token probe fails', { 'probe-with-token': 'blocked' }), { label: 'no preflight', server: { preflights: 0 } }],
  }),
  row('auth/probe-no-cors', {
    title: 'A probe answered without CORS headers is a network error to the client: it never learns the status',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-probe-no-cors', images: 'image', steps: ['probe'] },
    spec: { observed: auth({ probe: 'blocked' }), server: { preflights: 0, requests: 2 }, cite: `${PROBE}; ${CORS_CHECK}` },
    counterfactuals: [cf('the probe answer is read', { probe: '401' })],
    fix: 'Answer the probe service (GET and OPTIONS) with Access-Control-Allow-Origin on every response.',
  }),
  row('auth/probe-no-authorization-allowed', {
    title: 'A probe whose preflight does not allow Authorization: the logged-in client\'s token probe fails at the preflight, the GET is never sent',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-probe-no-authorization', images: 'image', steps: ['probe', 'login', 'token', 'probe-with-token'] },
    spec: {
      observed: auth({ probe: '401', access: 'closed', token: 'AuthAccessToken2', storageAccess: 'not-asked', 'probe-with-token': 'blocked' }),
      server: { preflights: 1, acrh: 'authorization', requests: 5, authorization: [false, false, false, false, false] },
      cite: `${PROBE}; ${PREFLIGHT}`,
    },
    counterfactuals: [cf('the token probe passes', { 'probe-with-token': '200' })],
    fix: 'Answer OPTIONS on the probe service with Access-Control-Allow-Headers: Authorization.',
  }),

  // --- access ---
  row('auth/access-active-login-window', {
    title: 'Active access: a click opens the access window with the login form; typed credentials are posted and the window closes itself',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', steps: ['login'] },
    spec: { observed: auth({ access: 'closed' }), server: { preflights: 0, requests: 3, methods: ['GET', 'GET', 'POST'] }, cite: ACCESS },
    counterfactuals: [cf('the window stays open', { access: 'open' }), cf('the window is blocked', { access: 'blocked' })],
  }),
  row('auth/access-kiosk-without-gesture', {
    title: 'Kiosk access: the client opens the access window without a user gesture; a popup blocker may stop it (then no cookie, no token)',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-kiosk', images: 'image', steps: ['kiosk', 'token'] },
    spec: {
      outcomes: [
        { label: 'opened', observed: auth({ access: 'closed', token: 'AuthAccessToken2' }), server: { requests: 3, cookies: [false, false, true] }, cite: `${KIOSK}; ${TOKEN}` },
        { label: 'blocked', basis: 'policy', observed: auth({ access: 'blocked', token: 'AuthAccessTokenError2:missingAspect' }), server: { requests: 2, cookies: [false, false] }, cite: `${POPUP_BLOCKER}; ${TOKEN}` },
      ],
    },
    counterfactuals: [cf('opened, yet no token', { token: 'AuthAccessTokenError2:missingAspect' })],
  }),
  row('auth/access-external-no-window', {
    title: 'External access: no window; the token service grants by the request itself, the probe says 200 and the tile shows',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-external', images: 'image', steps: ['probe', 'token', 'probe-with-token', 'tile'] },
    spec: {
      observed: auth({ probe: '200', token: 'AuthAccessToken2', storageAccess: 'not-asked', 'probe-with-token': '200', tile: 'shown' }),
      server: { preflights: 1, requests: 5, authorization: [false, false, false, true, false] },
      cite: `${AUTH}#access-service (external: no user interaction); ${TOKEN}`,
    },
    counterfactuals: [NOT_SHOWN],
  }),

  // --- whole flows: the three deployments ---
  row('auth/flow-same-site', {
    title: 'Same-site deployment (viewer localhost:PV, images and services localhost:PI): the token iframe sees the cookie set in the access window; the image shows',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', steps: FLOW },
    spec: { observed: auth(SHOWN), server: FLOW_SERVED, cite: `${ACCESS}; ${TOKEN}; ${COOKIE_SENT}; ${CREDENTIALED_IMG}` },
    counterfactuals: [NOT_SHOWN, cf('no token', { token: 'AuthAccessTokenError2:missingAspect' })],
  }),
  row('auth/flow-cross-site', {
    title: 'Cross-site deployment (images and services on 127.0.0.1): the SameSite=None; Secure cookie set first-party in the access window, then used by the token iframe and the tiles under the viewer\'s site',
    scheme: 'https',
    isolation: 'fresh',
    action: { kind: 'auth', profile: 'auth-correct', images: 'imageCrossSite', steps: FLOW },
    spec: {
      outcomes: [
        { label: 'shown', observed: auth(SHOWN), server: FLOW_SERVED, cite: `${ACCESS}; ${TOKEN}; ${COOKIE_SENT}; ${CREDENTIALED_IMG}` },
        { label: 'third-party cookies blocked', basis: 'policy', observed: cookieless(), server: NOTHING_CARRIED, cite: `${THIRD_PARTY_BLOCKED}; ${TOKEN}` },
      ],
    },
    counterfactuals: [NOT_SHOWN, cf('no token', { token: 'AuthAccessTokenError2:missingAspect' })],
  }),
  row('auth/flow-cross-site-storage-access', {
    title: 'Cross-site deployment with Storage Access: a token page without its cookie asks requestStorageAccess() after a click in it; granted, it answers with the cookie',
    scheme: 'https',
    isolation: 'fresh',
    action: { kind: 'auth', profile: 'auth-storage-access', images: 'imageCrossSite', steps: FLOW, storageAccessClick: true },
    spec: {
      outcomes: [
        { label: 'cookie sent, no prompt needed', observed: auth(SHOWN), server: FLOW_SERVED, cite: `${TOKEN}; ${COOKIE_SENT}` },
        {
          label: 'storage access granted',
          basis: 'draft',
          observed: auth({ ...SHOWN, storageAccess: 'granted' }),
          server: { preflights: 1, requests: 8, cookies: [false, false, false, false, false, true, false, true] },
          cite: `${SAA}; ${COOKIE_SENT}`,
        },
        // The grant is the token iframe's document's; the tile is the viewer page's request, which
        // the grant does not cover: under third-party cookie blocking or partitioning it goes without.
        {
          label: 'storage access granted to the token iframe only',
          basis: 'draft',
          observed: auth({ ...SHOWN, storageAccess: 'granted', tile: 'error' }),
          server: { preflights: 1, requests: 8, cookies: [false, false, false, false, false, true, false, false] },
          cite: `${SAA_DOCUMENT}; ${THIRD_PARTY_BLOCKED}`,
        },
        { label: 'storage access denied', basis: 'draft', observed: cookieless('denied'), server: NOTHING_CARRIED, cite: `${SAA} (the user agent may reject); ${THIRD_PARTY_BLOCKED}` },
        // Added 2026-12-05 from the spec text, after Chromium 156 showed it (docs/auth.md): where no
        // automation answers the engine's prompt, the promise waits for a person who never comes.
        {
          label: 'storage access prompt left unanswered',
          basis: 'draft',
          observed: cookieless('pending', 'none'),
          server: NOTHING_CARRIED,
          cite: `${SAA}; ${PERMISSION_PROMPT}; ${THIRD_PARTY_BLOCKED}`,
        },
      ],
    },
    counterfactuals: [NOT_SHOWN],
  }),
  row('auth/flow-same-site-storage-access-not-asked', {
    title: 'The storage-access token page in a same-site deployment: the cookie is there, so it answers at once without asking',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-storage-access', images: 'image', steps: FLOW, storageAccessClick: true },
    spec: { observed: auth(SHOWN), server: FLOW_SERVED, cite: `${TOKEN}; ${COOKIE_SENT}` },
    counterfactuals: [cf('asked for storage access', { storageAccess: 'granted' })],
  }),

  // --- the access cookie's attributes ---
  row('auth/flow-cross-site-partitioned-cookie', {
    title: 'A Partitioned access cookie set in the access window (top-level 127.0.0.1) is not seen by the token iframe under localhost: no token, no image',
    scheme: 'https',
    isolation: 'fresh',
    action: { kind: 'auth', profile: 'auth-cookie-partitioned', images: 'imageCrossSite', steps: FLOW },
    spec: {
      basis: 'draft',
      observed: auth({ ...SHOWN, token: 'AuthAccessTokenError2:missingAspect', 'probe-with-token': '401', tile: 'error' }),
      server: { preflights: 0, requests: 7, cookies: [false, false, false, false, false, false, false] },
      cite: `${CHIPS}; ${TOKEN}`,
    },
    counterfactuals: [cf('token issued', { token: 'AuthAccessToken2' })],
    fix: 'Do not mark the access cookie Partitioned.',
  }),
  row('auth/flow-same-site-partitioned-cookie', {
    title: 'A Partitioned access cookie in a same-site deployment: set and read under the same top-level site, the flow works',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-cookie-partitioned', images: 'image', steps: FLOW },
    spec: { basis: 'draft', observed: auth(SHOWN), server: FLOW_SERVED, cite: `${CHIPS}; ${TOKEN}` },
    counterfactuals: [NOT_SHOWN],
  }),
  row('auth/flow-cross-site-lax-cookie', {
    title: 'A SameSite=Lax access cookie is not sent to the cross-site token iframe nor with the tiles: no token, no image',
    scheme: 'https',
    isolation: 'fresh',
    action: { kind: 'auth', profile: 'auth-cookie-lax', images: 'imageCrossSite', steps: FLOW },
    spec: {
      observed: auth({ ...SHOWN, token: 'AuthAccessTokenError2:missingAspect', 'probe-with-token': '401', tile: 'error' }),
      server: { preflights: 0, requests: 7, cookies: [false, false, false, false, false, false, false] },
      cite: `${LAX}; ${TOKEN}`,
    },
    counterfactuals: [cf('token issued', { token: 'AuthAccessToken2' })],
    fix: 'Set the access cookie with SameSite=None; Secure.',
  }),
  row('auth/flow-same-site-lax-cookie', {
    title: 'A SameSite=Lax access cookie in a same-site deployment is sent (the requests are same-site): the flow works',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-cookie-lax', images: 'image', steps: FLOW },
    spec: { observed: auth(SHOWN), server: FLOW_SERVED, cite: `${LAX}; ${TOKEN}` },
    counterfactuals: [NOT_SHOWN],
  }),
  row('auth/flow-cookie-none-without-secure', {
    title: 'A SameSite=None access cookie without Secure is ignored by the browser: even same-site, no token and no image',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-cookie-no-secure', images: 'image', steps: FLOW },
    spec: {
      observed: auth({ ...SHOWN, token: 'AuthAccessTokenError2:missingAspect', 'probe-with-token': '401', tile: 'error' }),
      server: { preflights: 0, requests: 7, cookies: [false, false, false, false, false, false, false] },
      cite: `${NONE_NEEDS_SECURE}; ${TOKEN}`,
    },
    counterfactuals: [cf('token issued', { token: 'AuthAccessToken2' })],
    fix: 'Set the access cookie with SameSite=None; Secure.',
  }),

  // --- tiles and deployment mistakes ---
  row('auth/flow-tiles-star-credentials', {
    title: 'Tiles answered ACAO * with ACAC true: the token comes, the tile request carries the cookie, and the CORS check refuses it',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-tiles-star-credentials', images: 'image', steps: FLOW },
    spec: { observed: auth({ ...SHOWN, tile: 'error' }), server: FLOW_SERVED, cite: `${CREDENTIALED_IMG}; ${TOKEN}` },
    counterfactuals: [cf('the image shows', { tile: 'shown' })],
    fix: 'Echo the request Origin with Access-Control-Allow-Credentials: true and Vary: Origin on tiles.',
  }),
  row('auth/flow-services-other-site', {
    title: 'Auth services on another site than the images: the cookie is set for the services\' host, the token comes, the tiles never carry the cookie',
    scheme: 'https',
    isolation: 'fresh',
    action: { kind: 'auth', profile: 'auth-services-cross-site', images: 'image', steps: FLOW },
    spec: {
      outcomes: [
        {
          label: 'token, no image',
          observed: auth({ ...SHOWN, tile: 'error' }),
          server: { preflights: 1, requests: 7, cookies: [false, false, false, false, true, false, false] },
          cite: `${COOKIE_SENT} (a host-only cookie is sent only to its host); ${TOKEN}`,
        },
        { label: 'third-party cookies blocked: no token either', basis: 'policy', observed: cookieless(), server: NOTHING_CARRIED, cite: `${THIRD_PARTY_BLOCKED}; ${TOKEN}` },
      ],
    },
    counterfactuals: [cf('the image shows', { tile: 'shown' })],
    fix: 'Serve the access, token and logout services from the images\' host.',
  }),

  // --- logout ---
  row('auth/logout-same-site', {
    title: 'Logout: a click opens the logout window, which clears the cookie and closes; the token service then says missingAspect and the tile is refused',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', steps: [...FLOW, 'logout', 'token-again', 'tile-again'] },
    spec: {
      observed: auth({ ...SHOWN, logout: 'closed', 'token-again': 'AuthAccessTokenError2:missingAspect', 'tile-again': 'error' }),
      server: { preflights: 1, requests: 10, cookies: [false, false, false, false, true, false, true, true, false, false] },
      cite: `${LOGOUT}; ${TOKEN}`,
    },
    counterfactuals: [cf('still logged in', { 'token-again': 'AuthAccessToken2' })],
  }),

  // --- the token page's message ---
  row('auth/token-without-login', {
    title: 'The token service without the access cookie answers AuthAccessTokenError2 missingAspect, posted to the client',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', steps: ['token'] },
    spec: { observed: auth({ token: 'AuthAccessTokenError2:missingAspect', storageAccess: 'not-asked' }), server: { requests: 2, cookies: [false, false] }, cite: TOKEN },
    counterfactuals: [cf('no message', { token: 'none' })],
  }),
  row('auth/token-untrusted-origin', {
    title: 'A page on an origin the token service does not trust (localhost:PO) gets AuthAccessTokenError2 invalidOrigin, even with the user logged in',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', client: 'other', steps: ['login', 'token'] },
    spec: { observed: auth({ access: 'closed', token: 'AuthAccessTokenError2:invalidOrigin' }), server: { requests: 4, cookies: [false, false, false, true] }, cite: TOKEN },
    counterfactuals: [cf('token issued', { token: 'AuthAccessToken2' })],
  }),
  row('auth/token-target-origin-withheld', {
    title: 'A page on another origin framing the token service with origin=<viewer>: the token is posted to the viewer\'s origin, so that page never receives it',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', client: 'other', claimOrigin: 'viewer', steps: ['login', 'token'] },
    spec: { observed: auth({ access: 'closed', token: 'none' }), server: { requests: 4, cookies: [false, false, false, true] }, cite: `${POST_MESSAGE}; ${TOKEN}` },
    counterfactuals: [cf('the token leaks', { token: 'AuthAccessToken2' })],
  }),
  row('auth/token-target-star-leaks', {
    title: 'A token page posting to "*": a page on another origin claiming origin=<viewer> receives the user\'s token',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-token-target-star', images: 'image', client: 'other', claimOrigin: 'viewer', steps: ['login', 'token'] },
    spec: { observed: auth({ access: 'closed', token: 'AuthAccessToken2' }), server: { requests: 4, cookies: [false, false, false, true] }, cite: `${POST_MESSAGE}; ${TOKEN}` },
    counterfactuals: [cf('the token is withheld', { token: 'none' })],
    fix: 'Post the token message to the checked origin parameter, never "*".',
  }),
  row('auth/token-origin-unchecked-leaks', {
    title: 'A token service that does not check the origin parameter issues the token to a page on any origin that names itself',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-token-origin-unchecked', images: 'image', client: 'other', steps: ['login', 'token'] },
    spec: { observed: auth({ access: 'closed', token: 'AuthAccessToken2' }), server: { requests: 4, cookies: [false, false, false, true] }, cite: `${TOKEN}; ${POST_MESSAGE}` },
    counterfactuals: [cf('refused', { token: 'AuthAccessTokenError2:invalidOrigin' })],
    fix: 'Issue tokens only to trusted origins; answer others with AuthAccessTokenError2 invalidOrigin.',
  }),
  row('auth/client-drops-forged-message', {
    title: 'A frame on another origin posts a forged AuthAccessToken2 with the right messageId first: the client drops it by event.origin and uses the real token',
    scheme: 'https',
    action: { kind: 'auth', profile: 'auth-correct', images: 'image', rogue: true, steps: ['login', 'token', 'probe-with-token'] },
    spec: {
      observed: auth({ access: 'closed', token: 'AuthAccessToken2', storageAccess: 'not-asked', ignored: 'other', 'probe-with-token': '200' }),
      server: { preflights: 1, requests: 5, authorization: [false, false, false, false, true] },
      cite: `${MESSAGE_ORIGIN}; ${TOKEN}`,
    },
    counterfactuals: [cf('the forged token was used', { 'probe-with-token': '401' })],
  }),

  // --- a cookie-gated tile on its own (the cookie set first-party by the harness) ---
  row('auth/tile-cookie-same-site', {
    title: '<img crossorigin=use-credentials> of a cookie-gated tile on the viewer\'s site: sent with the cookie, 200, drawn clean',
    scheme: 'https',
    isolation: 'cookies',
    setup: { cookie: { origin: 'image', attributes: 'SameSite=None; Secure' } },
    action: { kind: 'image', target: { origin: 'image', path: TILE('auth-correct') }, crossOrigin: 'use-credentials', use: ['2d'] },
    spec: { observed: { result: 'loaded', canvas: { '2d': 'clean' } }, server: { requests: 1, preflights: 0, cookie: true, statuses: [200] }, cite: `${CREDENTIALED_IMG}; ${COOKIE_SENT}` },
  }),
  row('auth/tile-cookie-cross-site', {
    title: '<img crossorigin=use-credentials> of a cookie-gated tile on another site, the cookie set there first-party: sent with the cookie, drawn clean',
    scheme: 'https',
    isolation: 'fresh',
    setup: { cookie: { origin: 'imageCrossSite', attributes: 'SameSite=None; Secure' } },
    action: { kind: 'image', target: { origin: 'imageCrossSite', path: TILE('auth-correct') }, crossOrigin: 'use-credentials', use: ['2d'] },
    spec: {
      outcomes: [
        { label: 'sent', observed: { result: 'loaded', canvas: { '2d': 'clean' } }, server: { requests: 1, preflights: 0, cookie: true, statuses: [200] }, cite: `${CREDENTIALED_IMG}; ${COOKIE_SENT}` },
        { label: 'third-party cookies blocked', basis: 'policy', observed: { result: 'error' }, server: { requests: 1, preflights: 0, cookie: false, statuses: [401] }, cite: THIRD_PARTY_BLOCKED },
      ],
    },
  }),
  row('auth/tile-without-cookie', {
    title: 'A cookie-gated tile without the cookie answers 401 (with CORS headers): the image fails to load',
    scheme: 'https',
    action: { kind: 'image', target: { origin: 'image', path: TILE('auth-correct') }, crossOrigin: 'use-credentials' },
    spec: { observed: { result: 'error' }, server: { requests: 1, preflights: 0, cookie: false, statuses: [401] }, cite: `${AUTH}#access-service (the access cookie is what grants the content); ${CREDENTIALED_IMG}` },
  }),
  row('auth/tile-star-credentials', {
    title: 'A cookie-gated tile answered ACAO * with ACAC true: sent with the cookie, answered 200, refused by the CORS check',
    scheme: 'https',
    isolation: 'cookies',
    setup: { cookie: { origin: 'image', attributes: 'SameSite=None; Secure' } },
    action: { kind: 'image', target: { origin: 'image', path: TILE('auth-tiles-star-credentials') }, crossOrigin: 'use-credentials' },
    spec: { observed: { result: 'error' }, server: { requests: 1, preflights: 0, cookie: true, statuses: [200] }, cite: CREDENTIALED_IMG },
    fix: 'Echo the request Origin with Access-Control-Allow-Credentials: true and Vary: Origin on tiles.',
  }),
];

