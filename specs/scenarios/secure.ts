// What only https shows: an https viewer asking for http tiles, redirects between http and https
// (the http → https hop IIIF servers add), and third-party cookies as sites really send them
// (SameSite=None; Secure, Partitioned). Every fixture port speaks both schemes, so an http URL
// that a browser upgrades reaches the same handler over https, and the `schemes` server fact shows
// which happened: blocked (no request), upgraded (`https`) or sent as is (`http`).
// The fixture hosts are loopback, and http://127.0.0.1 is a "potentially trustworthy" URL (Secure
// Contexts; http://localhost only optionally), which Mixed Content never blocks or upgrades: these rows
// show how engines treat loopback http from an https page (what a viewer developer meets on a
// local image server). Mixed content proper (an http origin that is not potentially trustworthy:
// the machine's non-loopback address) is in mixed-content.ts.
// Expectations come from the Mixed Content, Secure Contexts, Fetch and cookie texts cited on each row.

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { COOKIE_POLICY, MAIN_FETCH, NETWORK_FETCH } from './citations.ts';
import { ALLOW, rowBuilder } from './vocabulary.ts';
import type { MakeSpec } from '../../contract/page.ts';

// The loopback targets are http://127.0.0.1 (imageCrossSite): 127.0.0.0/8 is potentially trustworthy
// unconditionally, where http://localhost is only under let-localhost-be-localhost (a MAY).
const LOOPBACK_TRUSTWORTHY =
  'https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy (an origin whose host is in 127.0.0.0/8 is "Potentially Trustworthy", unconditionally; localhost only "If the user agent conforms to the name resolution rules in [let-localhost-be-localhost]"); https://w3c.github.io/webappsec-mixed-content/#should-block-fetch and #upgrade-algorithm (a potentially trustworthy URL is neither blocked nor upgraded)';
/** What an engine that does not count 127.0.0.1 as trustworthy would do to an image: upgrade it (a fetch() it would block). */
const LOOPBACK_UPGRADED: Counterfactual = { label: 'upgraded to https (127.0.0.1 not counted as trustworthy)', server: { schemes: ['https'] } };
const LOOPBACK_BLOCKED: Counterfactual = { label: 'blocked as mixed content (127.0.0.1 not counted as trustworthy)', server: { requests: 0, schemes: [] } };
const MAIN_FETCH_HOPS = `${MAIN_FETCH} (mixed-content upgrade and block checks run again for every redirect hop)`;
const TAINTED_ORIGIN = 'https://fetch.spec.whatwg.org/#concept-http-redirect-fetch (tainted origin flag) and https://fetch.spec.whatwg.org/#serializing-a-request-origin';
const SET_COOKIE_STORED = `${NETWORK_FETCH} (Set-Cookie is stored when includeCredentials)`;
const CHIPS = 'https://datatracker.ietf.org/doc/draft-cutler-httpbis-partitioned-cookies/ (CHIPS: Partitioned cookies are kept per top-level site and sent within it)';

const PNG: MakeSpec = { body: 'png', cache: 'no-store' };
const row = rowBuilder('secure');

