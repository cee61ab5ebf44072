// The fixture server on ports nobody else holds: three candidate ports, retried as a whole when
// any role's bind fails (startFixtures reports EADDRINUSE as a ConfigError naming the port).

import type { Ports } from '../fixtures/origins.ts';
import { type RunningFixtures, type StartOptions, startFixtures } from '../fixtures/server.ts';
import { PortInUseError, withBindRetryN } from './net.ts';

export function startFixturesOnFreePorts(options: Omit<StartOptions, 'ports'> = {}): Promise<RunningFixtures> {
  return withBindRetryN(3, async ([viewer, image, other]) => {
    const ports: Ports = { viewer: viewer!, image: image!, other: other! };
    try {
      return await startFixtures({ ...options, ports });
    } catch (error) {
      if (/already in use/.test((error as Error).message)) throw new PortInUseError((error as Error).message);
      throw error;
    }
  });
}

/** Candidate ports for a child process that starts the fixture server itself (retry on "already in use" in its output). */
export function candidateFixturePorts(): { CORS_VIEWER_PORT: string; CORS_IMAGE_PORT: string; CORS_OTHER_PORT: string } {
  const base = 20000 + Math.floor(Math.random() * 12000);
  return { CORS_VIEWER_PORT: String(base), CORS_IMAGE_PORT: String(base + 7), CORS_OTHER_PORT: String(base + 14) };
}
