// The one catalogue: every table, each bound to the engines by one spec. The family tables come in
// catalogue order, each row followed by its https variant where specs/scenarios/https.ts lists it
// (`<id>@https`); then the tables bound apart (a browser of their own, a viewer page, opt-in rows).
// What the specs bind, and what tools (the catalogue bench, the browserless checks) read as data.

import type { Deviations, Scenario } from '../../harness/scenarios/types.ts';
import { scenarios as auth } from './auth.ts';
import { scenarios as canvasCache } from './canvas-cache.ts';
import { scenarios as canvasIiif } from './canvas-iiif.ts';
import { scenarios as canvasSources } from './canvas-sources.ts';
import { scenarios as canvas } from './canvas.ts';
import { scenarios as credentialedCrossSite } from './credentialed-cross-site.ts';
import { scenarios as credentialed } from './credentialed.ts';
import { scenarios as credentialedSameSiteHosts } from './credentialed-same-site-hosts.ts';
import { scenarios as mixedContentNamed } from './mixed-content-named.ts';
import { scenarios as preflightCacheCaps } from './preflight-cache-caps.ts';
import { scenarios as thirdPartyCookiesAllowed } from './third-party-cookies-allowed.ts';
import { scenarios as viewer } from './viewer.ts';
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
} satisfies Partial<Record<Family, Scenario[]>>;

/** The in-page rows every run binds in the worker's browser (the catalogue bench runs these). */
export const CATALOGUE: Scenario[] = Object.values(FAMILY_TABLES).flat();

/**
 * Every table, by the spec that binds it. `optIn`: its rows run only when asked for (tagged @slow,
 * left out unless CORS_SLOW=1): the rows that move the browser's clock.
 */
export const TABLES: { name: string; rows: Scenario[]; optIn?: true }[] = [
  ...Object.entries(FAMILY_TABLES).map(([name, rows]) => ({ name, rows })),
  // A browser of its own, launched with host names mapped (specs/credentialed-same-site-hosts.spec.ts, specs/mixed-content-named.spec.ts).
  { name: 'credentialed-same-site-hosts', rows: credentialedSameSiteHosts },
  { name: 'mixed-content-named', rows: mixedContentNamed },
  // A profile that allows third-party cookies (specs/third-party-cookies-allowed.spec.ts).
  { name: 'third-party-cookies-allowed', rows: thirdPartyCookiesAllowed },
  { name: 'preflight-cache-caps', rows: preflightCacheCaps, optIn: true },
  // A real viewer on a viewer page, judged by its pixels.
  { name: 'viewer', rows: viewer },
  // IIIF Auth 2.0 flows on our client page, on https: windows, clicks, iframes (specs/auth.spec.ts).
  { name: 'auth', rows: auth },
];

/** Every scenario of every table, once. */
export const EVERY_SCENARIO: Scenario[] = TABLES.flatMap((t) => t.rows);

/** The deviations declared for these rows only: for a spec that binds part of a family (the rest is bound by another spec). */
export const deviationsFor = (rows: Scenario[], all: Deviations): Deviations => Object.fromEntries(Object.entries(all).filter(([id]) => rows.some((s) => s.id === id)));

// A listed id that no table has any more would silently lose its https cell.
const missing = HTTPS_VARIANT_IDS.filter((id) => !CATALOGUE.some((s) => s.id === id));
if (missing.length) throw new Error(`specs/scenarios/https.ts lists ids no table has: ${missing.join(', ')}`);
