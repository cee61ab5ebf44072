// The one certify report page, for a single target (CertifyResult) and for a collection
// (CollectionResult): summary, root causes grouped by host and configuration with the fix for the
// server found (copy button), a filterable table of every service, and viewer screenshots per
// engine for each group's representative. Self-contained: no network; screenshots are embedded as
// data: URLs. Rendered on the server side (escaped text, no innerHTML at runtime); the one script
// (report-script.ts) is inlined for a file, or referenced by src for a page served under a CSP.

import { existsSync, readFileSync } from 'node:fs';
import type { CertifyResult } from '../../contract/certify.ts';
import type { CollectionGroup, CollectionResult, CollectionService } from '../../contract/collection.ts';
import { REPORT_SCRIPT } from './report-script.ts';

export interface HtmlReportOptions {
  /** `inline` (default, for a file) or a URL the page loads its script from (a server with a CSP). */
  script?: 'inline' | { src: string };
  /** A screenshot path → a URL the page can show (default: the file as a data: URL; null hides it). */
  image?: (path: string) => string | null;
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function dataUrl(path: string): string | null {
  if (!existsSync(path)) return null;
  return `data:image/png;base64,${readFileSync(path).toString('base64')}`;
}

/** A single target is shown as a collection of one: one group, one service. */
export function asCollection(r: CertifyResult): CollectionResult {
  const service = String((r.target as { service?: { id?: string } }).service?.id ?? r.input);
  const host = safeOrigin(service);
  const fails = r.diagnoses.filter((d) => d.severity === 'fail');
  const summaries = r.diagnoses.map(({ cause, severity, title }) => ({ cause, severity, title }));
  const group: CollectionGroup = {
    id: 'g1',
    host,
    server: r.server.origin,
    fingerprint: { host, server: r.server.origin, pathPattern: new URL(service, 'http://x').pathname, version: '', responses: {} },
    services: 1,
    representatives: [service],
    checkedInBrowsers: r.engines.map((e) => e.project),
    verdict: r.verdict,
    diagnoses: r.diagnoses,
    result: r,
  };
  const svc: CollectionService = { url: service, host, from: r.input, verdict: r.verdict, group: 'g1', checkedIn: 'browsers', diagnoses: summaries };
  return {
    kind: 'collection',
    schemaVersion: 1,
    input: r.input,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    engines: r.engines,
    summary: { documents: 1, services: 1, hosts: 1, pass: r.verdict === 'pass' ? 1 : 0, fail: fails.length ? 1 : 0, unusable: 0, checkedInBrowsers: 1 },
    limits: { maxServices: 1, maxDocuments: 1, maxDepth: 0, truncated: [] },
    groups: [group],
    services: [svc],
    unreachable: [],
    verdict: r.verdict,
  };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function renderHtmlReport(doc: CertifyResult | CollectionResult, options: HtmlReportOptions = {}): string {
  const c = 'kind' in doc && doc.kind === 'collection' ? doc : asCollection(doc as CertifyResult);
  const image = options.image ?? dataUrl;
  const script = options.script && options.script !== 'inline' ? `<script src="${esc(options.script.src)}" defer></script>` : `<script>${REPORT_SCRIPT.replace(/<\/script/gi, '<\\/script')}</script>`;
  const title = `certify ${c.input}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>${esc(title)}</h1>
  <p id="verdict" class="v-${esc(c.verdict)}">${esc(verdictLine(c))}</p>
  ${summaryCards(c)}
  <p class="meta">Started ${esc(c.startedAt)}, ${(c.durationMs / 1000).toFixed(1)} s. Engines: ${c.engines.map((e) => esc(`${e.project} (${e.browser} ${e.version})`)).join(', ') || 'none'}.${c.limits.truncated.length ? ` <b>Caps reached:</b> ${esc(c.limits.truncated.join('; '))}.` : ''}</p>
</header>
<main>
<section id="causes">
<h2>Root causes by host and configuration</h2>
${c.groups.map((g) => groupSection(g, c, image)).join('\n') || '<p>No services were certified.</p>'}
</section>
${unreachable(c)}
<section id="services-section">
<h2>Every service</h2>
${filters(c)}
<p id="shown" aria-live="polite"></p>
<table id="services">
<thead><tr><th>Service</th><th>Host</th><th>Verdict</th><th>Root causes</th><th>Group</th><th>Checked</th></tr></thead>
<tbody>
${c.services.map(serviceRow).join('\n')}
</tbody>
</table>
</section>
</main>
${script}
</body>
</html>
`;
}

function verdictLine(c: CollectionResult): string {
  const s = c.summary;
  const what = c.verdict === 'pass' ? 'PASS: CORS is right for every service checked' : c.verdict === 'fail' ? `FAIL: ${s.fail} of ${s.services} services fail` : 'UNUSABLE: nothing could be certified';
  return `${what}${s.unusable ? `; ${s.unusable} could not be checked` : ''}`;
}

function summaryCards(c: CollectionResult): string {
  const s = c.summary;
  const cards: [string, number | string][] = [
    ['documents read', s.documents],
    ['services', s.services],
    ['hosts', s.hosts],
    ['configurations', c.groups.length],
    ['pass', s.pass],
    ['fail', s.fail],
    ['unusable', s.unusable],
    ['checked in browsers', s.checkedInBrowsers],
  ];
  return `<div class="cards" id="summary">${cards.map(([k, v]) => `<div class="card" data-key="${esc(k)}"><b>${esc(v)}</b><span>${esc(k)}</span></div>`).join('')}</div>`;
}

function groupSection(g: CollectionGroup, c: CollectionResult, image: (p: string) => string | null): string {
  const fp = g.fingerprint;
  const rests = g.checkedInBrowsers.length
    ? `${g.representatives.length} representative${g.representatives.length === 1 ? '' : 's'} certified in ${g.checkedInBrowsers.join(', ')}; ${Math.max(0, g.services - g.representatives.length)} more share their Node fingerprint`
    : 'checked from Node only (no engine ran)';
  const diagnoses = g.diagnoses.length
    ? `<ol class="diagnoses">${g.diagnoses
        .map((d, i) => {
          const id = `fix-${g.id}-${i}`;
          return `<li class="d-${esc(d.severity)}" data-cause="${esc(d.cause)}"><p><b>${d.severity === 'fail' ? 'FAIL' : 'WARN'}</b> ${esc(d.title)} <code>${esc(d.cause)}</code></p>
<p class="seen">seen: ${esc(d.observed)}</p>
<p>Fix for <b>${esc(d.fix.server)}</b>: <button type="button" data-copy="${id}">Copy fix</button></p>
<pre id="${id}">${esc(d.fix.text)}</pre></li>`;
        })
        .join('\n')}</ol>`
    : '<p class="ok">No root cause: CORS is right for what viewers request.</p>';
  const shots = (g.result?.viewers ?? []).filter((v) => v.screenshot).map((v) => ({ v, src: image(v.screenshot!) })).filter((x) => x.src);
  const figures = shots.length
    ? `<div class="shots">${shots.map(({ v, src }) => `<figure data-engine="${esc(v.engine)}" data-viewer="${esc(v.check)}"><img alt="${esc(`${v.check} in ${v.engine}`)}" src="${esc(src)}"><figcaption>${esc(v.engine)} · ${esc(v.check)}: ${v.shows === null ? 'n/a' : v.shows ? 'shows the image' : 'does not show it'}</figcaption></figure>`).join('')}</div>`
    : '';
  const of = c.summary.services ? ` of ${c.summary.services}` : '';
  return `<article class="group v-${esc(g.verdict)}" id="group-${esc(g.id)}" data-group="${esc(g.id)}">
<h3>${esc(g.id)} · ${esc(g.host)} · ${esc(g.server)} · ${esc(g.verdict.toUpperCase())} · <a href="#services" data-show-group="${esc(g.id)}">${g.services}${of} services</a></h3>
<p class="fp">Path ${esc(fp.pathPattern)}${fp.version ? `, Image API ${esc(fp.version)}` : ''}. Verdict rests on: ${esc(rests)}.</p>
${Object.keys(fp.responses).length ? `<details><summary>Fingerprint</summary><ul>${Object.entries(fp.responses).map(([k, v]) => `<li><code>${esc(k)}</code> ${esc(v)}</li>`).join('')}</ul></details>` : ''}
${diagnoses}
${figures}
</article>`;
}

function unreachable(c: CollectionResult): string {
  if (!c.unreachable.length) return '';
  const shown = c.unreachable.slice(0, 500);
  return `<section id="unreachable"><h2>Could not be read (${c.unreachable.length})</h2><ul>${shown.map((u) => `<li><code>${esc(u.url)}</code>: ${esc(u.reason)}</li>`).join('')}</ul>${c.unreachable.length > shown.length ? `<p>${c.unreachable.length - shown.length} more in the JSON.</p>` : ''}</section>`;
}

function filters(c: CollectionResult): string {
  const select = (id: string, label: string, values: string[]) =>
    `<label>${esc(label)} <select id="${id}"><option value="">all</option>${values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')}</select></label>`;
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return `<nav id="filters" aria-label="Filters">
<label>Search <input id="f-text" type="search" placeholder="URL or cause"></label>
${select('f-verdict', 'Verdict', ['pass', 'fail', 'unusable'])}
${select('f-host', 'Host', uniq(c.services.map((s) => s.host)))}
${select('f-group', 'Group', c.groups.map((g) => g.id))}
${select('f-checked', 'Checked', ['browsers', 'fingerprint', 'none'])}
</nav>`;
}

function serviceRow(s: CollectionService): string {
  const causes = s.diagnoses.filter((d) => d.severity === 'fail').map((d) => d.cause);
  const warns = s.diagnoses.filter((d) => d.severity === 'warn').map((d) => d.cause);
  const what = [...causes, ...warns.map((w) => `${w} (warn)`)].join(', ') || (s.error ? esc(s.error) : '');
  return `<tr data-verdict="${esc(s.verdict)}" data-host="${esc(s.host)}" data-group="${esc(s.group ?? '')}" data-checked="${esc(s.checkedIn)}"><td><code>${esc(s.url)}</code></td><td>${esc(s.host)}</td><td class="v-${esc(s.verdict)}">${esc(s.verdict)}</td><td>${esc(what)}</td><td>${s.group ? `<a href="#group-${esc(s.group)}">${esc(s.group)}</a>` : '-'}</td><td>${esc(s.checkedIn)}</td></tr>`;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
header,main{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:20px;word-break:break-all}h2{font-size:17px;margin-top:28px}h3{font-size:15px;margin:0 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;min-width:90px}
.card b{display:block;font-size:18px}.card span{color:#57606a;font-size:12px}
.v-pass{color:#1a7f37}.v-fail{color:#cf222e}.v-unusable{color:#9a6700}
#verdict{font-weight:600;font-size:16px}.meta{color:#57606a}
.group{border:1px solid #d0d7de;border-left-width:5px;border-radius:6px;padding:10px 12px;margin:10px 0;color:#1b1f24}
.group.v-fail{border-left-color:#cf222e}.group.v-pass{border-left-color:#1a7f37}.group.v-unusable{border-left-color:#9a6700}
.fp{color:#57606a;margin:0 0 6px}.seen{color:#57606a;margin:2px 0}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:8px;overflow:auto;white-space:pre-wrap}
.diagnoses li{margin-bottom:8px}.d-fail b:first-child{color:#cf222e}.d-warn b:first-child{color:#9a6700}
button{font:inherit;padding:2px 10px;border:1px solid #8c959f;border-radius:5px;background:#f6f8fa;cursor:pointer}
.shots{display:flex;flex-wrap:wrap;gap:10px}.shots figure{margin:0;width:260px}.shots img{width:100%;border:1px solid #d0d7de}
figcaption{font-size:12px;color:#57606a}
#filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d8dee4;padding:4px 6px;text-align:left;vertical-align:top}
td code{word-break:break-all}tr[hidden]{display:none}
`;
