// The pass-through proxy behind certify --viewer-origin (harness/engines/proxy.ts), browserless:
// a mapped host:port goes to the local server, everything else where it was going; a CONNECT
// tunnel carries bytes unchanged both ways; a plain http request reaches its server with the
// request line in origin form and the headers as sent (case, order, duplicates; minus the
// Proxy-* ones meant for the proxy), and its answer comes back with status, reason, headers and
// body as the server wrote them (only the connection's own framing headers are the proxy's).

import { type Server, type Socket, connect, createServer } from 'node:net';
import { expect, test } from '../support/browserless.ts';
import { type PassThroughProxy, startPassThroughProxy } from '../../harness/engines/proxy.ts';
import { listenOnFreePort } from '../../harness/net.ts';

/** A raw TCP server: records what arrives, answers with `reply(bytes)` (or echoes). */
async function rawServer(reply?: (received: string) => string | undefined): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((s) => {
    let text = '';
    s.on('data', (d: Buffer) => {
      if (!reply) return void s.write(d); // echo
      text += d.toString('latin1');
      const answer = reply(text);
      if (answer !== undefined) {
        received.push(text);
        s.end(answer);
      }
    });
  });
  return { server, port: await listenOnFreePort(server), received };
}

/** Sends `bytes` to the proxy and collects everything until the proxy closes or `until` matches. */
function exchange(port: number, steps: (socket: Socket, read: () => string) => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () => steps(socket, () => text).then(() => socket.end(), reject));
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}
const until = async (read: () => string, pattern: RegExp) => {
  for (let i = 0; i < 100 && !pattern.test(read()); i++) await new Promise((r) => setTimeout(r, 10));
};

let proxy: PassThroughProxy;
test.afterEach(async () => proxy?.close());

test('plain http: origin-form request line, headers as sent minus Proxy-*, answer unchanged', async () => {
  const answer = 'HTTP/1.1 203 Odd Reason\r\nX-Dup: a\r\nx-dup: b\r\nAccess-Control-Allow-Origin: *\r\nVary: Origin\r\nContent-Length: 5\r\n\r\nhello';
  const upstream = await rawServer((t) => (t.includes('\r\n\r\n') ? answer : undefined));
  proxy = await startPassThroughProxy([]);
  const request = `GET http://127.0.0.1:${upstream.port}/iiif/3/x/info.json?a=1 HTTP/1.1\r\nHost: 127.0.0.1:${upstream.port}\r\nOrigin: https://viewer.example.org\r\nX-Dup: 1\r\nx-dup: 2\r\nProxy-Connection: keep-alive\r\nConnection: close\r\n\r\n`;
  const got = await exchange(proxy.address.port, async (s, read) => {
    s.write(request);
    await until(read, /hello$/);
  });
  upstream.server.close();
  expect(upstream.received[0]).toBe(`GET /iiif/3/x/info.json?a=1 HTTP/1.1\r\nHost: 127.0.0.1:${upstream.port}\r\nOrigin: https://viewer.example.org\r\nX-Dup: 1\r\nx-dup: 2\r\nConnection: close\r\n\r\n`);
  const [head, body] = got.split('\r\n\r\n');
  const lines = head!.split('\r\n').filter((l) => !/^(connection|keep-alive|transfer-encoding):/i.test(l));
  expect(lines).toEqual(['HTTP/1.1 203 Odd Reason', 'X-Dup: a', 'x-dup: b', 'Access-Control-Allow-Origin: *', 'Vary: Origin', 'Content-Length: 5']);
  expect(body).toBe('hello');
  expect(proxy.passages).toEqual([{ kind: 'http', asked: `127.0.0.1:${upstream.port}`, went: `127.0.0.1:${upstream.port}` }]);
});

test('CONNECT: a mapped host:port tunnels to the local server, any other to itself, bytes unchanged', async () => {
  const local = await rawServer();
  const elsewhere = await rawServer();
  proxy = await startPassThroughProxy([{ host: 'viewer.example.org', port: 443, to: { host: '127.0.0.1', port: local.port } }]);
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('latin1'); // every byte value, as TLS would send
  for (const [asked, went] of [['viewer.example.org:443', `127.0.0.1:${local.port}`], [`127.0.0.1:${elsewhere.port}`, `127.0.0.1:${elsewhere.port}`]] as const) {
    const got = await exchange(proxy.address.port, async (s, read) => {
      s.write(`CONNECT ${asked} HTTP/1.1\r\nHost: ${asked}\r\n\r\n`);
      await until(read, /\r\n\r\n/);
      s.write(Buffer.from(bytes, 'latin1'));
      await until(read, new RegExp(`${bytes.slice(-3).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`));
    });
    expect(got.startsWith('HTTP/1.1 200 Connection Established\r\n\r\n'), asked).toBe(true);
    expect(got.slice(got.indexOf('\r\n\r\n') + 4), asked).toBe(bytes);
    expect(proxy.passages.at(-1)).toEqual({ kind: 'connect', asked, went });
  }
  // The viewer host on another port is not mapped: it would go where it was going.
  await exchange(proxy.address.port, async (s, read) => {
    s.write('CONNECT viewer.example.org:8443 HTTP/1.1\r\nHost: viewer.example.org:8443\r\n\r\n');
    await until(read, /never/);
  }).catch(() => undefined);
  expect(proxy.passages.at(-1)).toEqual({ kind: 'connect', asked: 'viewer.example.org:8443', went: 'viewer.example.org:8443' });
  // Nobody there: the browser is told so (502), nothing hangs.
  const closed = await rawServer();
  closed.server.close();
  const refused = await exchange(proxy.address.port, async (s, read) => {
    s.write(`CONNECT 127.0.0.1:${closed.port} HTTP/1.1\r\n\r\n`);
    await until(read, /\r\n\r\n/);
  });
  expect(refused).toMatch(/^HTTP\/1\.1 502 Bad Gateway/);
  local.server.close();
  elsewhere.server.close();
});
