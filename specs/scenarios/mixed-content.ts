// Mixed content proper (part of the secure family): an https viewer and http tiles on an origin
// that is not potentially trustworthy. Loopback http (http://localhost, http://127.0.0.1) is
// potentially trustworthy, so it is never mixed content (those rows are in secure.ts); these use
// the machine's own non-loopback address (`imageRemote`, `viewerRemote`, fixtures/origins.ts),
// which every engine reaches without any host mapping. No such address: the rows fail loudly.
// The viewer page is there too (https://<address>:<viewer port>), as a user's viewer is on a real
// host: Firefox treats mixed images from an https://localhost page differently (loads them over
// http, unblocked and not upgraded), so a loopback viewer would measure the harness, not the web.
//
// The host is an IP address, and the Mixed Content upgrade algorithm never upgrades an IP host, so
// what the spec permits here is blocked (no request reaches the server), for <img> too: an engine
// that upgrades the image to https, or loads it over http, departs from the text (deviations.ts).
// Every fixture port also speaks https, with the local CA's leaf covering the address, so an
// upgraded request would arrive (scheme `https` in the log) rather than fail unseen.

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { CANVAS_SECURITY, MAIN_FETCH, MIXED_BLOCK_FETCH, MIXED_PROHIBITS, MIXED_UPGRADE, REDIRECT_TAINT, TRUSTWORTHY_URL } from './citations.ts';
import { rowBuilder } from './vocabulary.ts';
import type { MakeSpec } from '../../contract/page.ts';

const PNG: MakeSpec = { body: 'png', cache: 'no-store' };
/** An https page prohibits mixed security contexts; the http URL on an IP host is not potentially trustworthy. */
const HTTPS_PAGE_HTTP_URL = `${MIXED_PROHIBITS} (an https page "Prohibits Mixed Security Contexts"); ${TRUSTWORTHY_URL} (http on a non-loopback address is not potentially trustworthy)`;
const BLOCKED_FETCH = `${MIXED_UPGRADE} (returns without upgrading: fetch()'s destination "" is not "image", "audio" or "video"); ${MIXED_BLOCK_FETCH} (not potentially trustworthy: "Return blocked")`;
const NO_UPGRADE_FOR_IP = `${MIXED_UPGRADE} ("request's URL's host is an IP address": not upgraded); ${MIXED_BLOCK_FETCH} (then blocked)`;
const EVERY_HOP = `${MAIN_FETCH} (the mixed-content upgrade and block checks run again for every redirect hop, through HTTP-redirect fetch)`;

const SENT_OVER_HTTP: Counterfactual = { label: 'sent over http (not treated as mixed content)', server: { requests: 1, schemes: ['http'] } };
const UPGRADED: Counterfactual = { label: 'upgraded to https', server: { requests: 1, schemes: ['https'] } };

const row = rowBuilder('secure');

