// Which software answered, read from response headers: the origin server (where the config
// lives) and any cache/CDN in front (where cache keys live). The fix shown is for what was found.

import type { Evidence } from '../../contract/certify.ts';

export const SERVERS = ['nginx', 'apache', 'lighttpd', 'caddy', 'iipsrv', 'cantaloupe', 'loris', 's3', 'cloudfront', 'varnish', 'cloudflare', 'fastly', 'unknown'] as const;
export type ServerName = (typeof SERVERS)[number];
export const CACHES: ServerName[] = ['varnish', 'cloudfront', 'cloudflare', 'fastly'];

/** Header → server, first match wins per response. `iipsrv` covers IIPImage's iipsrv under any front end. */
const SIGNS: { server: ServerName; header: string; pattern: RegExp }[] = [
  { server: 'cloudflare', header: 'server', pattern: /cloudflare/i },
  { server: 'cloudflare', header: 'cf-ray', pattern: /./ },
  { server: 'cloudfront', header: 'x-amz-cf-id', pattern: /./ },
  { server: 'cloudfront', header: 'via', pattern: /cloudfront/i },
  { server: 'fastly', header: 'x-served-by', pattern: /^cache-/i },
  { server: 'fastly', header: 'via', pattern: /fastly/i },
  { server: 'varnish', header: 'x-varnish', pattern: /./ },
  { server: 'varnish', header: 'via', pattern: /varnish/i },
  { server: 's3', header: 'server', pattern: /AmazonS3/i },
  { server: 's3', header: 'x-amz-request-id', pattern: /./ },
  { server: 'iipsrv', header: 'server', pattern: /iipsrv|iipimage/i },
  { server: 'iipsrv', header: 'x-powered-by', pattern: /iipimage|iipsrv/i },
  { server: 'cantaloupe', header: 'server', pattern: /cantaloupe/i },
  { server: 'cantaloupe', header: 'x-powered-by', pattern: /cantaloupe/i },
  { server: 'loris', header: 'server', pattern: /loris/i },
  { server: 'nginx', header: 'server', pattern: /nginx/i },
  { server: 'apache', header: 'server', pattern: /apache/i },
  { server: 'lighttpd', header: 'server', pattern: /lighttpd/i },
  { server: 'caddy', header: 'server', pattern: /caddy/i },
];

export interface Detected {
  /** Where CORS headers are configured: the web server in front wins over the application behind it. */
  origin: ServerName;
  /** A cache or CDN in front, if any. */
  cache: ServerName | null;
  /** Every server seen, with the header that gave it away. */
  seen: { server: ServerName; evidence: string }[];
}

/** Web servers first: they answer OPTIONS and errors for the application behind them. */
const ORIGIN_PREFERENCE: ServerName[] = ['nginx', 'apache', 'lighttpd', 'caddy', 'cantaloupe', 'loris', 'iipsrv', 's3'];

export function detectServer(evidence: Evidence[]): Detected {
  const seen = new Map<ServerName, string>();
  for (const e of evidence) {
    for (const sign of SIGNS) {
      const value = e.headers[sign.header];
      if (value !== undefined && sign.pattern.test(value) && !seen.has(sign.server)) seen.set(sign.server, `${sign.header}: ${value}`);
    }
  }
  const origin = ORIGIN_PREFERENCE.find((s) => seen.has(s)) ?? 'unknown';
  const cache = CACHES.find((s) => seen.has(s)) ?? null;
  return { origin, cache, seen: [...seen].map(([server, ev]) => ({ server, evidence: ev })) };
}
