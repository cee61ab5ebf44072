// The scenario schema. A scenario is data: what the page does, against which server behaviour,
// what the Fetch standard says JS will observe and the server will receive, and why (a citation).
// Nothing in a table is engine-specific; engine differences live in specs/deviations.ts.

import type { Family } from '../../contract/names.ts';
import type { Action, Observation, OriginName, Scheme } from '../../contract/page.ts';
import type { ServerFacts } from '../../contract/server.ts';
import type { Deviation, SpecVerdict } from '../../contract/verdict.ts';
import type { EngineName } from '../../contract/engine.ts';
import type { Isolation } from '../engines/types.ts';
import type { WptCounterpart } from '../../contract/cell.ts';

// The shapes that cross into the page, into matrix.json or the server's log are declared once in
// contract/ (types and JSON Schema from one declaration) and imported from there; the rest here is
// authoring data.

/**
 * What a plausibly broken engine or server would produce instead: a patch over the first permitted
 * outcome (objects merge, arrays and scalars replace). The loader proves no permitted outcome
 * accepts it, so a scenario cannot pass vacuously.
 */
export interface Counterfactual {
  label: string;
  observed?: Observation;
  server?: Partial<ServerFacts>;
}

/** Something the harness does before the action, outside the page's own script. */
export interface Setup {
  /**
   * Set a cookie named `c_<token>` first-party on this origin's host (by visiting it). The test
   * fails if the browser refuses it, unless `mayBeRejected`: then `observed.setupCookie` records it.
   */
  cookie?: { origin: OriginName; attributes?: string; mayBeRejected?: boolean; control?: string };
  // `control`: also set a control cookie `k_<token>` with these attributes on the same host (never
  // required to be stored). Whether it was sent (`controlCookie`) tells "this cookie was not sent"
  // apart from "no third-party cookie is sent at all".
}

export interface Scenario {
  /** `family/slug`, stable across runs: the matrix row key (`family/slug@https` for an https variant). */
  id: string;
  family: Family;
  /** The scheme of the page and of every target without its own (default http). */
  scheme?: Scheme;
  /** The origin whose page runs the action (default `viewer`), e.g. `viewerRemote` (not potentially trustworthy). */
  page?: OriginName;
  title: string;
  setup?: Setup;
  action: Action;
  /** What the Fetch/HTML standards permit, and where. */
  spec: SpecVerdict;
  /** What a broken engine or server would produce (at least one; derived from `result` if absent). */
  counterfactuals?: Counterfactual[];
  /**
   * How the action's `wait` steps are taken: `clock` moves the browser's clock (a browser launched
   * with a movable clock; such rows are opt-in, tagged @slow), else they sleep in the page.
   */
  waits?: 'clock';
  /** Isolation beyond the unique token (default `token`). Say why in the title or a comment. */
  isolation?: Isolation;
  /** A fix for the server-side mistake, when the scenario reproduces one. */
  fix?: string;
  /** The WPT files testing the same behaviour, or none with what was searched (specs/scenarios/wpt.ts attaches them). */
  wpt?: WptCounterpart;
}

export type Deviations = Record<string, Partial<Record<EngineName, Deviation>>>;

