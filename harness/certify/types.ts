// Certify's own shapes, apart from its orchestrator (run.ts) so that diagnose.ts and report.ts read
// them without importing it. The report is the contract's declaration (contract/certify.ts); the
// in-process records below narrow its plain strings to certify's vocabularies (causes, servers).

import type { Static } from '@sinclair/typebox';
import type { CertifyResult, CheckOutcome, CheckResultSchema, DiagnosisSchema, Target } from '../../contract/certify.ts';
import type { Cause } from './evidence.ts';
import type { SafeFetch } from './safe-fetch.ts';
import type { ServerName } from './servers.ts';

/** The column of node-side checks, next to the engine projects. */
export const NODE_COLUMN = 'node';

/** One check's outcome in one column, its causes named in certify's vocabulary. */
export type Outcome = Omit<CheckOutcome, 'causes'> & { causes?: Cause[] };

/** One check in every column (engine projects for browser checks, `node` for node checks). */
export type CheckResult = Omit<Static<typeof CheckResultSchema>, 'results'> & { results: Record<string, Outcome> };

/** A root cause with the checks it explains and the fix for the server found. */
export type Diagnosis = Omit<Static<typeof DiagnosisSchema>, 'cause' | 'fix'> & { cause: Cause; fix: { server: ServerName | 'generic'; text: string } };

/** What `certify --json` writes (the CLI adds wallMs): one declaration, contract/certify.ts. */
export type CertifyReport = CertifyResult;

/** A target's URLs, discovered node-side before any browser work, and the budgeted client that found them. */
export interface Discovered {
  target: Target;
  http: SafeFetch;
}
