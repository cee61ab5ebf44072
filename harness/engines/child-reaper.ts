// Browser helpers (Xvfb, WebKitWebDriver) are our children: when a worker dies without teardown,
// they must die with it rather than linger and hold displays or ports.

import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let installed = false;

export function reapOnExit(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (installed) return;
  installed = true;
  process.once('exit', () => {
    for (const c of children) c.kill('SIGKILL');
  });
}
