// index.html: one self-contained file (no network, no external assets). The matrix is embedded as
// JSON and rendered by a small script (browser/matrix-page.ts, typed, bundled by esbuild and inlined):
// filters by family, engine and verdict, a text search, and a drawer with each cell's evidence (spec
// and citation, observed, server log, fix).

import { type CellHistory, interopRows } from './history.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import { wptCoverageLine } from './model.ts';
import { AUTH_TABLE_TITLE, deploymentAnswers, hasAuthCells } from '../auth/deployments.ts';
import { inlineScript, pageScriptSync } from '../../fixtures/page-script.ts';

const MATRIX_PAGE_SCRIPT = new URL('./browser/matrix-page.ts', import.meta.url);

/**
 * `history` (from --history): per cell since when its verdict holds. The page is built in the
 * browser from the embedded JSON (textContent only, never innerHTML), so the one escape that matters
 * here is `<` in the JSON, which would otherwise close its script element.
 */
export function renderHtml(doc: MatrixDocument, history: CellHistory | null = null): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  const data = json(doc);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CORS conformance matrix</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>CORS conformance matrix</h1>
  <p id="run"></p>
  <div id="engines" class="cards"></div>
  <p id="wpt">${wptCoverageLine(doc.cells).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>
</header>
<nav id="filters" aria-label="Filters">
  <label>Family <select id="f-family"><option value="">all</option></select></label>
  <fieldset id="f-engines"><legend>Engines</legend></fieldset>
  <fieldset id="f-verdicts"><legend>Verdicts</legend></fieldset>
  <label>Search <input id="f-text" type="search" placeholder="scenario, title, observed…"></label>
  <span id="shown" aria-live="polite"></span>
</nav>
<main>
  <section id="changes" hidden></section>
  <details id="interop"><summary></summary><table></table></details>
${authDeployments(doc)}  <div id="families"></div>
</main>
<aside id="drawer" hidden aria-label="Cell evidence"><button id="close" aria-label="Close">×</button><div id="detail"></div></aside>
<script id="matrix-data" type="application/json">${data}</script>
<script id="history-data" type="application/json">${json(history)}</script>
<script id="interop-data" type="application/json">${json(interopRows(doc))}</script>
<script>${inlineScript(pageScriptSync(MATRIX_PAGE_SCRIPT))}</script>
</body>
</html>
`;
}

const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Auth 2.0 deployments × engines table, when the run has the auth family (same answers as docs/auth.md). */
function authDeployments(doc: MatrixDocument): string {
  if (!hasAuthCells(doc)) return '';
  const head = doc.run.engines.map((e) => `<th>${text(e.project)}</th>`).join('');
  const rows = deploymentAnswers(doc).map((r) => {
    const cells = r.answers.map((a) => `<td>${text(a).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')}</td>`).join('');
    return `<tr><td>${text(r.deployment)} <code>${text(r.scenario)}</code></td>${cells}</tr>`;
  }).join('');
  return `  <details id="auth-deployments" open><summary>${text(AUTH_TABLE_TITLE)}</summary><table><tr><th>deployment</th>${head}</tr>${rows}</table></details>\n`;
}

const CSS = `
:root { --ok:#1a7f37; --dev:#9a6700; --bad:#cf222e; --err:#8250df; --bg:#f6f8fa; --line:#d0d7de; --ink:#1f2328; --mute:#59636e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 28px 8px; border-bottom: 1px solid var(--line); background: var(--bg); }
h1 { margin: 0 0 4px; font-size: 22px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
#run { margin: 0 0 12px; color: var(--mute); }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 220px; }
.card b { display: block; font-size: 15px; }
.card .ver { color: var(--mute); font-size: 12px; }
.card .counts { margin-top: 6px; display: flex; gap: 12px; font-variant-numeric: tabular-nums; }
.m-conforms { color: var(--ok); } .m-known-deviation { color: var(--dev); } .m-unexpected { color: var(--bad); } .m-error { color: var(--err); }
.m { font-weight: 700; }
.card.down { border-color: var(--bad); }
nav { position: sticky; top: 0; z-index: 2; display: flex; gap: 18px; align-items: center; flex-wrap: wrap; padding: 10px 28px; background: #fff; border-bottom: 1px solid var(--line); }
fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 10px; align-items: center; }
legend { float: left; margin-right: 6px; color: var(--mute); }
nav label { color: var(--mute); }
select, input[type=search] { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; }
#shown { color: var(--mute); margin-left: auto; }
main { padding: 0 28px 40px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; position: sticky; top: 49px; }
td.sc code { font-size: 12px; color: var(--mute); display: block; }
td.spec { color: var(--mute); font-size: 13px; }
button.cell { all: unset; cursor: pointer; display: block; padding: 3px 8px; border-radius: 6px; font-size: 13px; border-left: 4px solid; background: var(--bg); }
button.cell:hover, button.cell:focus-visible { outline: 2px solid #0969da; }
.v-conforms { border-color: var(--ok) !important; } .v-known-deviation { border-color: var(--dev) !important; background: #fff8c5 !important; }
.v-unexpected { border-color: var(--bad) !important; background: #ffebe9 !important; } .v-error { border-color: var(--err) !important; background: #fbefff !important; }
.tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 10px; color: #fff; }
.t-conforms { background: var(--ok); } .t-known-deviation { background: var(--dev); } .t-unexpected { background: var(--bad); } .t-error { background: var(--err); }
aside { position: fixed; top: 0; right: 0; bottom: 0; width: min(640px, 100%); overflow: auto; background: #fff; border-left: 1px solid var(--line); box-shadow: -8px 0 24px rgba(0,0,0,.08); padding: 20px 24px; z-index: 3; }
#close { float: right; font-size: 22px; border: 0; background: none; cursor: pointer; }
aside h3 { margin: 18px 0 6px; font-size: 14px; }
small.since { display: block; color: var(--mute); font-size: 11px; }
#interop { margin-top: 16px; } td.differs { font-size: 12px; font-family: ui-monospace, monospace; } #interop summary { cursor: pointer; font-weight: 600; } #interop tr.split td:first-child { border-left: 4px solid var(--dev); }
pre { background: var(--bg); padding: 8px 10px; border-radius: 6px; overflow: auto; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
.log td { font-size: 12px; font-family: ui-monospace, monospace; }
.fix { border-left: 4px solid var(--ok); background: #dafbe1; padding: 8px 10px; border-radius: 6px; }
.diffs li { color: var(--bad); }
.muted { color: var(--mute); }
.outcome { border-left: 4px solid var(--line); padding-left: 8px; margin: 6px 0; }
.outcome.taken { border-color: var(--ok); }
.basis { font-size: 12px; padding: 0 6px; border-radius: 10px; background: var(--bg); border: 1px solid var(--line); }
img.shot { display: block; width: 96px; margin-top: 4px; border: 1px solid var(--line); } img.shot-large { max-width: 100%; border: 1px solid var(--line); }
`;
