// A pass-through HTTP proxy that sends a few host:port pairs to local servers and everything else
// where it was going, unchanged: how an engine without a port-aware host mapping (WebKitGTK has
// none at all, Firefox none for ports) reaches a page served locally under a real viewer origin
// such as https://viewer.example.org (port 443, which a test cannot bind). No system DNS change.
//   https: a CONNECT tunnel; the bytes are piped both ways untouched (TLS stays end to end).
//   http:  the request is sent on to its host with method, path, raw headers (in order, minus the
//          Proxy-Connection / Proxy-Authorization a browser addresses to the proxy) and body; the
//          answer comes back with its status, raw headers and body as the server sent them.
// `proxy` (TooTallNate) was considered: it adds a Via header both ways and has no routing hook.

import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { listenOnFreePort } from '../net.ts';

/** Requests for `host:port` (as the browser addresses them; any port when unset) go to `to` instead (same port when unset). */
export interface ProxyRoute {
  host: string;
  port?: number;
  to: { host: string; port?: number };
}

/** One connection or request through the proxy: where the browser asked to go, and where it went. */
export interface ProxyPassage {
  kind: 'connect' | 'http';
  asked: string;
  went: string;
}

export interface PassThroughProxy {
  /** host:port of the proxy, for the WebDriver `proxy` capability or Firefox's proxy prefs. */
  address: { host: string; port: number };
  /** Every passage so far (for tests: only the mapped host may go local). */
  readonly passages: ProxyPassage[];
  close(): Promise<void>;
}

/** Request headers meant for the proxy itself, never for the next hop (RFC 9110 §7.6.1, §11.7.2). */
const TO_PROXY_ONLY = new Set(['proxy-connection', 'proxy-authorization']);

export async function startPassThroughProxy(routes: ProxyRoute[]): Promise<PassThroughProxy> {
  const table = new Map(routes.map((r) => [`${r.host.toLowerCase()}:${r.port ?? '*'}`, r.to]));
  const passages: ProxyPassage[] = [];
  /** Where a browser's host:port really goes: the mapped local server, or itself. */
  const destination = (host: string, port: number) => {
    const bare = host.replace(/^\[(.*)\]$/, '$1');
    const route = table.get(`${bare.toLowerCase()}:${port}`) ?? table.get(`${bare.toLowerCase()}:*`);
    const to = route ? { host: route.host, port: route.port ?? port } : { host: bare, port };
    return { to, asked: `${host}:${port}`, went: `${to.host}:${to.port}` };
  };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => forward(req, res));
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(req.url ?? '');
    if (!m) return client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    const { to, asked, went } = destination(m[1]!, Number(m[2]));
    passages.push({ kind: 'connect', asked, went });
    const upstream = connect(to.port, to.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => (connected ? client.destroy() : client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')));
    client.on('error', () => upstream.destroy());
  });

  function forward(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('this is a proxy: send absolute-form requests');
      return;
    }
    if (url.protocol !== 'http:') {
      res.writeHead(400).end('plain http only; https goes through CONNECT');
      return;
    }
    const { to, asked, went } = destination(url.hostname, Number(url.port || 80));
    passages.push({ kind: 'http', asked, went });
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (!TO_PROXY_ONLY.has(req.rawHeaders[i]!.toLowerCase())) headers.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const upstream = httpRequest({ host: to.host, port: to.port, method: req.method, path: `${url.pathname}${url.search}`, headers, setHost: false }, (answer) => {
      res.sendDate = false; // no Date the server did not send
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', (error) => (res.headersSent ? res.destroy() : res.writeHead(502).end(`proxy: ${asked}: ${error.message}`)));
    req.pipe(upstream);
  }

  const port = await listenOnFreePort(server);
  return {
    address: { host: '127.0.0.1', port },
    passages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
