// @slow: the CORS-preflight cache's Max-Age caps (part of the preflight family, opt-in: run with
// CORS_SLOW=1, as the nightly matrix does). Each row sends a preflighted PUT whose answer allows
// caching for two days, moves the browser's clock forward, and sends the same PUT again: the
// server log says whether a new OPTIONS arrived. In these rows every `wait` step is taken by moving
// the browser's clock (`waits: 'clock'`: harness/engines/clock.ts), never by sleeping; the token makes each URL, and
// so each cache entry, unique to its row.
//
// Fetch lets a user agent cap Max-Age ("If max-age is greater than an imposed limit on max-age,
// then set max-age to the imposed limit", CORS-preflight fetch) and drop entries at any time, so
// after any jump shorter than Max-Age both outcomes are permitted: reused, or preflighted again
// (the engine's cap is below the jump: an engine policy, the basis the matrix counts apart). Rows
// just below and just above each known cap bracket it. The caps were measured before these rows
// were written (clock jumps outside the suite); which outcome each engine takes is recorded in the
// matrix, never asserted per engine: Chromium 7200 s (services/network/public/cpp/cors/
// preflight_result.cc), Firefox 86400 s, WebKit 600 s.
// The first row is the control: after a jump past a short Max-Age every engine must preflight
// again, which shows the jump reached the process that keeps the cache.

import type { Counterfactual, Scenario } from '../../harness/scenarios/types.ts';
import { PREFLIGHT, PREFLIGHT_CACHE } from './citations.ts';
import { twice, row } from './preflight-rows.ts';
import { BLOCKED, READ, open } from './vocabulary.ts';
import { withWpt } from './wpt.ts';
import type { Observation } from '../../contract/page.ts';
import type { Outcome } from '../../contract/verdict.ts';
import type { ServerFacts } from '../../contract/server.ts';

/** Max-Age two days: above every engine's cap, so only the cap (or an eviction) ends the entry. */
const TWO_DAYS = 172_800;
const IMPOSED_LIMIT = `${PREFLIGHT} ("If max-age is greater than an imposed limit on max-age, then set max-age to the imposed limit")`;
const MAY_DROP = `${PREFLIGHT_CACHE} ("Cache entries may be removed before that moment arrives")`;

/** PUT, the clock moved `seconds` forward, the same PUT. */
const putAcrossJump = (maxAge: number, seconds: number) => twice(open({ pf_acam: 'PUT', pf_max_age: maxAge }), { method: 'PUT' }, [{ kind: 'wait', ms: seconds * 1000 }]);
const across = (second: Observation = READ): Observation => ({ result: 'done', steps: [READ, { result: 'done' }, second] });
const facts = (preflights: 1 | 2): Partial<ServerFacts> => ({
  preflights,
  requests: 2,
  methods: preflights === 2 ? ['OPTIONS', 'PUT', 'OPTIONS', 'PUT'] : ['OPTIONS', 'PUT', 'PUT'],
});
const preflightedAgain = (seconds: number): Outcome => ({
  label: `preflighted again: the engine caps Max-Age below ${seconds} s`,
  basis: 'policy',
  observed: across(),
  server: facts(2),
  cite: `${IMPOSED_LIMIT}; ${MAY_DROP}`,
});
const NO_PREFLIGHT_AT_ALL: Counterfactual = { label: 'PUTs sent without any preflight', server: { preflights: 0, methods: ['PUT', 'PUT'] } };
const SECOND_BLOCKED: Counterfactual = { label: 'second PUT blocked', observed: across(BLOCKED) };

/** A jump shorter than Max-Age: reuse and a new preflight are both permitted. */
const capRow = (id: `preflight/${string}`, seconds: number): Scenario =>
  row({
    id,
    title: `Access-Control-Max-Age ${TWO_DAYS}, clock moved ${seconds} s: the second PUT reuses the cached preflight, or is preflighted again where the engine caps Max-Age below ${seconds} s`,
    action: putAcrossJump(TWO_DAYS, seconds),
    observed: across(),
    server: facts(1),
    cite: `${PREFLIGHT_CACHE} (an entry lives until max-age seconds have passed); ${PREFLIGHT} (max-age)`,
    also: [preflightedAgain(seconds)],
    counterfactuals: [NO_PREFLIGHT_AT_ALL, SECOND_BLOCKED],
  });

const table: Scenario[] = [
  row({
    id: 'preflight/cache-clock-max-age-30-expired',
    title: 'Access-Control-Max-Age 30, clock moved 60 s: the entry has expired and the second PUT is preflighted again (the clock control)',
    action: putAcrossJump(30, 60),
    observed: across(),
    server: facts(2),
    cite: `${PREFLIGHT_CACHE} (entries "must be removed after the seconds specified in their max-age field have passed")`,
    counterfactuals: [{ label: 'expired entry reused (the clock did not reach the cache)', server: facts(1) }, SECOND_BLOCKED],
  }),
  capRow('preflight/cache-cap-clock-590s', 590),
  capRow('preflight/cache-cap-clock-610s', 610),
  capRow('preflight/cache-cap-clock-7190s', 7190),
  capRow('preflight/cache-cap-clock-7210s', 7210),
  capRow('preflight/cache-cap-clock-86390s', 86_390),
  capRow('preflight/cache-cap-clock-86410s', 86_410),
];

/** Every row's `wait` moves the clock (so each runs clock-stepped, opt-in @slow), with its WPT counterparts (wpt.ts). */
export const scenarios: Scenario[] = withWpt(table.map((s) => ({ ...s, waits: 'clock' as const })));
