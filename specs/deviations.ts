// Per-engine known deviations from the spec verdicts, one place for all families (like WPT's
// expectation files). Each entry names only the fields where the engine differs, and cites why:
// an engine bug, a spec issue, or a WPT result. An entry that stops happening fails the run.

import type { Deviations } from '../harness/scenarios/types.ts';

export const deviations: Deviations = {
  // --- simple ---

  // --- credentialed ---

  // --- preflight ---

  // --- redirect ---

  // --- canvas ---
};
