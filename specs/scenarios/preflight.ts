// CORS preflights: which requests need one, what the OPTIONS request carries (ACRM/ACRH, no
// cookies), which answers let the actual request through (methods, headers, wildcards, status,
// redirects, malformed lists) and how long the answer is cached (Access-Control-Max-Age).
// Basis: reference notes scenarios 16–27, 45, 46, 49 and WPT fetch/api/cors/cors-preflight*.any.js.
//
// Fixture limit: node's HTTP parser answers methods it does not know (WPT's `NEW`, any lower-case
// method) with a bare 400 before any handler runs; the server logs those requests from their raw
// bytes (fixtures/request-log.ts, `rejected`), so a browser that sent one is seen. Allowed custom
// methods use PROPFIND (unknown to Fetch, known to node) so the actual request can succeed.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { scenarios as answers } from './preflight-answers.ts';
import { scenarios as cache } from './preflight-cache.ts';
import { scenarios as cacheCrossSite } from './preflight-cache-cross-site.ts';
import { scenarios as headers } from './preflight-headers.ts';
import { scenarios as methods } from './preflight-methods.ts';

// The family's sub-tables, in catalogue order (preflight-triggers.ts follows them in index.ts).
export const scenarios: Scenario[] = [...methods, ...headers, ...answers, ...cache, ...cacheCrossSite];
