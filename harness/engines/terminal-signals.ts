// Who handles Ctrl-C. By default a browser helper (Xvfb, WebKitWebDriver) shares the terminal's
// process group and dies with Ctrl-C, and Playwright closes its browsers and exits the process (130)
// on SIGINT. A command that stops cleanly on Ctrl-C itself (certify's collection mode: finish the
// service in progress, keep the state, close the engines, say how to resume) takes Ctrl-C over:
// its browsers and their helpers are started outside the terminal's process group and Playwright
// leaves SIGINT alone. They are still ended with the engine, and killed when the process exits.

let owned = false;

/** Call before launching engines: this process handles SIGINT itself and closes its engines. */
export function handleCtrlCHere(): void {
  owned = true;
}

/** Whether browser helpers are started in a process group of their own (spawn's `detached`). */
export const helpersDetached = () => owned;

/** Playwright's own SIGINT handling (close every browser, then exit 130), unless the process handles it. */
export const playwrightHandlesSigint = () => !owned;
