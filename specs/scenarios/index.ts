// Every family's tables, in catalogue order: what the family specs bind to the engines, and what
// tools (the catalogue bench, the browserless verdict checks) read as data.

import type { Family, Scenario } from '../../harness/scenarios/types.ts';
import { scenarios as canvasIiif } from './canvas-iiif.ts';
import { scenarios as canvasSources } from './canvas-sources.ts';
import { scenarios as canvas } from './canvas.ts';
import { scenarios as credentialed } from './credentialed.ts';
import { scenarios as preflightTriggers } from './preflight-triggers.ts';
import { scenarios as preflight } from './preflight.ts';
import { scenarios as redirectCredentials } from './redirect-credentials.ts';
import { scenarios as redirect } from './redirect.ts';
import { scenarios as simpleDocuments } from './simple-documents.ts';
import { scenarios as simple } from './simple.ts';

// `satisfies Partial<…>`: a family whose tables live elsewhere (e.g. a viewer family) merges without a key here.
export const FAMILY_TABLES = {
  simple: [...simple, ...simpleDocuments],
  credentialed,
  preflight: [...preflight, ...preflightTriggers],
  redirect: [...redirect, ...redirectCredentials],
  canvas: [...canvas, ...canvasIiif, ...canvasSources],
} satisfies Partial<Record<Family, Scenario[]>>;

export const CATALOGUE: Scenario[] = Object.values(FAMILY_TABLES).flat();
