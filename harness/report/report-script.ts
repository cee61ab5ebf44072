// The report page's only script: filters over the services table and the fix copy buttons. Written
// as a typed module (browser/report-page.ts) and bundled here into one plain script, so the CLI can
// inline it in a file (no network) and the service can serve it as its own file (its CSP forbids
// inline script): renderHtmlReport({ script: { src } }).

import { pageScriptSync } from '../../fixtures/page-script.ts';

export const REPORT_SCRIPT = pageScriptSync(new URL('./browser/report-page.ts', import.meta.url));
