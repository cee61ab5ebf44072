// Certify for IIIF Authorization Flow 2.0: when an info.json declares an AuthProbeService2, check
// from Node what a viewer needs from each service, without ever logging in (no credentials, no
// cookie is sent to the target; the access service itself is reported as not checked):
//   probe        CORS on the probe (GET) and a preflight allowing Authorization (the token probe)
//   token        the token page's postMessage target is the origin parameter, never "*"; an origin
//                the service does not trust is refused (AuthAccessTokenError2 invalidOrigin)
//   cookie       the access cookie's attributes, as the logout service's clearing Set-Cookie names
//                them: SameSite=None; Secure, not Partitioned
//   deployment   the services on the images' host (else the cookie never reaches the tiles)
//   tiles        credentialed CORS on tiles: the request origin echoed, ACAC true, Vary: Origin
// Then, per engine, which step stops a viewer on another site, from the auth family's observations.

import type { AuthCertify } from '../../contract/certify.ts';
import { AUTH_STEPS, type AuthCheckStep, engineAnswers } from './auth-engines.ts';

export { AUTH_STEPS, type AuthCheckStep };
export type AuthCheckStatus = 'pass' | 'fail' | 'warn' | 'not-checked';

/** One check of one step, and the whole Auth 2.0 result: declared once, in the contract certify's JSON follows. */
export type AuthCheck = AuthCertify['checks'][number];
export type AuthCertifyResult = AuthCertify;

/** One request without credentials (certify's SafeFetch in the CLI; app.request in tests). */
export type AuthRequest = (method: 'GET' | 'OPTIONS', url: string, headers: Record<string, string>) => Promise<{ status: number; headers: Headers; body: string }>;

const ATTACKER = 'https://cors-certify-attacker.example';
type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : v && typeof v === 'object' ? [v as Json] : []);
const idOf = (s: Json | undefined) => (s ? String(s['id'] ?? s['@id'] ?? '') : '');

/** The Auth 2.0 services an info.json declares, or null when it declares none. */
export function authServicesOf(info: Json): AuthCertifyResult['services'] | null {
  const probe = list(info['service']).find((s) => s['type'] === 'AuthProbeService2');
  const access = list(probe?.['service']).find((s) => s['type'] === 'AuthAccessService2');
  if (!probe || !access) return null;
  const nested = list(access['service']);
  const find = (type: string) => idOf(nested.find((s) => s['type'] === type)) || null;
  return { probe: idOf(probe), access: idOf(access), profile: String(access['profile'] ?? ''), token: find('AuthAccessTokenService2'), logout: find('AuthLogoutService2') };
}

