// From failing checks to root causes: every CORS failure or warning carries the cause its
// evidence points to; checks sharing a cause become one diagnosis with one fix, chosen for the
// server the response headers name (the cache in front for cache-key causes).

import type { CheckResult, Diagnosis } from './types.ts';
import { type Cause, acaoOf, acaoOk } from './evidence.ts';
import type { Evidence } from '../../contract/certify.ts';
import { FIXES } from './fixes.ts';
import { httpHopIn } from './mixed-content.ts';
import type { Detected } from './servers.ts';


/** What a fix quotes from the observation: the ACAO value sent and the Origin it was sent to; for mixed content the http URL and the https URL that redirected to it. */
export interface Quoted {
  acao?: string;
  origin?: string;
  url?: string;
  from?: string;
}

/** Fills a fix's {acao} / {origin} from the observation; a fix that needs a value nobody saw says so. */
export function fillFix(text: string, quoted: Quoted): string {
  return text
    .replaceAll('{acao}', quoted.acao ?? '(value not recorded)')
    .replaceAll('{origin}', quoted.origin ?? 'your viewer\'s origin')
    .replaceAll('{url}', quoted.url ?? 'the http URL')
    .replaceAll('{from}', quoted.from ?? 'the https URL');
}

export function fixFor(cause: Cause, detected: Detected, quoted: Quoted = {}): Diagnosis['fix'] {
  const fix = FIXES[cause];
  const order = fix.layer === 'cache' && detected.cache ? [detected.cache, detected.origin] : [detected.origin, ...(detected.cache ? [detected.cache] : [])];
  for (const server of order) if (fix.servers[server]) return { server, text: fillFix(fix.servers[server]!, quoted) };
  return { server: 'generic', text: fillFix(fix.generic, quoted) };
}

/** The first answer whose ACAO the request's Origin does not accept: the value a fix quotes. */
export function quotedFrom(evidence: Evidence[] = []): Quoted {
  const e = evidence.find((x) => acaoOf(x) !== undefined && !acaoOk(x, x.request.Origin ?? ''));
  const hop = httpHopIn(evidence);
  return { ...(e ? { acao: acaoOf(e)!, origin: e.request.Origin } : { origin: evidence.find((x) => x.request.Origin)?.request.Origin }), ...hop };
}

/**
 * Causes that are symptoms of another when both are seen: a server with no ACAO anywhere also lacks
 * it on preflights, redirects and errors (the one fix, ACAO on every response, covers them); an
 * origin echoed without Vary is also missing it when a cache answers without Origin.
 */
const SUBSUMES: Partial<Record<Cause, Cause[]>> = {
  'no-acao': ['preflight-without-acao', 'redirects-without-acao', 'errors-without-acao', 'no-acao-on-images', 'no-acao-on-json'],
  'echo-without-vary': ['acao-only-with-origin'],
};

export function diagnose(checks: CheckResult[], detected: Detected): Diagnosis[] {
  const byCause = new Map<Cause, Diagnosis>();
  for (const check of checks) {
    for (const [column, outcome] of Object.entries(check.results)) {
      if (outcome.status !== 'fail' && outcome.status !== 'warn') continue;
      for (const cause of outcome.causes ?? []) {
        let d = byCause.get(cause);
        if (!d) {
          d = { cause, severity: 'warn', title: FIXES[cause].title, observed: outcome.observed, explains: {}, fix: fixFor(cause, detected, quotedFrom(outcome.evidence)) };
          byCause.set(cause, d);
        }
        if (outcome.status === 'fail') d.severity = 'fail';
        (d.explains[check.id] ??= []).push(column);
      }
    }
  }
  // A cause that explains others: one fix covers them, so they are not listed as root causes of their own.
  for (const [cause, explained] of Object.entries(SUBSUMES) as [Cause, Cause[]][]) {
    const root = byCause.get(cause);
    if (!root) continue;
    for (const other of explained) {
      const d = byCause.get(other);
      if (!d) continue;
      for (const [check, cols] of Object.entries(d.explains)) root.explains[check] = [...new Set([...(root.explains[check] ?? []), ...cols])];
      if (d.severity === 'fail') root.severity = 'fail';
      byCause.delete(other);
    }
  }
  const weight = (d: Diagnosis) => (d.severity === 'fail' ? 1000 : 0) + Object.values(d.explains).flat().length;
  return [...byCause.values()].sort((a, b) => weight(b) - weight(a));
}
