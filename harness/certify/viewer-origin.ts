// Certify's own viewer origin: one blank page for the engines to run their requests from, on a
// loopback port the kernel picks (listen on 0, read it back), so two runs can never collide.

import { type Server, createServer } from 'node:http';
import { listenOnFreePort } from '../net.ts';

export interface ViewerOrigin {
  origin: string;
  /** The page the engines open before running their checks. */
  page: string;
  close(): Promise<void>;
}

const BLANK = '<!doctype html><meta charset="utf-8"><title>cors-certify viewer</title>';

export async function startViewerOrigin(): Promise<ViewerOrigin> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/blank') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(BLANK);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const port = await listenOnFreePort(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    page: `${origin}/blank`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