export const scenarios: Scenario[] = [
  row('secure/mixed-content-fetch-http-tile', {
    title: 'An https viewer fetch()ing an http tile on a non-loopback address (not potentially trustworthy): blocked as mixed content, nothing reaches the server',
    scheme: 'https',
    page: 'viewerRemote',
    action: { kind: 'fetch', target: { origin: 'imageRemote', scheme: 'http', make: { acao: ['*'] } } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 0, preflights: 0 }, cite: `${HTTPS_PAGE_HTTP_URL}; ${BLOCKED_FETCH}` },
    counterfactuals: [{ ...SENT_OVER_HTTP, observed: { result: 'readable' } }, UPGRADED],
    fix: 'Serve tiles (and every id in info.json and manifests) over https: an https viewer cannot fetch http tiles from a real host.',
  }),
  row('secure/mixed-content-img-http-tile', {
    title: 'An https viewer\'s plain <img> of an http tile on a non-loopback IP address: not upgraded (an IP host) and so blocked',
    scheme: 'https',
    page: 'viewerRemote',
    action: { kind: 'image', target: { origin: 'imageRemote', scheme: 'http', make: PNG } },
    spec: { observed: { result: 'error' }, server: { requests: 0 }, cite: `${HTTPS_PAGE_HTTP_URL}; ${NO_UPGRADE_FOR_IP}` },
    counterfactuals: [{ ...SENT_OVER_HTTP, observed: { result: 'loaded' } }, { ...UPGRADED, observed: { result: 'loaded' } }],
    fix: 'Serve tiles over https (an http image on a named host may be upgraded to https by the browser, on an IP address it is blocked).',
  }),
  row('secure/mixed-content-img-crossorigin-http-tile', {
    title: '<img crossorigin=anonymous> of an http tile on a non-loopback IP address from an https viewer (as OpenSeadragon loads tiles): not upgraded (an IP host), so blocked',
    scheme: 'https',
    page: 'viewerRemote',
    action: { kind: 'image', target: { origin: 'imageRemote', scheme: 'http', make: { ...PNG, acao: ['*'] } }, crossOrigin: 'anonymous', use: ['2d'] },
    spec: { observed: { result: 'error' }, server: { requests: 0 }, cite: `${HTTPS_PAGE_HTTP_URL}; ${NO_UPGRADE_FOR_IP} (the algorithm has no CORS-mode condition: on a named host it would upgrade this request, although § category-upgradeable's prose says CORS requests are force-failed); ${CANVAS_SECURITY}` },
    counterfactuals: [{ ...SENT_OVER_HTTP, observed: { result: 'loaded' } }, { ...UPGRADED, observed: { result: 'loaded' } }],
    fix: 'Serve tiles over https: an http tile on an IP address is blocked, and CORS-mode tile loads are not reliably upgraded on named hosts either.',
  }),
  row('secure/mixed-content-redirect-https-to-http-fetch', {
    title: 'fetch() of an https tile that redirects (302) to http on a non-loopback address: the http hop is blocked as mixed content',
    scheme: 'https',
    page: 'viewerRemote',
    action: { kind: 'fetch', target: { origin: 'imageRemote', make: { status: 302, acao: ['*'], location: { origin: 'imageRemote', scheme: 'http', make: { acao: ['*'] } } } } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 1, schemes: ['https'], origins: ['viewerRemote'] }, cite: `${EVERY_HOP}; ${BLOCKED_FETCH}` },
    counterfactuals: [{ label: 'redirect followed over http', observed: { result: 'readable' }, server: { requests: 2, schemes: ['https', 'http'], origins: ['viewerRemote', 'null'] } }],
    fix: 'Never redirect an https URL to http (behind a TLS-terminating proxy, build Location from the forwarded scheme, e.g. X-Forwarded-Proto).',
  }),
  row('secure/mixed-content-redirect-https-to-http-img', {
    title: '<img> of an https tile that redirects (302) to http on a non-loopback IP address: the http hop is not upgraded (an IP host) and is blocked',
    scheme: 'https',
    page: 'viewerRemote',
    action: { kind: 'image', target: { origin: 'imageRemote', make: { status: 302, location: { origin: 'imageRemote', scheme: 'http', make: PNG } } } },
    spec: { observed: { result: 'error' }, server: { requests: 1, schemes: ['https'] }, cite: `${EVERY_HOP}; ${NO_UPGRADE_FOR_IP}` },
    counterfactuals: [
      { label: 'redirect followed over http', observed: { result: 'loaded' }, server: { requests: 2, schemes: ['https', 'http'] } },
      { label: 'redirect upgraded to https', observed: { result: 'loaded' }, server: { requests: 2, schemes: ['https', 'https'] } },
    ],
    fix: 'Never redirect an https URL to http (behind a TLS-terminating proxy, build Location from the forwarded scheme, e.g. X-Forwarded-Proto).',
  }),
  row('secure/redirect-http-to-https-remote', {
    title: 'An http viewer on a non-loopback address fetch()ing http info.json that 301s to https on the same host (the hop IIIF servers add): followed, the https hop carries Origin: null, ACAO * reads',
    page: 'viewerRemote',
    action: { kind: 'fetch', target: { origin: 'imageRemote', make: { status: 301, acao: ['*'], location: { origin: 'imageRemote', scheme: 'https', make: { acao: ['*'] } } } } },
    spec: {
      observed: { result: 'readable', status: 200, redirected: true },
      server: { requests: 2, schemes: ['http', 'https'], origins: ['viewerRemote', 'null'] },
      cite: `${REDIRECT_TAINT}; ${MIXED_PROHIBITS} (an http page on a non-loopback address does not restrict mixed content, and the hop to https is potentially trustworthy)`,
    },
    counterfactuals: [{ label: 'the https hop blocked', observed: { result: 'blocked' }, server: { requests: 1, schemes: ['http'] } }, { label: 'the hop keeps the page Origin', server: { origins: ['viewerRemote', 'viewerRemote'] } }],
  }),
];
