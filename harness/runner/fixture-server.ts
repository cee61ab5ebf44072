// Before a run uses a fixture server on its ports (Playwright's webServer reuses whatever answers
// there, outside CI), the runner checks that it is this checkout's build: a server left behind by
// another checkout or an older commit would make the matrix record other code's behaviour. A
// foreign server is refused, naming its PID and how to stop it.

import { Value } from '@sinclair/typebox/value';
import { type FixtureHealth, FixtureHealthSchema } from '../../contract/fixture-health.ts';
import { CONTROL_PATHS } from '../../contract/names.ts';
import { type BuildIdentity, buildIdentity, sameBuild } from '../../fixtures/build-identity.ts';
import { PORT_ENV, type Ports, ROLES } from '../../fixtures/origins.ts';

export class ForeignFixtureServerError extends Error {
  override name = 'ForeignFixtureServerError';
}

const short = (b: BuildIdentity) => `commit ${b.commit?.slice(0, 12) ?? '(none: not a git checkout)'}, fixtures/ ${b.fixturesHash.slice(0, 12)}`;
const otherPorts = `or run on other ports (${ROLES.map((r) => `${PORT_ENV[r]}=<port>`).join(' ')})`;

/** What answers on one fixture port: nothing, a fixture server (its health), or something else. */
async function probe(port: number, timeoutMs: number): Promise<{ kind: 'none' } | { kind: 'fixture'; health: FixtureHealth } | { kind: 'other'; why: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${CONTROL_PATHS.health}`, { signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await response.json().catch(() => null);
    if (Value.Check(FixtureHealthSchema, body)) return { kind: 'fixture', health: body };
    return { kind: 'other', why: `its ${CONTROL_PATHS.health} answered ${response.status} without a build identity (an older harness, or another program)` };
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ECONNREFUSED') return { kind: 'none' };
    return { kind: 'other', why: (error as Error).name === 'TimeoutError' ? `it accepted a connection but did not answer ${CONTROL_PATHS.health} within ${timeoutMs / 1000} s` : `connecting failed (${code ?? (error as Error).message})` };
  }
}

/**
 * Throws ForeignFixtureServerError when anything but this build's fixture server answers on one of
 * `ports`, or (with `reuse: false`, as in CI) when any fixture server does. Nothing on the ports:
 * the run starts its own.
 */
export async function refuseForeignFixtureServer(ports: Ports, { reuse, own = buildIdentity(), timeoutMs = 3000 }: { reuse: boolean; own?: BuildIdentity; timeoutMs?: number }): Promise<void> {
  for (const role of ROLES) {
    const port = ports[role];
    const found = await probe(port, timeoutMs);
    if (found.kind === 'none') continue;
    if (found.kind === 'other') {
      throw new ForeignFixtureServerError(
        `Something that is not this checkout's fixture server holds port ${port} (${role} origin): ${found.why}. ` +
          `Find it with \`ss -ltnp 'sport = :${port}'\` and stop it, ${otherPorts}.`,
      );
    }
    const { pid, build } = found.health;
    if (!sameBuild(build, own)) {
      throw new ForeignFixtureServerError(
        `A fixture server from other code answers on port ${port} (${role} origin): PID ${pid}, ${short(build)}; this checkout is ${short(own)}. ` +
          `The matrix would record that code's behaviour. Stop it with \`kill ${pid}\`, ${otherPorts}.`,
      );
    }
    if (!reuse) {
      throw new ForeignFixtureServerError(
        `A fixture server (PID ${pid}, ${short(build)}) already answers on port ${port} (${role} origin), and CI never reuses one. Stop it with \`kill ${pid}\`, ${otherPorts}.`,
      );
    }
    // This build's own server: reused (outside CI), as Playwright's webServer does.
  }
}

/**
 * In the `playwright test` runner, before its webServer looks at the ports: a foreign server ends
 * the run with the cause and what to do (exit code 1, no stack trace), before any test or report.
 */
export async function ensureOwnFixtureServer(ports: Ports, options: { reuse: boolean }): Promise<void> {
  try {
    await refuseForeignFixtureServer(ports, options);
  } catch (error) {
    if (!(error instanceof ForeignFixtureServerError)) throw error;
    process.stderr.write(`\nFixture server: ${error.message}\n`);
    process.exit(1);
  }
}

/** Whether this process is the `playwright test` runner (not a worker, not merge-reports or show-report). */
export const isTestRunner = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env) =>
  argv[2] === 'test' && env.TEST_WORKER_INDEX === undefined;
