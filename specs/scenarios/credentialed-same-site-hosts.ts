// Cookies across hosts of one site (part of the credentialed family): the viewer page on
// http://example.test:<viewer port>, the image server on another host of the same site,
// http://www1.example.test:<image port> (imageSubdomain): cross-origin, same-site, as WPT's
// web-platform.test and www1.web-platform.test. Ports alone (localhost:PV vs localhost:PI) share one
// host and so one cookie jar entry; 127.0.0.1 is another site. WPT runs showed WebKitGTK not sending
// back a cookie set by www1.<site> from <site>. The names reach the fixture server only in browsers
// launched with them mapped (Chromium --host-resolver-rules, Firefox network.dns.localDomains,
// WebKitGTK the pass-through proxy), bound in specs/credentialed-same-site-hosts.spec.ts.
// A request from a top-level page to another host of its own site is same-site: Fetch's "determine
// the same-site mode" returns "strict-or-less", so Set-Cookie is stored (SameSite Strict and Lax
// included) and the cookie retrieved for the next request; only a user agent "configured to disable
// cookies for request" may skip either (Fetch #set-cookie-header / #cookie-header step 1), which an
// engine then declares in specs/deviations.ts. The first row is the control: a cookie set by the
// page's own host (another port) comes back, so cookies work at all on the mapped names.

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import type { FetchAction, MakeSpec } from '../../contract/page.ts';
import { FETCH, NETWORK_FETCH } from './citations.ts';
import { ALLOW, rowBuilder } from './vocabulary.ts';
import { withWpt } from './wpt.ts';

const row = rowBuilder('credentialed');
const include = (origin: 'imageSite' | 'imageSubdomain', make: MakeSpec = {}): FetchAction => ({ kind: 'fetch', target: { origin, make: { ...ALLOW, ...make } }, credentials: 'include' });
const plant = (attributes = '') => `c_{token}=1; Path=/; Max-Age=300${attributes}`;
/** Plant the cookie with a credentialed request's Set-Cookie, then ask again with credentials. */
const plantThenAsk = (origin: 'imageSite' | 'imageSubdomain', attributes = ''): FetchAction[] => [include(origin, { set_cookie: [plant(attributes)] }), include(origin)];

const READ_TWICE = { result: 'done' as const, steps: [{ result: 'readable' as const, status: 200 }, { result: 'readable' as const, status: 200 }] };
/** Two credentialed requests from the site's viewer page; the cookie the first one's answer set came back (the first cannot carry it). */
const SENT_BACK = { requests: 2, preflights: 0, origins: ['viewerSite', 'viewerSite'], cookie: true };
const NOT_SENT: Counterfactual = { label: 'the cookie was not sent back (not stored, or withheld)', server: { cookie: false } };

const SAME_SITE = `${FETCH}/#cookie-infrastructure ("determine the same-site mode": a fetch() from a top-level page, no cross-site ancestor or redirect, is "strict-or-less")`;
const STORED = `${FETCH}/#set-cookie-header (parse and store a cookie given the request's current URL's host; SameSite Strict and Lax allowed when "strict-or-less"); ${NETWORK_FETCH} (includeCredentials)`;
const RETRIEVED = `${FETCH}/#cookie-header (retrieve cookies for the request's current URL's host with that same-site mode)`;
const CITE = `${SAME_SITE}; ${STORED}; ${RETRIEVED}`;

const table: Scenario[] = [
  row('credentialed/same-site-host-control-set-cookie', {
    title: "Control: a cookie set by the page's own host (example.test, another port) with a credentialed response is sent back on the next credentialed request",
    page: 'viewerSite',
    action: { kind: 'sequence', steps: plantThenAsk('imageSite') },
    spec: { observed: READ_TWICE, server: SENT_BACK, cite: CITE },
    counterfactuals: [NOT_SENT],
  }),
  row('credentialed/same-site-subdomain-set-cookie', {
    title: 'A cookie set by another host of the same site (www1.example.test, from an example.test page) is sent back on the next credentialed request to it',
    page: 'viewerSite',
    action: { kind: 'sequence', steps: plantThenAsk('imageSubdomain') },
    spec: { observed: READ_TWICE, server: SENT_BACK, cite: CITE },
    counterfactuals: [NOT_SENT],
  }),
  row('credentialed/same-site-subdomain-set-cookie-lax', {
    title: 'A SameSite=Lax cookie set by another host of the same site is stored and sent back: the requests are same-site',
    page: 'viewerSite',
    action: { kind: 'sequence', steps: plantThenAsk('imageSubdomain', '; SameSite=Lax') },
    spec: { observed: READ_TWICE, server: SENT_BACK, cite: CITE },
    counterfactuals: [NOT_SENT],
  }),
  row('credentialed/same-site-subdomain-set-cookie-strict', {
    title: 'A SameSite=Strict cookie set by another host of the same site is stored and sent back: the requests are same-site',
    page: 'viewerSite',
    action: { kind: 'sequence', steps: plantThenAsk('imageSubdomain', '; SameSite=Strict') },
    spec: { observed: READ_TWICE, server: SENT_BACK, cite: CITE },
    counterfactuals: [NOT_SENT],
  }),
  row('credentialed/same-site-subdomain-first-party-cookie', {
    title: 'A cookie set first-party on www1.example.test (by visiting it) is sent on a credentialed request to it from an example.test page',
    page: 'viewerSite',
    setup: { cookie: { origin: 'imageSubdomain' } },
    action: include('imageSubdomain'),
    spec: { observed: { result: 'readable', status: 200 }, server: { requests: 1, preflights: 0, origins: ['viewerSite'], cookie: true }, cite: `${SAME_SITE}; ${RETRIEVED}` },
    counterfactuals: [{ label: 'the cookie was not sent', server: { cookie: false } }],
  }),
];

export const scenarios: Scenario[] = withWpt(table);
