// index.html: one self-contained file (no network, no external assets). The matrix is embedded as
// JSON and rendered by a small script: filters by family, engine and verdict, a text search, and a
// drawer with each cell's evidence (spec and citation, observed, server log, fix).

import { type CellHistory, interopRows } from './history.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import { wptCoverageLine } from './model.ts';

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
  <div id="families"></div>
</main>
<aside id="drawer" hidden aria-label="Cell evidence"><button id="close" aria-label="Close">×</button><div id="detail"></div></aside>
<script id="matrix-data" type="application/json">${data}</script>
<script id="history-data" type="application/json">${json(history)}</script>
<script id="interop-data" type="application/json">${json(interopRows(doc))}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
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

// Plain browser JavaScript (kept as a string: it runs in the report, not in Node). Verdict marks are
// plain glyphs coloured by CSS, not emoji: not every machine that opens the report has an emoji font.
const SCRIPT = `
const doc = JSON.parse(document.getElementById('matrix-data').textContent);
const history = JSON.parse(document.getElementById('history-data').textContent);
const interop = JSON.parse(document.getElementById('interop-data').textContent);
const since = (c) => history && history[c.scenario + '\\u0000' + c.engine];
const day = (iso) => String(iso).slice(0, 10);
const VERDICTS = ['conforms', 'known-deviation', 'unexpected', 'error'];
const MARK = { conforms: '✓', 'known-deviation': '≈', unexpected: '✗', error: '!' };
const engines = doc.run.engines.map((e) => e.project);
const families = [...new Set(doc.cells.map((c) => c.family))];
const el = (tag, { dataset, ...props } = {}, ...kids) => { const n = Object.assign(document.createElement(tag), props); Object.assign(n.dataset, dataset || {}); n.append(...kids.filter((k) => k != null)); return n; };
const brief = (o, error) => !o ? (error ? 'not observed' : '—') : o.steps ? o.steps.map((s) => brief(s)).join(' → ')
  : o.viewer ? [o.viewer.shown, o.viewer.drawer, o.viewer.uiError ? 'UI error' : null].filter(Boolean).join(' · ')
  : [o.result, o.status !== undefined && o.result !== 'blocked' ? o.status : null, o.canvas ? Object.entries(o.canvas).map(([k, v]) => k + ':' + v).join(' ') : null].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
const outcomesOf = (spec) => spec.outcomes || [spec];
const BASIS = { normative: 'normative section', wpt: 'WPT test', note: 'non-normative note', draft: 'draft', policy: 'engine policy', deviation: 'declared deviation' };
const specBrief = (spec) => outcomesOf(spec).map((o) => (o.label ? o.label + ': ' : '') + brief(o.observed) + ' [' + BASIS[o.basis || 'normative'] + ']').join(' / ');
const taken = (c) => !c.outcome || c.verdict === 'known-deviation' || (c.outcome.index === 0 && c.outcome.basis !== 'policy') ? '' : ' (' + (c.outcome.basis === 'policy' ? 'policy' : (c.outcome.label || 'outcome ' + (c.outcome.index + 1))) + ')';
const linkify = (text) => { const span = el('span'); for (const part of String(text).split(/(https?:\\/\\/[^\\s;,)]+)/)) span.append(/^https?:/.test(part) ? el('a', { href: part, textContent: part, target: '_blank', rel: 'noreferrer' }) : part); return span; };

const r = doc.run;
document.getElementById('run').textContent = 'Run ' + r.startedAt + ' · ' + r.status + ' · ' + r.os.platform + ' ' + r.os.release + ' · harness ' + r.harness.version + (r.harness.commit ? ' @ ' + r.harness.commit.slice(0, 10) : '') + ' · Playwright ' + r.playwright + (r.viewers ? ' · viewers ' + Object.entries(r.viewers).map(([k, v]) => k + ' ' + v).join(', ') : '') + ' · ' + doc.cells.length + ' cells';
for (const e of r.engines) {
  const counts = doc.summary[e.project] || {};
  document.getElementById('engines').append(el('div', { className: 'card' + (e.version ? '' : ' down') },
    el('b', { textContent: e.project + (e.browser ? ' — ' + e.browser : '') }),
    el('span', { className: 'ver', textContent: e.version ? e.version + ' · ' + e.source + ' · ' + e.protocol + (e.headless ? ' · headless' : '') : 'did not run: ' + (e.error || '') }),
    el('div', { className: 'counts' }, ...VERDICTS.map((v) => el('span', { title: v }, el('span', { className: 'm m-' + v, textContent: MARK[v] }), ' ' + (counts[v] || 0) + ' ' + (v === 'known-deviation' ? 'normative deviation' : v)))),
    el('div', { className: 'ver', textContent: 'conforms includes ' + (counts.alternative || 0) + ' permitted alternative(s) and ' + (counts.policy || 0) + ' engine policy cell(s)' })));
}

const fFamily = document.getElementById('f-family');
for (const f of families) fFamily.append(el('option', { value: f, textContent: f }));
const checkboxes = (id, values, name) => values.map((v) => { const box = el('input', { type: 'checkbox', checked: true, value: v, name }); document.getElementById(id).append(el('label', {}, box, ' ', MARK[v] ? el('span', { className: 'm m-' + v, textContent: MARK[v] + ' ' }) : null, v)); return box; });
const engineBoxes = checkboxes('f-engines', engines, 'engine');
const verdictBoxes = checkboxes('f-verdicts', VERDICTS, 'verdict');
const fText = document.getElementById('f-text');

const byScenario = new Map();
for (const c of doc.cells) { if (!byScenario.has(c.scenario)) byScenario.set(c.scenario, new Map()); byScenario.get(c.scenario).set(c.engine, c); }

if (r.baseline) {
  const s = document.getElementById('changes'); s.hidden = false;
  s.append(el('h2', { textContent: 'Changes since baseline (' + r.baseline.startedAt + ')' }));
  for (const v of r.baseline.engineVersions) s.append(el('p', { textContent: v.project + ': ' + (v.before || '—') + ' → ' + (v.after || '—') }));
  if (!r.baseline.changes.length) s.append(el('p', { className: 'muted', textContent: 'No cell changed.' }));
  else s.append(el('table', { className: 'changes' }, el('tr', {}, ...['scenario', 'engine', 'change', 'before', 'after'].map((h) => el('th', { textContent: h }))),
    ...r.baseline.changes.map((c) => el('tr', {}, el('td', {}, el('code', { textContent: c.scenario })), el('td', { textContent: c.engine }), el('td', { textContent: c.kind, title: (c.differences || []).join('\\n') }),
      ...[c.before, c.after].map((x) => el('td', { textContent: x ? MARK[x.verdict] + ' ' + brief(x.observed) : '—' }))))));
}

{
  const box = document.getElementById('interop');
  const engines = r.engines.map((e) => e.project);
  const split = interop.filter((x) => x.outcomes > 1);
  const by = (k) => split.filter((x) => x.differs.includes(k)).length;
  box.querySelector('summary').textContent = 'Interop: ' + split.length + ' of ' + interop.length + ' scenarios where engines differ (listed first): in verdict ' + by('verdict') + ', in the permitted outcome taken ' + by('outcome') + ', in what was observed ' + by('observation');
  box.querySelector('table').append(el('tr', {}, ...['scenario', 'outcomes', ...engines, 'what differs', 'spec'].map((h) => el('th', { textContent: h }))),
    ...interop.map((x) => el('tr', { className: x.outcomes > 1 ? 'split' : '' }, el('td', {}, el('code', { textContent: x.scenario })), el('td', { textContent: String(x.outcomes) }),
      ...engines.map((e) => el('td', { className: 'm m-' + (x.verdicts[e] || ''), textContent: x.verdicts[e] ? MARK[x.verdicts[e]] : '' })),
      el('td', { className: 'differs' }, ...x.notes.map((n) => el('div', { textContent: n }))), el('td', { className: 'spec' }, linkify(x.cite)))));
}

function render() {
  const fam = fFamily.value, text = fText.value.trim().toLowerCase();
  const showEngines = engineBoxes.filter((b) => b.checked).map((b) => b.value);
  const showVerdicts = new Set(verdictBoxes.filter((b) => b.checked).map((b) => b.value));
  const root = document.getElementById('families'); root.replaceChildren();
  let shown = 0;
  for (const family of families) {
    if (fam && fam !== family) continue;
    const rows = [];
    for (const [scenario, cells] of byScenario) {
      const any = cells.values().next().value;
      if (any.family !== family) continue;
      const visible = showEngines.map((e) => cells.get(e)).filter((c) => c && showVerdicts.has(c.verdict));
      const hay = (scenario + ' ' + any.title + ' ' + visible.map((c) => brief(c.observed, c.error)).join(' ')).toLowerCase();
      if (!visible.length || (text && !hay.includes(text))) continue;
      shown += visible.length;
      rows.push(el('tr', { dataset: { scenario } },
        el('td', { className: 'sc' }, el('code', { textContent: scenario }), any.title),
        el('td', { className: 'spec', textContent: specBrief(any.spec) }),
        ...showEngines.map((e) => { const c = cells.get(e); return el('td', {}, c && showVerdicts.has(c.verdict)
          ? el('button', { className: 'cell v-' + c.verdict, title: c.verdict, textContent: MARK[c.verdict] + ' ' + brief(c.observed, c.error) + taken(c), onclick: () => open(c), dataset: { engine: e, verdict: c.verdict } },
              since(c) ? el('small', { className: 'since', textContent: (since(c).before ? 'changed ' : 'since ') + day(since(c).since) + (since(c).sinceVersion ? ' · ' + since(c).sinceVersion : '') }) : null,
              c.evidence.screenshot ? el('img', { className: 'shot', src: c.evidence.screenshot, alt: 'viewer screenshot', loading: 'lazy' }) : null) : ''); })));
    }
    if (!rows.length) continue;
    root.append(el('section', { dataset: { family } }, el('h2', { textContent: family + ' (' + rows.length + ')' }),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', { textContent: 'scenario' }), el('th', { textContent: 'spec' }), ...showEngines.map((e) => el('th', { textContent: e })))), el('tbody', {}, ...rows))));
  }
  document.getElementById('shown').textContent = shown + ' of ' + doc.cells.length + ' cells shown';
}

function open(c) {
  const json = (x) => el('pre', { textContent: JSON.stringify(x, null, 2) });
  const d = document.getElementById('detail');
  const log = c.evidence.server;
  d.replaceChildren(...[
    el('h2', { textContent: c.scenario }), el('p', { textContent: c.title }),
    el('p', {}, el('span', { className: 'tag t-' + c.verdict, textContent: c.verdict }), ' in ' + c.engine + (c.engineVersion ? ' ' + c.engineVersion : '')),
    since(c) ? el('p', { className: 'since', textContent: since(c).before
      ? 'Verdict ' + c.verdict + ' since the run of ' + since(c).since + ' (' + c.engine + ' ' + (since(c).sinceVersion || '?') + '); before: ' + since(c).before.verdict + ' (' + (since(c).before.version || '?') + ', ' + since(c).before.at + ')'
      : 'Verdict ' + c.verdict + ' in all ' + since(c).runs + ' kept run(s), since ' + since(c).since + ' (' + c.engine + ' ' + (since(c).sinceVersion || '?') + ')' }) : null,
    c.differences.length ? el('ul', { className: 'diffs' }, ...c.differences.map((x) => el('li', { textContent: x }))) : null,
    c.error ? el('p', { className: 'diffs', textContent: 'Not observed: ' + c.error }) : null,
    c.fix ? el('div', {}, el('h3', { textContent: 'Fix (server side)' }), el('div', { className: 'fix', textContent: c.fix })) : null,
    el('h3', { textContent: 'The standards permit' }),
    ...outcomesOf(c.spec).map((o, i) => el('div', { className: 'outcome' + (c.outcome && c.outcome.index === i ? ' taken' : '') },
      el('p', {}, el('b', { textContent: (o.label || 'outcome ' + (i + 1)) + (c.outcome && c.outcome.index === i ? ' (taken)' : '') }), ' · basis: ', el('span', { className: 'basis', textContent: BASIS[o.basis || 'normative'] }), ' · ', linkify(o.cite)),
      json({ observed: o.observed, server: o.server }))),
    el('h3', { textContent: 'WPT counterparts' }),
    c.spec.wpt && c.spec.wpt.length ? el('ul', { className: 'wpt' }, ...c.spec.wpt.map((p) => el('li', {}, el('a', { href: 'https://wpt.fyi/results/' + p, textContent: p, target: '_blank', rel: 'noreferrer' })))) : null,
    c.spec.wptNote ? el('p', { className: 'muted', textContent: c.spec.wptNote }) : null,
    !c.spec.wpt ? el('p', { className: 'muted', textContent: 'not mapped (matrix from before WPT counterparts were recorded)' }) : null,
    c.deviation ? el('div', { className: 'outcome' + (c.outcome && c.outcome.index < 0 ? ' taken' : '') }, el('h3', { textContent: (c.deviation.kind === 'policy' ? 'Declared engine policy for ' : 'Declared deviation from normative text for ') + c.engine }), el('p', {}, el('span', { className: 'basis', textContent: BASIS[c.deviation.kind === 'policy' ? 'policy' : 'deviation'] }), ' · ', linkify(c.deviation.cite)), json({ observed: c.deviation.observed, server: c.deviation.server })) : null,
    c.evidence.screenshot ? el('div', {}, el('h3', { textContent: 'What the viewer showed' }), el('img', { className: 'shot-large', src: c.evidence.screenshot, alt: 'viewer screenshot' })) : null,
    el('h3', { textContent: 'Page JavaScript observed' }), json(c.observed),
    el('h3', { textContent: 'Server received (' + log.length + ' request' + (log.length === 1 ? '' : 's') + ')' }),
    log.length ? el('table', { className: 'log' }, el('tr', {}, ...['method', 'path', 'Origin', 'Cookie', 'ACRM / ACRH'].map((h) => el('th', { textContent: h }))),
      ...log.map((q) => el('tr', {}, el('td', { textContent: q.method }), el('td', { textContent: q.path }), el('td', { textContent: q.origin ?? '(none)' }), el('td', { textContent: q.cookie ?? '' }),
        el('td', { textContent: [q.accessControlRequestMethod, q.accessControlRequestHeaders].filter(Boolean).join(' / ') })))) : el('p', { className: 'muted', textContent: 'No request arrived.' }),
    c.server ? el('div', {}, el('h3', { textContent: 'Server facts' }), json(c.server)) : null,
    c.evidence.action ? el('div', {}, el('h3', { textContent: 'What the page did' }), json(c.evidence.action)) : null].filter(Boolean));
  document.getElementById('drawer').hidden = false;
}
document.getElementById('close').onclick = () => { document.getElementById('drawer').hidden = true; };
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') document.getElementById('drawer').hidden = true; });
for (const input of [fFamily, fText, ...engineBoxes, ...verdictBoxes]) input.addEventListener('input', render);
render();
`;
