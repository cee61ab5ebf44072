// A real redis-server (Debian's) for the queue tests, on loopback only. Redis cannot take port 0
// (there it means "no TCP"), so it starts on a unix socket in the test's directory (no port to
// race for), and the TCP port is then bound by Redis itself with CONFIG SET port: a candidate
// taken meanwhile by another process is an error Redis answers (it keeps its old port), and the
// next candidate is tried. The URL returned is the redis://127.0.0.1:<port> users would give.

import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { requireBinary, spawnKept } from './real-servers.ts';

export interface RedisServer {
  url: string;
  socket: string;
  /** A client for the test's own looks (on the socket). */
  client: Redis;
  stop(): Promise<void>;
}

async function candidatePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRedis(dir: string): Promise<RedisServer> {
  const bin = requireBinary('/usr/bin/redis-server');
  const socket = join(dir, 'redis.sock');
  const { child, output, stop } = spawnKept(bin, ['--port', '0', '--bind', '127.0.0.1', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir]);
  const deadline = Date.now() + 15_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server made no socket within 15 s: ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const client = new Redis({ path: socket, maxRetriesPerRequest: 1 });
  await client.ping();
  for (let attempt = 1; ; attempt++) {
    const port = await candidatePort();
    try {
      await client.config('SET', 'port', String(port));
      return {
        url: `redis://127.0.0.1:${port}`,
        socket,
        client,
        stop: async () => {
          client.disconnect();
          await stop();
        },
      };
    } catch (error) {
      if (attempt >= 20) {
        client.disconnect();
        await stop();
        throw new Error(`redis-server could not bind a TCP port in 20 tries: ${(error as Error).message}`, { cause: error });
      }
    }
  }
}
