// The scenario schema. A scenario is data: what the page does, against which server behaviour,
// what the Fetch standard says JS will observe and the server will receive, and why (a citation).
// Nothing in a table is engine-specific; engine differences live in specs/deviations.ts.

import type { OriginName, Scheme } from '../../fixtures/origins.ts';
import type { Action, Observation } from '../../contract/page.ts';
import type { ServerFacts } from '../../contract/server.ts';
import type { Deviation, Outcome } from '../../contract/verdict.ts';
import type { EngineName, Isolation } from '../engines/types.ts';

export const FAMILIES = ['simple', 'credentialed', 'preflight', 'redirect', 'canvas', 'secure', 'viewer', 'auth'] as const;
export type Family = (typeof FAMILIES)[number];

// The shapes that cross into the page, into matrix.json or the server's log are declared once in
// contract/ (types and JSON Schema from one declaration); the rest here is authoring data.
export type { Action, FetchAction, FetchBitmapAction, ImageAction, ImageUse, MakeSpec, SequenceAction, Target, ViewerAction, ViewerObservation, WaitAction, XhrAction, Observation } from '../../contract/page.ts';
export type { ServerFacts } from '../../contract/server.ts';
export { BASES } from '../../contract/verdict.ts';
export type { Basis, Deviation, Expectation, Outcome, Verdict } from '../../contract/verdict.ts';

/**
 * A spec verdict: one outcome (the shorthand `{ observed, server, cite }`) or the set of permitted
 * outcomes, each whole (not a patch). The first outcome is the one the standard describes first.
 */
export type SpecVerdict = Outcome | { outcomes: Outcome[] };

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
  /** Isolation beyond the unique token (default `token`). Say why in the title or a comment. */
  isolation?: Isolation;
  /** A fix for the server-side mistake, when the scenario reproduces one. */
  fix?: string;
}

export type Deviations = Record<string, Partial<Record<EngineName, Deviation>>>;

