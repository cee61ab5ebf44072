// `npm run certify -- …` as a user runs it: a child process, its exit code, stdout and stderr.

import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** With `timeoutMs`, a run that has not ended by then is killed (status null), so a hang fails its test and leaves no process. */
export function certifyCli(args: string[], env: Record<string, string> = {}, timeoutMs?: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['harness/certify/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
