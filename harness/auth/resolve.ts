// An auth action's URLs for one run: the image's info.json under the scenario token (so every
// service URL it declares carries the token and lands in the scenario's log), the client page.

import { authUrls } from '../../fixtures/auth/routes.ts';
import type { AuthAction, ResolvedOf } from '../../contract/page.ts';
import type { Origins } from '../../fixtures/origins.ts';

export const AUTH_CLIENT_PATH = '/auth2-client/client.html';
export const AUTH_ROGUE_PATH = '/auth2-client/rogue.html';

/** The part of the executor's run context an auth action needs (not imported: targets.ts imports this file). */
export function resolveAuthAction(action: AuthAction, ctx: { origins: Origins; token: string }): ResolvedOf<'auth'> {
  const { images, claimOrigin, client, ...options } = action;
  return {
    ...options,
    url: authUrls(ctx.origins[images], action.profile, ctx.token).info(),
    // The client page is not evidence: no token in its URL, so it stays out of the scenario's log.
    clientUrl: `${ctx.origins[client ?? 'viewer']}${AUTH_CLIENT_PATH}`,
    ...(claimOrigin && { claimOrigin: ctx.origins[claimOrigin] }),
    ...(action.rogue && { rogueUrl: `${ctx.origins.other}${AUTH_ROGUE_PATH}` }),
  };
}
