// A server that closes the connection before answering (a kept-alive socket it dropped under
// load: undici's UND_ERR_SOCKET) is a transient SafeFetch retries on a new connection, a bounded
// number of times; one that always does so is reported, named, not retried for ever.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/browserless.ts';
import { SafeFetch, TargetError } from '../../harness/certify/safe-fetch.ts';

/** Destroys the socket of the first `drops` requests, then answers 200. */
async function dropping(drops: number): Promise<{ url: string; seen: () => number; server: Server }> {
  let seen = 0;
  const server = createServer((req, res) => {
    if (++seen <= drops) return req.socket.destroy();
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/info.json`, seen: () => seen, server };
}

test('a connection closed by the server is retried on a new one, within the budget', async () => {
  const s = await dropping(2);
  try {
    const http = new SafeFetch({ timeoutMs: 5000, maxBodyBytes: 1000, maxRequests: 10 });
    const r = await http.request('GET', s.url);
    expect(r.status).toBe(200);
    expect(s.seen()).toBe(3);
    expect(http.requestsMade).toBe(3);
  } finally {
    s.server.close();
  }
});

test('a server that always closes the connection is reported after three attempts', async () => {
  const s = await dropping(100);
  try {
    const error = await new SafeFetch({ timeoutMs: 5000, maxBodyBytes: 1000, maxRequests: 10 }).request('GET', s.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed/);
    expect((error as Error).message).toContain('3 connections, each closed by the server');
    expect(s.seen()).toBe(3);
  } finally {
    s.server.close();
  }
});

test('a body cut off by the server is named as such, not as a timeout', async () => {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('{"partial":');
    setTimeout(() => req.socket.destroy(), 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/info.json`;
    const error = await new SafeFetch({ timeoutMs: 5000, maxBodyBytes: 10_000, maxRequests: 10 }).request('GET', url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toContain('the server closed the connection before the whole body arrived');
    expect((error as Error).message).not.toContain('time limit');
  } finally {
    server.close();
  }
});