export const scenarios: Scenario[] = [
  // --- an https viewer, loopback http tiles (potentially trustworthy: not mixed content) ---
  row('secure/loopback-http-fetch-from-https', {
    title: 'An https viewer fetch()ing http://127.0.0.1 is not mixed content (127.0.0.0/8 is potentially trustworthy): the request goes out over http',
    scheme: 'https',
    action: { kind: 'fetch', target: { origin: 'imageCrossSite', scheme: 'http', make: { acao: ['*'] } } },
    spec: { observed: { result: 'readable' }, server: { requests: 1, schemes: ['http'] }, cite: LOOPBACK_TRUSTWORTHY },
    counterfactuals: [{ ...LOOPBACK_BLOCKED, observed: { result: 'blocked' } }, { ...LOOPBACK_UPGRADED, server: { requests: 1, schemes: ['https'] } }],
  }),
  row('secure/loopback-http-img-from-https', {
    title: 'An https viewer\'s plain <img> of an http://127.0.0.1 tile loads over http, not upgraded (127.0.0.0/8 is potentially trustworthy)',
    scheme: 'https',
    action: { kind: 'image', target: { origin: 'imageCrossSite', scheme: 'http', make: PNG } },
    spec: { observed: { result: 'loaded' }, server: { requests: 1, schemes: ['http'], origins: ['absent'] }, cite: LOOPBACK_TRUSTWORTHY },
    counterfactuals: [LOOPBACK_UPGRADED, { ...LOOPBACK_BLOCKED, observed: { result: 'error' } }],
  }),
  row('secure/loopback-http-img-crossorigin-from-https', {
    title: '<img crossorigin=anonymous> of an http://127.0.0.1 tile from an https viewer loads over http and, with ACAO *, draws clean',
    scheme: 'https',
    action: { kind: 'image', target: { origin: 'imageCrossSite', scheme: 'http', make: { ...PNG, acao: ['*'] } }, crossOrigin: 'anonymous', use: ['2d'] },
    spec: { observed: { result: 'loaded', canvas: { '2d': 'clean' } }, server: { requests: 1, schemes: ['http'], origins: ['viewer'] }, cite: `${LOOPBACK_TRUSTWORTHY}; https://html.spec.whatwg.org/multipage/canvas.html#security-with-canvas-elements` },
    counterfactuals: [LOOPBACK_UPGRADED, { ...LOOPBACK_BLOCKED, observed: { result: 'error' } }],
  }),

  // --- redirects between the schemes ---
  row('secure/redirect-https-to-loopback-http-fetch', {
    title: 'fetch() from https redirected (302) to http://127.0.0.1: followed over http, and the cross-origin hop carries Origin: null',
    scheme: 'https',
    action: { kind: 'fetch', target: { origin: 'image', make: { status: 302, acao: ['*'], location: { origin: 'imageCrossSite', scheme: 'http', make: { acao: ['*'] } } } } },
    spec: { observed: { result: 'readable' }, server: { requests: 2, schemes: ['https', 'http'], origins: ['viewer', 'null'] }, cite: `${MAIN_FETCH_HOPS}; ${LOOPBACK_TRUSTWORTHY}; ${TAINTED_ORIGIN}` },
    counterfactuals: [
      { label: 'the http hop blocked (127.0.0.1 not counted as trustworthy)', observed: { result: 'blocked' }, server: { requests: 1, schemes: ['https'], origins: ['viewer'] } },
      { label: 'the hop keeps the page Origin', server: { origins: ['viewer', 'viewer'] } },
    ],
    fix: 'Never redirect an https URL to http (behind a TLS-terminating proxy, build Location from the forwarded scheme): on a non-loopback host the browser blocks it as mixed content.',
  }),
  row('secure/redirect-https-to-loopback-http-img', {
    title: '<img> from https redirected (302) to an http://127.0.0.1 tile: followed over http (127.0.0.0/8 is potentially trustworthy)',
    scheme: 'https',
    action: { kind: 'image', target: { origin: 'image', make: { status: 302, location: { origin: 'imageCrossSite', scheme: 'http', make: PNG } } } },
    spec: { observed: { result: 'loaded' }, server: { requests: 2, schemes: ['https', 'http'] }, cite: `${MAIN_FETCH_HOPS}; ${LOOPBACK_TRUSTWORTHY}` },
    counterfactuals: [{ label: 'the http hop upgraded', server: { schemes: ['https', 'https'] } }, { label: 'the http hop blocked', observed: { result: 'error' }, server: { requests: 1, schemes: ['https'] } }],
    fix: 'Never redirect an https URL to http (behind a TLS-terminating proxy, build Location from the forwarded scheme).',
  }),
  row('secure/redirect-http-to-https-same-host', {
    title: 'An http viewer fetch()ing http info.json that 301s to https on the same host: the https hop carries Origin: null, ACAO * still reads',
    action: { kind: 'fetch', target: { origin: 'image', make: { status: 301, acao: ['*'], location: { origin: 'image', scheme: 'https', make: { acao: ['*'] } } } } },
    spec: { observed: { result: 'readable', status: 200, redirected: true }, server: { requests: 2, schemes: ['http', 'https'], origins: ['viewer', 'null'] }, cite: TAINTED_ORIGIN },
  }),
  row('secure/redirect-http-to-https-allowlist-fails', {
    title: 'The same http → https hop against an allow-list (ACAO = the viewer origin) fails: the hop\'s Origin is null',
    action: { kind: 'fetch', target: { origin: 'image', make: { status: 301, acao: ['*'], location: { origin: 'image', scheme: 'https', make: { acao: ['{viewer}'], vary: 'Origin' } } } } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 2, schemes: ['http', 'https'], origins: ['viewer', 'null'] }, cite: TAINTED_ORIGIN },
    fix: 'Link to the https URLs directly (ids in info.json and manifests on https), so no cross-origin redirect happens before the CORS check; an allow-list cannot match the null Origin of a redirected request.',
  }),

  // --- third-party cookies as sites send them (https, Secure) ---
  row('secure/third-party-set-cookie-sent', {
    title: 'A SameSite=None; Secure cookie set by a cross-site credentialed response is sent on the next credentialed request to that site',
    scheme: 'https',
    isolation: 'cookies',
    action: {
      kind: 'sequence',
      steps: [
        { kind: 'fetch', target: { origin: 'imageCrossSite', make: { ...ALLOW, set_cookie: ['c_{token}=1; Path=/; Max-Age=300; Secure; SameSite=None'] } }, credentials: 'include' },
        { kind: 'fetch', target: { origin: 'imageCrossSite', make: ALLOW }, credentials: 'include' },
      ],
    },
    spec: { observed: { result: 'done', steps: [{ result: 'readable' }, { result: 'readable' }] }, server: { requests: 2, preflights: 0, cookie: true }, cite: `${SET_COOKIE_STORED}; ${COOKIE_POLICY}` },
  }),
  row('secure/chips-partitioned-cookie-sent', {
    title: 'A Partitioned (CHIPS) cookie set by a cross-site credentialed response is sent on the next credentialed request from the same top-level site',
    scheme: 'https',
    isolation: 'cookies',
    action: {
      kind: 'sequence',
      steps: [
        { kind: 'fetch', target: { origin: 'imageCrossSite', make: { ...ALLOW, set_cookie: ['c_{token}=1; Path=/; Max-Age=300; Secure; SameSite=None; Partitioned'] } }, credentials: 'include' },
        { kind: 'fetch', target: { origin: 'imageCrossSite', make: ALLOW }, credentials: 'include' },
      ],
    },
    spec: { observed: { result: 'done', steps: [{ result: 'readable' }, { result: 'readable' }] }, server: { requests: 2, preflights: 0, cookie: true }, basis: 'draft', cite: `${SET_COOKIE_STORED}; ${CHIPS}` },
  }),
  row('secure/img-use-credentials-third-party-cookie', {
    title: '<img crossorigin=use-credentials> to a cross-site host sends its SameSite=None; Secure cookie and, with exact ACAO + ACAC, draws clean',
    scheme: 'https',
    isolation: 'cookies',
    setup: { cookie: { origin: 'imageCrossSite', attributes: 'SameSite=None; Secure' } },
    action: { kind: 'image', target: { origin: 'imageCrossSite', make: { ...ALLOW, ...PNG } }, crossOrigin: 'use-credentials', use: ['2d'] },
    spec: {
      observed: { result: 'loaded', canvas: { '2d': 'clean' } },
      server: { requests: 1, preflights: 0, origins: ['viewer'], cookie: true },
      cite: `https://html.spec.whatwg.org/multipage/urls-and-fetching.html#cors-settings-attributes; https://fetch.spec.whatwg.org/#cors-check; ${COOKIE_POLICY}`,
    },
  }),
];
