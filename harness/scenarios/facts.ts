// Reduces the server's log for one scenario token to the facts scenarios assert on: every request,
// preflights included (each preflight's Origin, ACRM and ACRH, not only the first's), and requests
// node's HTTP parser refused before any handler ran (logged by fixtures/request-log.ts).

import { type LoggedRequest, headerOf, type ServerFacts } from '../../contract/server.ts';
import type { RunContext } from './targets.ts';

export const cookieName = (token: string) => `c_${token}`;
export const controlCookieName = (token: string) => `k_${token}`;

export function serverFacts(log: LoggedRequest[], { origins, token }: RunContext): ServerFacts {
  const isPreflight = (r: LoggedRequest) => r.method === 'OPTIONS' && r.accessControlRequestMethod !== null;
  const preflights = log.filter(isPreflight);
  const others = log.filter((r) => !isPreflight(r));
  const carries = (name: string) => (r: LoggedRequest) => (r.cookie ?? '').split(/;\s*/).some((c) => c.startsWith(`${name}=`));
  const carriesCookie = carries(cookieName(token));
  const roleOf = new Map(Object.entries(origins).map(([role, origin]) => [origin, role]));
  const originName = (r: LoggedRequest) => (r.origin === null ? 'absent' : (roleOf.get(r.origin) ?? r.origin));
  return {
    preflights: preflights.length,
    requests: others.length,
    methods: log.map((r) => r.method),
    origins: others.map(originName),
    preflightOrigins: preflights.map(originName),
    cookie: others.some(carriesCookie),
    controlCookie: others.some(carries(controlCookieName(token))),
    schemes: others.map((r) => r.scheme ?? 'http'),
    preflightCookie: preflights.some((r) => r.cookie !== null),
    acrm: preflights[0]?.accessControlRequestMethod ?? null,
    acrh: preflights[0]?.accessControlRequestHeaders ?? null,
    acrms: preflights.map((r) => r.accessControlRequestMethod ?? ''),
    acrhs: preflights.map((r) => r.accessControlRequestHeaders),
    cookies: others.map(carriesCookie),
    statuses: others.map((r) => r.status ?? 0),
    authorization: others.map((r) => headerOf(r, 'authorization') !== null),
    rejected: log.filter((r) => r.rejected).length,
    corsRefetch: others.some((r, i) => r.origin !== null && others.slice(0, i).some((q) => q.origin === null && q.path === r.path)),
  };
}