/** The target and message of the token page's postMessage call, as far as its source says them literally. */
export function tokenPageMessage(html: string): { target: string | null; message: Json | null } {
  const call = /postMessage\(\s*(\{[\s\S]*?\})\s*,\s*("[^"]*"|'[^']*')\s*\)/.exec(html);
  if (!call) return { target: null, message: null };
  let message: Json | null;
  try {
    message = JSON.parse(call[1]!) as Json;
  } catch {
    message = null;
  }
  return { target: call[2]!.slice(1, -1), message };
}

export async function certifyAuth(info: Json, viewerOrigin: string, request: AuthRequest): Promise<AuthCertifyResult | null> {
  const services = authServicesOf(info);
  if (!services) return null;
  const checks: AuthCheck[] = [];
  const add = (c: AuthCheck) => checks.push(c);
  const acao = (h: Headers) => h.get('access-control-allow-origin');

  // --- probe ---
  const probe = await request('GET', services.probe, { Origin: viewerOrigin }).catch((e: Error) => e);
  const probeOk = !(probe instanceof Error) && (acao(probe.headers) === viewerOrigin || acao(probe.headers) === '*');
  add({
    id: 'auth-probe-cors', step: 'probe', title: 'Probe service readable cross-origin (GET with Origin)',
    status: probeOk ? 'pass' : 'fail',
    observed: probe instanceof Error ? `no answer: ${probe.message}` : `${probe.status}, Access-Control-Allow-Origin: ${acao(probe.headers) ?? '(none)'}`,
    ...(!probeOk && { fix: 'Answer the probe service with Access-Control-Allow-Origin (the request Origin, or *) on every response.' }),
  });
  const pre = await request('OPTIONS', services.probe, { Origin: viewerOrigin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' }).catch((e: Error) => e);
  const acah = pre instanceof Error ? '' : (pre.headers.get('access-control-allow-headers') ?? '');
  const preOk = !(pre instanceof Error) && pre.status >= 200 && pre.status < 300 && [viewerOrigin, '*'].includes(acao(pre.headers) ?? '') && acah.split(',').some((h) => h.trim().toLowerCase() === 'authorization');
  add({
    id: 'auth-probe-authorization', step: 'probe', title: 'Probe preflight allows Authorization (the probe with the access token)',
    status: preOk ? 'pass' : 'fail',
    observed: pre instanceof Error ? `no answer: ${pre.message}` : `OPTIONS ${pre.status}, ACAO: ${acao(pre.headers) ?? '(none)'}, Access-Control-Allow-Headers: ${acah || '(none)'}`,
    ...(!preOk && { fix: 'Answer OPTIONS on the probe with 2xx, Access-Control-Allow-Origin and Access-Control-Allow-Headers: Authorization (a * does not cover Authorization).' }),
  });

  // --- access: a person's login; certify never sends credentials ---
  add({ id: 'auth-access', step: 'access', title: `Access service (${services.profile})`, status: 'not-checked', observed: 'not checked: logging in needs a person\'s credentials, and certify never sends credentials or cookies to a target' });

  // --- token ---
  if (services.token) {
    const url = (origin: string) => `${services.token}${services.token!.includes('?') ? '&' : '?'}messageId=certify-1&origin=${encodeURIComponent(origin)}`;
    const page = await request('GET', url(viewerOrigin), {}).catch((e: Error) => e);
    const seen = page instanceof Error ? null : tokenPageMessage(page.body);
    const targetOk = seen?.target === viewerOrigin && seen.message?.['messageId'] === 'certify-1';
    add({
      id: 'auth-token-target', step: 'token', title: 'Token page posts to the origin parameter (and echoes messageId)',
      status: seen?.target === '*' ? 'fail' : targetOk ? 'pass' : 'warn',
      observed: page instanceof Error ? `no answer: ${page.message}` : seen?.target === null ? 'no literal postMessage(message, target) call found in the page' : `postMessage(${JSON.stringify(seen?.message ?? null)}, "${seen?.target}")`,
      ...(seen?.target === '*' && { fix: 'Post the token message with window.parent.postMessage(message, origin), origin being the checked origin parameter, never "*".' }),
    });
    const evil = await request('GET', url(ATTACKER), {}).catch((e: Error) => e);
    const answer = evil instanceof Error ? null : tokenPageMessage(evil.body).message;
    const refused = answer?.['type'] === 'AuthAccessTokenError2' && answer['profile'] === 'invalidOrigin';
    add({
      id: 'auth-token-origin-check', step: 'token', title: `Token service refuses an origin it does not trust (${ATTACKER})`,
      status: refused ? 'pass' : 'fail',
      observed: evil instanceof Error ? `no answer: ${evil.message}` : answer ? `answered ${answer['type']}${answer['profile'] ? ` ${answer['profile']}` : ''} (invalidOrigin expected; anything else cannot be told, without logging in, from a service that issues tokens to any origin)` : 'no token message found',
      ...(!refused && { fix: 'Check the origin parameter against the viewers you trust before anything else, and answer others with AuthAccessTokenError2, profile invalidOrigin.' }),
    });
  } else add({ id: 'auth-token-target', step: 'token', title: 'Token service', status: 'fail', observed: 'the access service declares no AuthAccessTokenService2', fix: 'Declare an AuthAccessTokenService2 in the access service.' });

  // --- the access cookie, as the logout service clears it ---
  let cookieDomain: string | null = null;
  if (services.logout) {
    const out = await request('GET', services.logout, {}).catch((e: Error) => e);
    const setCookie = out instanceof Error ? [] : out.headers.getSetCookie();
    const attrs = (line: string) => line.split(';').slice(1).map((a) => a.trim().toLowerCase());
    const line = setCookie[0];
    if (!line) add({ id: 'auth-access-cookie', step: 'access-cookie', title: 'Access cookie attributes', status: 'not-checked', observed: 'not checked: the logout service set no cookie, and the access cookie itself is only set after a login' });
    else {
      const a = attrs(line);
      cookieDomain = a.find((x) => x.startsWith('domain='))?.slice(7) ?? null;
      const problems = [!a.includes('samesite=none') && 'not SameSite=None', !a.includes('secure') && 'not Secure', a.includes('partitioned') && 'Partitioned'].filter(Boolean);
      add({
        id: 'auth-access-cookie', step: 'access-cookie', title: 'Access cookie attributes (from the logout service\'s clearing Set-Cookie)',
        status: problems.length ? 'fail' : 'pass',
        observed: `Set-Cookie: ${line}${problems.length ? ` (${problems.join(', ')})` : ''}`,
        ...(problems.length && { fix: 'Set the access cookie with SameSite=None; Secure and without Partitioned: the token iframe and the tiles are requested from the viewer\'s site.' }),
      });
    }
  } else add({ id: 'auth-access-cookie', step: 'access-cookie', title: 'Access cookie attributes', status: 'not-checked', observed: 'not checked: no logout service to read them from, and the access cookie is only set after a login' });

  // --- deployment: the cookie must reach the tiles ---
  const imageHost = new URL(String(info['id'] ?? info['@id'])).hostname;
  const accessHost = new URL(services.access).hostname;
  const covered = cookieDomain !== null && (imageHost === cookieDomain.replace(/^\./, '') || imageHost.endsWith(`.${cookieDomain.replace(/^\./, '')}`));
  const sameHost = imageHost === accessHost || covered;
  add({
    id: 'auth-deployment', step: 'deployment', title: 'Access service on the images\' host (its cookie reaches the tiles)',
    status: sameHost ? 'pass' : 'fail',
    observed: `images on ${imageHost}, access service on ${accessHost}${cookieDomain ? `, cookie Domain=${cookieDomain}` : ''}`,
    ...(!sameHost && { fix: 'Serve the access, token and logout services from the images\' host, or set the cookie with a Domain that covers it.' }),
  });

  // --- tiles: credentialed CORS ---
  const base = String(info['id'] ?? info['@id']);
  const tile = await request('GET', `${base}/full/${list(info['sizes'])[0]?.['width'] ?? 64},/0/default.jpg`, { Origin: viewerOrigin }).catch((e: Error) => e);
  const th = tile instanceof Error ? null : tile.headers;
  const tileOk = !!th && acao(th) === viewerOrigin && th.get('access-control-allow-credentials') === 'true' && /(^|,)\s*origin\s*(,|$)/i.test(th.get('vary') ?? '');
  add({
    id: 'auth-tiles-credentials', step: 'tiles', title: 'Tiles allow credentialed CORS (origin echoed, ACAC true, Vary: Origin)',
    status: tileOk ? 'pass' : 'fail',
    observed: tile instanceof Error ? `no answer: ${tile.message}` : `${tile.status}, ACAO: ${acao(th!) ?? '(none)'}, ACAC: ${th!.get('access-control-allow-credentials') ?? '(none)'}, Vary: ${th!.get('vary') ?? '(none)'} (asked without the cookie)`,
    ...(!tileOk && { fix: 'Echo the request Origin (from an allow-list) with Access-Control-Allow-Credentials: true and Vary: Origin on every tile response, 401s included.' }),
  });

  const broken = AUTH_STEPS.filter((step) => checks.some((c) => c.step === step && c.status === 'fail'));
  return { services, checks, broken, engines: engineAnswers(broken, viewerOrigin, services.access), verdict: broken.length ? 'fail' : 'pass' };
}
