// Certify's own viewer origin: one blank page for the engines to run their requests from, and the
// real viewers' pages for `--viewers` (OpenSeadragon, Mirador: bundled on first use), on a loopback
// port the kernel picks (listen on 0, read it back), so two runs can never collide.

import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { addViewerRoutes } from '../../fixtures/viewers/routes.ts';
import { listenOnFreePort } from '../net.ts';

export interface ViewerOrigin {
  origin: string;
  /** The page the engines open before running their checks. */
  page: string;
  close(): Promise<void>;
}

const BLANK = '<!doctype html><meta charset="utf-8"><title>cors-certify viewer</title>';

export async function startViewerOrigin(): Promise<ViewerOrigin> {
  const app = new Hono();
  app.get('/blank', (c) => c.html(BLANK, 200, { 'cache-control': 'no-store' }));
  addViewerRoutes(app);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const port = await listenOnFreePort(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    page: `${origin}/blank`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
