// The third-party cookie rows again (the cross-site SameSite rows, and secure's cookies set or sent
// cross-site), in a browser whose profile allows third-party cookies (Chromium
// profile.cookie_controls_mode=0, Firefox network.cookie.cookieBehavior=0, WebKitGTK MiniBrowser
// --cookies-policy=always: each engine module's thirdPartyCookiesAllowed). In the shipped profiles
// Chromium's and Firefox's third-party-cookie policies, and WebKit's, pre-empt the SameSite question
// in most cells; here no policy applies, so each cell is judged on SameSite and Secure alone. The
// verdicts are the shipped rows' (the standards say the same whatever the profile: a policy is a
// user-agent choice, not a different rule); only the id (`-3pc-allowed`) and the title differ; the WPT counterparts are the shipped row's.
// Bound in specs/third-party-cookies-allowed.spec.ts; deviations under these ids in specs/deviations.ts.
// (The same-site-subdomain rows are left out: their browser also needs host names mapped.)

import type { Scenario } from '../../harness/scenarios/types.ts';
import { scenarios as crossSite } from './credentialed-cross-site.ts';
import { scenarios as secure } from './secure.ts';
import { wptCounterpart } from './wpt.ts';

const PROFILE = ' [profile: third-party cookies allowed]';
const shipped = [...crossSite, ...secure];

/** The shipped row `from`, under the literal id `id`, in the third-party-cookies-allowed profile. */
function inAllowedProfile(id: string, from: string): Scenario {
  const row = shipped.find((s) => s.id === from);
  if (!row) throw new Error(`specs/scenarios/third-party-cookies-allowed.ts: no shipped row ${from} for ${id}`);
  const wpt = wptCounterpart(from);
  return { ...row, id, title: `${row.title}${PROFILE}`, ...(wpt && { wpt }) };
}

export const scenarios: Scenario[] = [
  inAllowedProfile('credentialed/cookie-cross-site-default-3pc-allowed', 'credentialed/cookie-cross-site-default'),
  inAllowedProfile('credentialed/cookie-cross-site-default-3pc-allowed@https', 'credentialed/cookie-cross-site-default@https'),
  inAllowedProfile('credentialed/cookie-cross-site-lax-3pc-allowed', 'credentialed/cookie-cross-site-lax'),
  inAllowedProfile('credentialed/cookie-cross-site-lax-3pc-allowed@https', 'credentialed/cookie-cross-site-lax@https'),
  inAllowedProfile('credentialed/cookie-cross-site-none-3pc-allowed', 'credentialed/cookie-cross-site-none'),
  inAllowedProfile('credentialed/cookie-cross-site-none-3pc-allowed@https', 'credentialed/cookie-cross-site-none@https'),
  inAllowedProfile('secure/third-party-set-cookie-sent-3pc-allowed', 'secure/third-party-set-cookie-sent'),
  inAllowedProfile('secure/chips-partitioned-cookie-sent-3pc-allowed', 'secure/chips-partitioned-cookie-sent'),
  inAllowedProfile('secure/img-use-credentials-third-party-cookie-3pc-allowed', 'secure/img-use-credentials-third-party-cookie'),
];
