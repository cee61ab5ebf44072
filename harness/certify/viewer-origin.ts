// Certify's own viewer origin: one blank page for the engines to run their requests from, and the
// real viewers' pages for `--viewers` (OpenSeadragon, Mirador: bundled on first use), on a loopback
// port the kernel picks (listen on 0, read it back), so two runs can never collide.
// With --viewer-origin the same pages are served under the user's real viewer origin (e.g.
// https://viewer.example.org, with a leaf of the local CA for that name): the engines reach it
// through a host mapping from the origin's port (443) to the local one (harness/engines/proxy-mapping.ts),
// so the page's origin, and every Origin header it sends, is exactly the user's.

import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { localCa } from '../../fixtures/tls.ts';
import { addViewerRoutes } from '../../fixtures/viewers/routes.ts';
import type { HostMapping } from '../engines/launch.ts';
import { listenOnFreePort } from '../net.ts';

export interface ViewerOrigin {
  origin: string;
  /** The page the engines open before running their checks. */
  page: string;
  /** With a real viewer origin: how the engines must map its host:port to the local server. */
  mapping?: Exclude<HostMapping, string>;
  close(): Promise<void>;
}

const BLANK = '<!doctype html><meta charset="utf-8"><title>cors-certify viewer</title>';
const DEFAULT_PORT = { 'https:': 443, 'http:': 80 } as Record<string, number>;

/** A --viewer-origin value, normalised (`https://Viewer.example.org/` → `https://viewer.example.org`), or why it cannot be one. */
export function parseViewerOrigin(value: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `"${value}" is not a URL; give an origin such as https://viewer.example.org` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `"${value}" is not an http or https origin` };
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password || value.endsWith('?') || value.endsWith('#')) {
    return { problem: `"${value}" is more than an origin (a path, query, fragment or user): give only scheme://host[:port], e.g. ${url.origin}` };
  }
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(url.hostname) || url.hostname.endsWith('.localhost')) {
    return { problem: `"${value}" is loopback: certify's own viewer origin already is; --viewer-origin is for a viewer's real host name` };
  }
  return { origin: url.origin };
}

/** Starts the viewer pages: on certify's own loopback origin, or under `realOrigin` (--viewer-origin). */
export async function startViewerOrigin(realOrigin?: string): Promise<ViewerOrigin> {
  const app = new Hono();
  app.get('/blank', (c) => c.html(BLANK, 200, { 'cache-control': 'no-store' }));
  addViewerRoutes(app);
  const real = realOrigin ? new URL(realOrigin) : undefined;
  const leaf = real?.protocol === 'https:' ? localCa().leafFor([real.hostname]) : undefined;
  const server = (leaf
    ? createAdaptorServer({ fetch: app.fetch, createServer: createHttpsServer, serverOptions: { key: leaf.keyPem, cert: leaf.certPem } })
    : createAdaptorServer({ fetch: app.fetch })) as Server;
  const port = await listenOnFreePort(server);
  const origin = real ? real.origin : `http://127.0.0.1:${port}`;
  return {
    origin,
    page: `${origin}/blank`,
    ...(real && { mapping: { host: real.hostname, port: Number(real.port) || DEFAULT_PORT[real.protocol]!, to: port } }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
