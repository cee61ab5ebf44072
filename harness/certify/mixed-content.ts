// Mixed content, decided before any CORS reasoning. An https page's request for an http URL (the
// URL given, one built from an http id in info.json, or a redirect hop) is blocked, or upgraded to
// https, by the browser before CORS is checked (Mixed Content, "Should fetching request be blocked as
// mixed content?", which Fetch's main fetch runs again for every redirect hop): no header the server
// sends can fix it, so a CORS cause ("intermittent", "cached") would send people the wrong way.
//
// What the text expects, per URL: http on a host that is not potentially trustworthy (Secure
// Contexts, "Is url potentially trustworthy?") is blocked for fetch() and for an <img> on an IP
// host, and upgraded to https for an <img> on a named host (which an http-only server cannot
// answer): every engine fails there. Loopback http (127.0.0.0/8, ::1, localhost) is potentially
// trustworthy, so not mixed content at all, yet WebKitGTK blocks fetch() to it from an https page,
// and an <img> redirected to it: the matrix's secure/ rows record both (specs/deviations.ts,
// WEBKIT_LOOPBACK_FETCH and WEBKIT_LOOPBACK_REDIRECT_IMG), each engine module's loopbackHttpBlocked says so, and
// specs/unit/certify-mixed-content.test.ts keeps the two in step.

import type { EngineName } from '../../contract/engine.ts';
import type { Evidence } from '../../contract/certify.ts';
import { perEngine } from '../engines/registry.ts';

export const MIXED_CONTENT_CAUSES = ['mixed-content', 'mixed-content-redirect'] as const;
export type MixedContentCause = (typeof MIXED_CONTENT_CAUSES)[number];

/** How the page asked: fetch() is "blockable"; an <img> (with or without crossorigin) "upgradeable". */
export type MixedRequest = 'fetch' | 'image';

/** The first http URL a request from an https page reaches: the URL itself, or a redirect hop (`from` redirected to it). */
export interface HttpHop {
  url: string;
  from?: string;
}

/** Where each engine blocks loopback http from an https page although the text allows it (observed in the matrix). */
export const LOOPBACK_BLOCKED: Record<EngineName, { fetch: boolean; imageAfterRedirect: boolean }> = perEngine((m) => m.loopbackHttpBlocked);

const MAX_HOPS = 10;

/** Node's memoised GET with the viewer's Origin (evidence.ts's Corroborator; named by shape, so the two files do not import each other). */
export interface NodeGet {
  get(url: string): Promise<Evidence>;
}

/** Secure Contexts' "potentially trustworthy" for http(s) URLs: https, or a loopback host. */
export function potentiallyTrustworthy(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'https:') return true;
  const host = u.hostname.toLowerCase();
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === 'localhost' || host.endsWith('.localhost');
}

const resolve = (location: string, base: string): string | undefined => {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
};

/**
 * The first http URL that a request for `url` from `pageOrigin` reaches, if the page is https:
 * `url` itself, or a hop of its redirects (followed from Node, as the browser follows them). The
 * evidence is Node's GETs on the way, and of the http URL itself: what its server answers (the
 * CORS headers a browser never got to read).
 */
export async function firstHttpHop(pageOrigin: string, url: string, node: NodeGet): Promise<{ hop: HttpHop; evidence: Evidence[] } | null> {
  if (!pageOrigin.startsWith('https:')) return null;
  const evidence: Evidence[] = [];
  let [current, from] = [url, undefined as string | undefined];
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const get = await node.get(current);
    evidence.push(get);
    if (current.startsWith('http:')) return { hop: { url: current, ...(from && { from }) }, evidence };
    const location = get.headers.location;
    if (get.error || get.status! < 300 || get.status! >= 400 || !location) return null;
    const next = resolve(location, current);
    if (!next) return null;
    [from, current] = [current, next];
  }
  return null;
}

const HOW = { fetch: 'fetch()', image: '<img>' } as const;

function causeOf(hop: HttpHop): MixedContentCause {
  return hop.from ? 'mixed-content-redirect' : 'mixed-content';
}

const where = (hop: HttpHop) => (hop.from ? `${hop.from} redirects to ${hop.url}` : hop.url);

/**
 * The root cause for a request the engine failed on, decided from the URLs and what the text (and
 * the engine's recorded behaviour) expects, before any CORS reasoning; null when mixed content does
 * not explain it (loopback in an engine that lets it through: CORS reasoning decides).
 */
export function mixedContentCause(engine: EngineName, how: MixedRequest, hop: HttpHop): { cause: MixedContentCause; detail: string } | null {
  const host = new URL(hop.url).host;
  if (!potentiallyTrustworthy(hop.url)) {
    return {
      cause: causeOf(hop),
      detail: `${where(hop)}: http on ${host}, which is not potentially trustworthy, so an https page's ${HOW[how]} of it is blocked as mixed content (or upgraded to https), before CORS is checked`,
    };
  }
  const blocks = how === 'fetch' ? LOOPBACK_BLOCKED[engine].fetch : !!hop.from && LOOPBACK_BLOCKED[engine].imageAfterRedirect;
  if (!blocks) return null;
  return {
    cause: causeOf(hop),
    detail: `${where(hop)}: http on loopback ${host}, potentially trustworthy (the text allows it), but ${engine} blocks ${HOW[how]} of it from an https page as mixed content (the matrix's secure/ rows record this), before CORS is checked`,
  };
}

/** An engine refused an http URL that the text and its recorded behaviour allow, and Node got a correct CORS answer: mixed content all the same, never "intermittent". */
export function unexpectedMixedContent(engine: EngineName, how: MixedRequest, hop: HttpHop, nodeSaw: string): { cause: MixedContentCause; detail: string } {
  return {
    cause: causeOf(hop),
    detail: `${where(hop)}: ${engine} refused ${HOW[how]} of this http URL from an https page though Node got a correct CORS answer (${nodeSaw}): the engine treats it as mixed content`,
  };
}

/** The http URL (and the https URL that redirected to it) in a check's evidence: what a mixed-content fix quotes. */
export function httpHopIn(evidence: Evidence[]): Partial<HttpHop> {
  for (const e of evidence) {
    if (e.url.startsWith('http:') && e.request.Origin?.startsWith('https:')) return { url: e.url };
    const next = e.headers.location && resolve(e.headers.location, e.url);
    if (next?.startsWith('http:') && e.url.startsWith('https:')) return { url: next, from: e.url };
  }
  return {};
}
