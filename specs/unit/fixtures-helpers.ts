// Shared by the fixtures-*.test.ts unit files: an in-process fixture app addressed by Host header,
// and raw requests for the few tests that must see the bytes on the wire.

import { request as httpRequest } from 'node:http';
import { createFixtureApp } from '../../fixtures/app.ts';
import { type Ports, originsFor } from '../../fixtures/origins.ts';

const PORTS: Ports = { viewer: 48901, image: 48902, other: 48903 };
export const ORIGINS = originsFor(PORTS);
export const fixture = createFixtureApp({ ports: PORTS });

/** A request to the in-process app as if it arrived on `origin` (Host header), from page `from`. */
export function call(path: string, { on = ORIGINS.image, from = ORIGINS.viewer as string | null, method = 'GET', headers = {} as Record<string, string> } = {}) {
  const h: Record<string, string> = { host: new URL(on).host, ...headers };
  if (from !== null) h.origin = from;
  return fixture.app.request(path, { method, headers: h });
}

/** The raw response header lines (name case and duplicates as sent). */
export function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; lines: [string, string][] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const lines: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, lines }));
    });
    req.on('error', reject);
    req.end();
  });
}
