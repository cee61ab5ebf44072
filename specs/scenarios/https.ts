// The https dimension of the catalogue, without a second copy of any table: the scenarios listed
// here also run with every fixture origin on https (page, targets, cookies), as
// `<id>@https`, e.g. `credentialed/cookie-cross-site-none@https` next to
// `credentialed/cookie-cross-site-none`. Same action, same spec verdict (the Fetch algorithms do not
// depend on the scheme); engines that differ on https get their own deviation under the @https id.
//
// Chosen where https changes what engines do or what users meet: every cookie row (Secure and
// SameSite=None need https), every row with a declared deviation (to tell set-up artefacts from
// engine behaviour), caches (Chromium does not cache certificate-error responses, so an untrusted
// https set-up would hide cache behaviour), and one or two basics of each family.
// Rows that only exist over https (mixed content, http ↔ https hops, CHIPS) are in secure.ts.
// An @https id is never written out: grep the id without the suffix to find its row (and this list).

import type { Scenario } from '../../harness/scenarios/types.ts';

export const HTTPS_SUFFIX = '@https';

export const HTTPS_VARIANT_IDS: readonly string[] = [
  // simple
  'simple/no-acao',
  'simple/acao-star',
  'simple/acao-exact-origin',
  'simple/cross-site-star',
  'simple/no-cors-opaque',
  // credentialed: every cookie row, and the readable/unreadable basics
  'credentialed/include-acao-star',
  'credentialed/include-exact-acac-true',
  'credentialed/cookie-same-site-cross-port',
  'credentialed/cookie-not-port-scoped',
  // (the cookie-cross-site rows write their @https rows out: Secure cookies need https, so they differ by scheme)
  'credentialed/omit-no-cookie',
  'credentialed/same-origin-mode-no-cookie',
  'credentialed/set-cookie-stored-with-credentials',
  'credentialed/img-use-credentials-exact-acac',
  'credentialed/img-anonymous-no-cookie',
  'credentialed/xhr-with-credentials-acac-true',
  // preflight
  'preflight/method-put-allowed',
  'preflight/header-allowed',
  'preflight/iiif-accept-profile',
  'preflight/authorization-acah-star',
  'preflight/cache-max-age-5',
  'preflight/cache-max-age-negative',
  'preflight/cache-uncredentialed-after-credentialed',
  // redirect
  'redirect/same-to-cross-302',
  'redirect/cross-to-other-star',
  'redirect/cross-to-other-acao-null',
  'redirect/iiif-base-uri-303',
  'redirect/userinfo-same-origin',
  // canvas
  'canvas/no-crossorigin-tainted',
  'canvas/anonymous-acao-star-clean',
  'canvas/same-origin-anonymous-clean',
  'canvas/same-to-cross-redirect-anonymous-clean',
  'canvas/webgl-clean',
  'canvas/reset-clears-taint',
  'canvas/cache-poisoned-acao-if-origin',
  'canvas/cache-vary-origin-clean',
  'canvas/iiif-tile-correct-anonymous-clean',
];

/** The https variant of a scenario: every origin on https, id `<id>@https`. */
function overHttps(scenario: Scenario): Scenario {
  return { ...scenario, id: `${scenario.id}${HTTPS_SUFFIX}`, scheme: 'https', title: `${scenario.title} [https]` };
}

/** A family table followed by the https variants of its listed rows (each right after its http row). */
export function withHttpsVariants(table: Scenario[]): Scenario[] {
  return table.flatMap((s) => (HTTPS_VARIANT_IDS.includes(s.id) ? [s, overHttps(s)] : [s]));
}
