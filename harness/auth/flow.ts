// Walks our Auth 2.0 client page (fixtures/auth/client-page.ts) through a scenario's steps as a person
// would: the login and logout windows open from a real click on the client's buttons, the login form
// is typed into and submitted in the access window, a storage-access prompt in the token iframe is
// clicked; everything else is the client's own script. Returns what the client saw per step.

import type { Origins } from '../../fixtures/origins.ts';
import type { AuthObservation } from '../../contract/auth.ts';
import type { Observation, ResolvedOf } from '../../contract/page.ts';
import type { Probe } from '../engines/types.ts';

type Client = { authClient: Record<string, (...args: unknown[]) => unknown> & { state: Record<string, string> } };
/** Calls one of the client page's functions (self-contained: it is sent into the page as source). */
const callClient = ({ name, args }: { name: string; args: unknown[] }) => {
  const c = (window as unknown as Client).authClient;
  return name === 'state' ? c.state[args[0] as string] : c[name]!(...args);
};

/** The origin of the token service's iframe (the site that asks for storage access). */
const tokenFrameOrigin = () => new URL((document.getElementById('token-frame') as HTMLIFrameElement).src).origin;

/** How long a window may take to close itself, and a token message to come. */
const WINDOW_MS = 8_000;
const TOKEN_MS = 8_000;

export async function runAuthFlow(probe: Probe, action: ResolvedOf<'auth'>, origins: Origins): Promise<Observation> {
  const auth: AuthObservation = {};
  const roleOf = (origin: string) => Object.entries(origins).find(([, o]) => o === origin)?.[0] ?? origin;
  await probe.open(action.clientUrl);
  const call = <R>(name: string, ...args: unknown[]) => probe.run(callClient, { name, args }) as Promise<R>;
  const ready = await call<string>('init', { info: action.url, claimOrigin: action.claimOrigin });
  if (ready !== 'ok') throw new Error(`the client could not start: ${ready}`);
  try {
    for (const step of action.steps) {
      switch (step) {
        case 'probe':
        case 'probe-with-token':
          auth[step] = await call<string>('probe', step === 'probe-with-token');
          break;
        case 'login': {
          await probe.click('#auth-login');
          const opened = await call<string>('state', 'access');
          if (opened === 'opened') {
            await probe.type('#username', 'reader', { popup: true });
            await probe.type('#password', 'secret', { popup: true });
            await probe.click('#sign-in', { popup: true });
          }
          auth['access'] = await call<string>('windowClosed', 'access', WINDOW_MS);
          break;
        }
        case 'kiosk':
          await call('openAccess');
          auth['access'] = await call<string>('windowClosed', 'access', WINDOW_MS);
          break;
        case 'token':
        case 'token-again': {
          await call('startToken', { rogueUrl: action.rogueUrl });
          let seen = await call<TokenState>('tokenState', TOKEN_MS);
          if (seen.storageAccess === 'needs-click' && action.storageAccessClick) {
            // The person answers the browser's storage-access prompt "Allow" where the engine takes
            // an answer; Chromium 156 does not, and its prompt goes unanswered (docs/auth.md).
            await probe.allowPermission?.('storage-access', await probe.run(tokenFrameOrigin, null));
            await probe.click('#storage-access', { frame: '#token-frame' });
            // The token page's answer follows its storage-access report (granted, denied); a prompt
            // nobody answers leaves it pending, and the wait ends at TOKEN_MS.
            seen = await call<TokenState>('tokenState', TOKEN_MS, true);
          }
          auth[step] = seen.token;
          if (step === 'token') auth['storageAccess'] = seen.storageAccess;
          if (seen.ignored.length) auth['ignored'] = [...new Set(seen.ignored.map((o) => (o === 'messageId' ? o : roleOf(o))))].join(' ');
          break;
        }
        case 'tile':
        case 'tile-again':
          auth[step] = await call<string>('tile');
          break;
        case 'logout':
          await probe.click('#auth-logout');
          auth['logout'] = await call<string>('windowClosed', 'logout', WINDOW_MS);
          break;
      }
    }
  } finally {
    await probe.closeOtherWindows();
  }
  return { result: 'done', auth };
}

interface TokenState {
  token: string;
  storageAccess: string;
  ignored: string[];
}
