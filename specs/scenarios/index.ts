// Every family's tables, in catalogue order, each row followed by its https variant where
// specs/scenarios/https.ts lists it (`<id>@https`): what the family specs bind to the engines, and
// what tools (the catalogue bench, the browserless verdict checks) read as data.

import type { Scenario } from '../../harness/scenarios/types.ts';
import { scenarios as auth } from './auth.ts';
import { scenarios as canvasCache } from './canvas-cache.ts';
import { scenarios as canvasIiif } from './canvas-iiif.ts';
import { scenarios as canvasSources } from './canvas-sources.ts';
import { scenarios as canvas } from './canvas.ts';
import { scenarios as credentialedCrossSite } from './credentialed-cross-site.ts';
import { scenarios as credentialed } from './credentialed.ts';
import { HTTPS_VARIANT_IDS, withHttpsVariants } from './https.ts';
import { scenarios as preflightTriggers } from './preflight-triggers.ts';
import { scenarios as preflight } from './preflight.ts';
import { scenarios as redirectCredentials } from './redirect-credentials.ts';
import { scenarios as redirect } from './redirect.ts';
import { scenarios as mixedContent } from './mixed-content.ts';
import { scenarios as secure } from './secure.ts';
import { scenarios as simpleDocuments } from './simple-documents.ts';
import { scenarios as simple } from './simple.ts';
import { withWpt } from './wpt.ts';
import type { Family } from '../../contract/names.ts';

// `satisfies Partial<…>`: a family whose tables live elsewhere (e.g. a viewer family) merges without a key here.
export const FAMILY_TABLES = {
  simple: withWpt(withHttpsVariants([...simple, ...simpleDocuments])),
  credentialed: withWpt([...withHttpsVariants(credentialed), ...credentialedCrossSite]),
  preflight: withWpt(withHttpsVariants([...preflight, ...preflightTriggers])),
  redirect: withWpt(withHttpsVariants([...redirect, ...redirectCredentials])),
  canvas: withWpt(withHttpsVariants([...canvas, ...canvasCache, ...canvasIiif, ...canvasSources])),
  // Rows about https itself: each names its own schemes, so no @https variants.
  secure: withWpt([...secure, ...mixedContent]),
  // IIIF Auth 2.0 flows on https (windows, clicks, iframes): each row names its scheme.
  auth,
} satisfies Partial<Record<Family, Scenario[]>>;

export const CATALOGUE: Scenario[] = Object.values(FAMILY_TABLES).flat();

// A listed id that no table has any more would silently lose its https cell.
const missing = HTTPS_VARIANT_IDS.filter((id) => !CATALOGUE.some((s) => s.id === id));
if (missing.length) throw new Error(`specs/scenarios/https.ts lists ids no table has: ${missing.join(', ')}`);
