// Mixed content on a host *name* (part of the secure family): http://tiles.example.test, which the
// engine reaches on loopback only because it was launched with that name mapped (Chromium
// --host-resolver-rules, Firefox network.dns.localDomains, WebKitGTK the pass-through proxy:
// launchEngine's mapHosts), bound in specs/mixed-content-named.spec.ts. Not potentially trustworthy
// by URL, and, unlike an IP address (mixed-content.ts), a name the Mixed Content upgrade algorithm
// upgrades: a plain <img> must go out over https (the fixture leaf covers the name).
// The viewer page is on that name too (https://tiles.example.test:<viewer port>), as a user's viewer
// is on a real host (Firefox neither upgrades nor blocks mixed images from an https://localhost
// page). The first row is the control: the mapping works (an https fetch reads), so a blocked row
// means blocked, never "the name did not resolve".

import type { Scenario } from '../../harness/scenarios/types.ts';
import { MIXED_BLOCK_FETCH, MIXED_PROHIBITS, MIXED_UPGRADE, TRUSTWORTHY_URL } from './citations.ts';
import { rowBuilder } from './vocabulary.ts';
import type { MakeSpec } from '../../contract/page.ts';
import { withWpt } from './wpt.ts';

const PNG: MakeSpec = { body: 'png', cache: 'no-store' };
const HTTPS_PAGE_HTTP_NAME = `${MIXED_PROHIBITS} (an https page "Prohibits Mixed Security Contexts"); ${TRUSTWORTHY_URL} (http://tiles.example.test is not potentially trustworthy)`;

const row = rowBuilder('secure');

const table: Scenario[] = [
  row('secure/named-host-https-fetch-control', {
    title: 'Control: an https viewer on tiles.example.test fetch()ing https://tiles.example.test (both mapped to the fixture server) reads it, so the name resolves and its certificate is trusted',
    scheme: 'https',
    page: 'viewerNamed',
    action: { kind: 'fetch', target: { origin: 'imageNamed', make: { acao: ['*'] } } },
    spec: { observed: { result: 'readable', status: 200 }, server: { requests: 1, schemes: ['https'], origins: ['viewerNamed'] }, cite: 'https://fetch.spec.whatwg.org/#cors-check (ACAO *)' },
    counterfactuals: [{ label: 'the mapped name did not resolve', observed: { result: 'blocked' }, server: { requests: 0 } }],
  }),
  row('secure/mixed-content-img-http-named-host', {
    title: 'An https viewer\'s plain <img> of http://tiles.example.test (a name, not potentially trustworthy): upgraded to https',
    scheme: 'https',
    page: 'viewerNamed',
    action: { kind: 'image', target: { origin: 'imageNamed', scheme: 'http', make: PNG } },
    // Only the upgrade: the upgrade algorithm returns early only for a trustworthy URL, an IP host, a
    // client that does not restrict mixed content, a destination other than image/audio/video, or
    // imageset; otherwise "set request's URL's scheme to https". "Otherwise it will block the load"
    // is a non-normative example (§ Terminology), and the user override (§ requirements-user-controls) is no default.
    spec: {
      observed: { result: 'loaded' },
      server: { requests: 1, schemes: ['https'] },
      cite: `${HTTPS_PAGE_HTTP_NAME}; ${MIXED_UPGRADE} (none of its early returns applies to a plain <img> on a named host: "Set request's URL's scheme to \\"https\\""), called unconditionally by https://fetch.spec.whatwg.org/#concept-main-fetch`,
    },
    counterfactuals: [
      { label: 'loaded over http', observed: { result: 'loaded' }, server: { requests: 1, schemes: ['http'] } },
      { label: 'blocked instead of upgraded', observed: { result: 'error' }, server: { requests: 0, schemes: [] } },
    ],
    fix: 'Serve tiles over https and write https URLs: a browser may upgrade an http image on a named host, but only if the same URL answers over https.',
  }),
  row('secure/mixed-content-fetch-http-named-host', {
    title: 'An https viewer fetch()ing http://tiles.example.test: fetch() (destination "") is not upgradeable, so blocked',
    scheme: 'https',
    page: 'viewerNamed',
    action: { kind: 'fetch', target: { origin: 'imageNamed', scheme: 'http', make: { acao: ['*'] } } },
    spec: { observed: { result: 'blocked', error: 'TypeError' }, server: { requests: 0 }, cite: `${HTTPS_PAGE_HTTP_NAME}; ${MIXED_UPGRADE} (returns without upgrading: "request's destination is not \\"image\\", \\"audio\\", or \\"video\\"", fetch()'s destination is ""); ${MIXED_BLOCK_FETCH} (then "Return blocked")` },
    counterfactuals: [
      { label: 'sent over http', observed: { result: 'readable' }, server: { requests: 1, schemes: ['http'] } },
      { label: 'upgraded to https', observed: { result: 'readable' }, server: { requests: 1, schemes: ['https'] } },
    ],
  }),
];

/** With each row's WPT counterparts (wpt.ts). */
export const scenarios: Scenario[] = withWpt(table);
