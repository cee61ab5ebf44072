// The record each scenario test leaves behind (as a `cell` JSON attachment): everything the matrix
// shows for one scenario × engine, with the evidence to check it.

import type { LoggedRequest } from '../../fixtures/request-log.ts';
import type { EngineInfo, EngineName } from '../engines/types.ts';
import type { ResolvedAction } from './targets.ts';
import type { Deviation, Expectation, Family, Observation, ServerFacts, Verdict } from './types.ts';

export const CELL_ATTACHMENT = 'cell';
/** Static test annotation: what the matrix needs to know of a scenario even if its test never ran. */
export const SCENARIO_ANNOTATION = 'scenario';

export interface ScenarioMeta {
  id: string;
  family: Family;
  title: string;
  spec: Expectation & { cite: string };
  fix?: string;
  deviations?: Partial<Record<EngineName, Deviation>>;
}

export interface CellRecord {
  scenario: string;
  family: Family;
  title: string;
  engine: EngineInfo;
  /** The standard's expectation and its citation. */
  spec: Expectation & { cite: string };
  /** The declared deviation for this engine, if any (fields that differ from spec, and why). */
  deviation?: Deviation;
  observed: Observation | null;
  server: ServerFacts | null;
  verdict: Verdict;
  differences: string[];
  /** Why the cell could not be observed (verdict `error`). */
  error?: string;
  fix?: string;
  evidence: { action: ResolvedAction | null; page: Observation | null; log: LoggedRequest[]; screenshot?: string };
}
