// The hosted certify's pages, rendered on the server with Hono's html helper (no build step, no
// CDN): the form, and /r/<id> for a run (its progress while it runs, the report when done). The
// page's only script is /app.js (the CSP allows no inline script); without it the form still
// posts and /r/<id> refreshes itself until the run ends.

import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CertifyResult } from '../../contract/certify.ts';
import type { JobStatus } from '../../contract/service.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL', unavailable: 'n/avail', network: 'NETWORK', 'n/a': '–' } as const;

function layout(title: string, body: Html, refresh = false): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? html`<noscript><meta http-equiv="refresh" content="5"></noscript>` : ''}
<title>${title}</title>
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<header><a href="/">certify</a>: is this IIIF server's CORS right, in Chromium, Firefox and WebKit?</header>
<main>${body}</main>
</body>
</html>`;
}

export function formPage(engines: string[], defaults: { url?: string; error?: string } = {}): Html {
  return layout(
    'certify a IIIF server',
    html`<form id="certify" method="post" action="/r">
<p><label for="url">URL</label>
<input id="url" name="url" type="url" required size="70" placeholder="https://iiif.example.org/iiif/3/image/info.json" value="${defaults.url ?? ''}">
<button id="go" type="submit">Certify</button></p>
<p class="hint">An info.json, an image service base URI, an image request or a Presentation 2/3 manifest.</p>
${defaults.error ? html`<p id="error" class="error" role="alert">${defaults.error}</p>` : html`<p id="error" class="error" role="alert" hidden></p>`}
<details><summary>Options</summary>
<p><label for="viewerOrigin">Viewer origin</label> <input id="viewerOrigin" name="viewerOrigin" placeholder="https://viewer.example.org"> (run the browser checks from your viewer's origin)</p>
<p><label for="trustedOrigins">Trusted origins</label> <input id="trustedOrigins" name="trustedOrigins" size="50" placeholder="https://a.example.org https://b.example.org"> (space-separated: their look-alikes are probed)</p>
<p><label><input id="viewers" name="viewers" type="checkbox" value="on" checked> Open the image in real viewers (OpenSeadragon, Mirador) and keep screenshots</label></p>
<fieldset><legend>Engines</legend>${engines.map((e) => html`<label><input name="engines" type="checkbox" value="${e}" checked> ${e}</label> `)}</fieldset>
</details>
</form>`,
  );
}

export function runPage(s: JobStatus): Html {
  const running = s.status === 'queued' || s.status === 'running';
  return layout(
    `certify ${s.input}`,
    html`<section id="run" data-id="${s.id}" data-status="${s.status}">
<h1>certify <a href="${s.input}" rel="noreferrer">${s.input}</a></h1>
<p id="state">${stateLine(s)}</p>
<div id="progress">${s.engines.map((e) => html`<p class="engine" data-engine="${e}"><span class="name">${e}</span> <progress max="1" value="${s.status === 'done' ? 1 : 0}"></progress> <span class="msg"></span></p>`)}</div>
${running ? html`<p><button id="cancel" type="button">Cancel</button></p>` : ''}
${s.result ? report(s.result, s) : ''}
</section>`,
    running,
  );
}

function stateLine(s: JobStatus): Html {
  if (s.status === 'queued') return html`Queued: ${s.position ?? 0} run(s) ahead.`;
  if (s.status === 'running') return html`Running…`;
  if (s.status === 'done') return html`<strong id="verdict" class="${s.result?.verdict}">${s.verdictLine}</strong>`;
  return html`<strong id="verdict" class="fail">${s.status === 'cancelled' ? 'Cancelled' : 'Could not certify'}: ${s.error ?? ''}</strong>`;
}

function report(r: CertifyResult, s: JobStatus): Html {
  const columns = [...r.engines.map((e) => e.project), 'node'];
  return html`<p>Server: ${r.server.origin}${r.server.cache ? ` behind ${r.server.cache}` : ''}${r.server.seen.length ? `; seen: ${r.server.seen.map((x) => `${x.server} (${x.evidence})`).join(', ')}` : ''}. Viewer origin: ${r.viewerOrigin}.
Engines: ${r.engines.map((e) => `${e.browser} ${e.version}`).join(', ')}.</p>
<p class="links"><a id="json" href="/api/certify/${s.id}/result.json" download="certify-${s.id}.json">JSON (the CLI's --json document)</a> · <a id="html" href="/r/${s.id}/report.html">HTML report</a> · <a id="text" href="/r/${s.id}/report.txt">text report</a> · <a href="/r/${s.id}">link to this result</a> (kept until ${s.expiresAt ?? ''})</p>
<h2>Root causes</h2>
${r.diagnoses.length ? html`<ol id="causes">${r.diagnoses.map((d, i) => html`<li class="${d.severity}"><strong>${d.severity === 'fail' ? 'FAIL' : 'WARN'} ${d.title}</strong>
<p>seen: ${d.observed}</p>
<p>fix (${d.fix.server}): <button type="button" class="copy" data-copy="fix-${i}">Copy</button></p>
<pre id="fix-${i}">${d.fix.text}</pre></li>`)}</ol>` : html`<p id="causes">None.</p>`}
${r.viewers?.length ? html`<h2>Viewers</h2><p>Would a person see the image? Judged by the pixels of a screenshot.</p>
<ul id="viewers">${r.viewers.map((v) => html`<li>${v.check} in ${v.engine}: ${v.shows === null ? 'n/a' : v.shows ? 'shows the image' : 'does NOT show the image'}${v.shows === false ? ` (${v.reason})` : ''}${v.screenshot ? html` <a class="screenshot" href="${v.screenshot}"><img src="${v.screenshot}" alt="screenshot of ${v.check} in ${v.engine}" width="160"></a>` : ''}</li>`)}</ul>` : ''}
<h2>Checks</h2>
<table id="checks"><thead><tr><th>check</th>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>${r.checks.map((c) => html`<tr><th title="${c.title}">${c.id}</th>${columns.map((col) => {
    const x = c.results[col];
    return x ? html`<td class="${x.status.replace('/', '')}" title="${x.observed}">${MARK[x.status]}${x.of && x.failed ? ` ${x.failed}/${x.of}` : ''}</td>` : html`<td></td>`;
  })}</tr>`)}</tbody></table>`;
}

export const notFoundPage = (id: string): Html => layout('not found', html`<p class="error">No run ${id} here: it never existed, or it was finished long enough ago to be forgotten. <a href="/">Certify again</a>.</p>`);

export { raw };
