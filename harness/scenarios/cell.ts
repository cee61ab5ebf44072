// The record each scenario test leaves behind (as a `cell` JSON attachment): everything the matrix
// shows for one scenario × engine, with the evidence to check it.

import type { LoggedRequest } from '../../fixtures/request-log.ts';
import type { EngineInfo, EngineName } from '../engines/types.ts';
import type { ResolvedAction } from './targets.ts';
import type { Deviation, Family, Observation, Outcome, ServerFacts, Verdict } from './types.ts';
import type { TakenOutcome } from './verdict.ts';

export const CELL_ATTACHMENT = 'cell';
/** Static test annotation: what the matrix needs to know of a scenario even if its test never ran. */
export const SCENARIO_ANNOTATION = 'scenario';

export interface ScenarioMeta {
  id: string;
  family: Family;
  title: string;
  /** The permitted outcomes, always in the list form. */
  spec: { outcomes: Outcome[] };
  fix?: string;
  deviations?: Partial<Record<EngineName, Deviation>>;
}

export interface CellRecord {
  scenario: string;
  family: Family;
  title: string;
  engine: EngineInfo;
  /** The outcomes the standards permit, each with its basis and citation. */
  spec: { outcomes: Outcome[] };
  /** The declared deviation or policy for this engine, if any (a whole outcome, and why). */
  deviation?: Deviation;
  /** Which outcome the engine took (absent when it matched none). */
  outcome?: TakenOutcome;
  observed: Observation | null;
  server: ServerFacts | null;
  verdict: Verdict;
  differences: string[];
  /** Why the cell could not be observed (verdict `error`). */
  error?: string;
  fix?: string;
  evidence: { action: ResolvedAction | null; page: Observation | null; log: LoggedRequest[]; screenshot?: string };
}
