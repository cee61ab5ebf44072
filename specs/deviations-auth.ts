// Engine deviations of the auth family (specs/scenarios/auth.ts), kept apart from
// specs/deviations.ts (other branches edit that file) and merged into it there. Each is a whole
// outcome with its citation, declared after observing; the expectations were not edited. Third-party
// cookie blocking is not here: rfc6265bis §7.1 permits it, so the rows list it as a `policy` outcome.

import type { Deviations } from '../harness/scenarios/types.ts';
import type { Observation } from '../contract/page.ts';

const WEBKIT_NO_CHIPS =
  'WebKitGTK ignores the Partitioned attribute (CHIPS, https://datatracker.ietf.org/doc/draft-cutler-httpbis-partitioned-cookies/): the cookie set top-level on 127.0.0.1 is kept unpartitioned and sent to 127.0.0.1 framed under localhost, as any cookie set first-party (WebKitGTK\'s policy refuses only cookies set by third parties). Observed on WebKitGTK MiniBrowser 2.50.6, 2026-12-04; no upstream report found';
const WEBKIT_NONE_WITHOUT_SECURE =
  'WebKitGTK stores a SameSite=None cookie without Secure, which the storage model ignores (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.7). Observed on WebKitGTK MiniBrowser 2.50.6, 2026-12-04; no upstream report found';

const SHOWN: Observation = { result: 'done', auth: { probe: '401', access: 'closed', token: 'AuthAccessToken2', storageAccess: 'not-asked', 'probe-with-token': '200', tile: 'shown' } };
const FLOW_SERVED = { preflights: 1, requests: 7, cookies: [false, false, false, false, true, false, true] };

export const AUTH_DEVIATIONS: Deviations = {
  'auth/flow-cross-site-partitioned-cookie': { webkit: { observed: SHOWN, server: FLOW_SERVED, cite: WEBKIT_NO_CHIPS } },
  'auth/flow-cookie-none-without-secure': { webkit: { observed: SHOWN, server: FLOW_SERVED, cite: WEBKIT_NONE_WITHOUT_SECURE } },
};
