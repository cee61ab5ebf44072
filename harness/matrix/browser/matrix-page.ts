// index.html's script (harness/matrix/html.ts inlines its bundle): reads the embedded matrix, history
// and interop JSON and builds the page with textContent only. Verdict marks are plain glyphs coloured
// by CSS, not emoji: not every machine that opens the report has an emoji font.

import type { Cell } from '../../../contract/cell.ts';
import type { MatrixDocument } from '../../../contract/matrix.ts';
import type { Observation } from '../../../contract/page.ts';
import type { Outcome, Verdict } from '../../../contract/verdict.ts';
import type { CellHistory, InteropRow } from '../history.ts';

/** A cell's spec as matrix.json files of every schema version hold it: the outcomes, or one outcome (older files). */
type SpecOf = Cell['spec'] | (Outcome & Partial<Pick<Cell['spec'], 'wpt' | 'wptNote'>>);
type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'dataset'>> & { dataset?: Record<string, string> };
type Kid = Node | string | null | undefined;

const data = <T>(id: string) => JSON.parse(document.getElementById(id)!.textContent!) as T;
const doc = data<MatrixDocument>('matrix-data');
const history = data<CellHistory | null>('history-data');
const interop = data<InteropRow[]>('interop-data');
const since = (c: Cell) => history && history[c.scenario + '\u0000' + c.engine];
const day = (iso: string) => String(iso).slice(0, 10);
const VERDICTS: Verdict[] = ['conforms', 'known-deviation', 'unexpected', 'error'];
const MARK: Record<string, string> = { conforms: '✓', 'known-deviation': '≈', unexpected: '✗', error: '!' };
const engines = doc.run.engines.map((e) => e.project);
const families = [...new Set(doc.cells.map((c) => c.family))];
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, { dataset, ...props }: Props<K> = {}, ...kids: Kid[]): HTMLElementTagNameMap[K] => { const n = Object.assign(document.createElement(tag), props); Object.assign(n.dataset, dataset || {}); n.append(...kids.filter((k): k is Node | string => k != null)); return n; };
const brief = (o: Observation | null | undefined, error?: string): string => !o ? (error ? 'not observed' : '—') : o.steps ? o.steps.map((s) => brief(s)).join(' → ')
  : o.viewer ? [o.viewer.shown, o.viewer.drawer, o.viewer.uiError ? 'UI error' : null].filter(Boolean).join(' · ')
  : [o.result, o.status !== undefined && o.result !== 'blocked' ? o.status : null, o.canvas ? Object.entries(o.canvas).map(([k, v]) => k + ':' + v).join(' ') : null].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
const outcomesOf = (spec: SpecOf): Outcome[] => (spec as Cell['spec']).outcomes || [spec as Outcome];
const BASIS: Record<string, string> = { normative: 'normative section', wpt: 'WPT test', note: 'non-normative note', draft: 'draft', policy: 'engine policy', deviation: 'declared deviation' };
const specBrief = (spec: SpecOf) => outcomesOf(spec).map((o) => (o.label ? o.label + ': ' : '') + brief(o.observed) + ' [' + BASIS[o.basis || 'normative'] + ']').join(' / ');
const taken = (c: Cell) => !c.outcome || c.verdict === 'known-deviation' || (c.outcome.index === 0 && c.outcome.basis !== 'policy') ? '' : ' (' + (c.outcome.basis === 'policy' ? 'policy' : (c.outcome.label || 'outcome ' + (c.outcome.index + 1))) + ')';
const linkify = (text: string) => { const span = el('span'); for (const part of String(text).split(/(https?:\/\/[^\s;,)]+)/)) span.append(/^https?:/.test(part) ? el('a', { href: part, textContent: part, target: '_blank', rel: 'noreferrer' }) : part); return span; };

const r = doc.run;
document.getElementById('run')!.textContent = 'Run ' + r.startedAt + ' · ' + r.status + ' · ' + r.os.platform + ' ' + r.os.release + ' · harness ' + r.harness.version + (r.harness.commit ? ' @ ' + r.harness.commit.slice(0, 10) : '') + ' · Playwright ' + r.playwright + (r.viewers ? ' · viewers ' + Object.entries(r.viewers).map(([k, v]) => k + ' ' + v).join(', ') : '') + ' · ' + doc.cells.length + ' cells';
for (const e of r.engines) {
  const counts: Partial<Record<string, number>> = doc.summary[e.project] || {};
  document.getElementById('engines')!.append(el('div', { className: 'card' + (e.version ? '' : ' down') },
    el('b', { textContent: e.project + (e.browser ? ' — ' + e.browser : '') }),
    el('span', { className: 'ver', textContent: e.version ? e.version + ' · ' + e.source + ' · ' + e.protocol + (e.headless ? ' · headless' : '') : 'did not run: ' + (e.error || '') }),
    el('div', { className: 'counts' }, ...VERDICTS.map((v) => el('span', { title: v }, el('span', { className: 'm m-' + v, textContent: MARK[v] }), ' ' + (counts[v] || 0) + ' ' + (v === 'known-deviation' ? 'normative deviation' : v)))),
    el('div', { className: 'ver', textContent: 'conforms includes ' + (counts.alternative || 0) + ' permitted alternative(s) and ' + (counts.policy || 0) + ' engine policy cell(s)' })));
}

const fFamily = document.getElementById('f-family') as HTMLSelectElement;
for (const f of families) fFamily.append(el('option', { value: f, textContent: f }));
const checkboxes = (id: string, values: string[], name: string) => values.map((v) => { const box = el('input', { type: 'checkbox', checked: true, value: v, name }); document.getElementById(id)!.append(el('label', {}, box, ' ', MARK[v] ? el('span', { className: 'm m-' + v, textContent: MARK[v] + ' ' }) : null, v)); return box; });
const engineBoxes = checkboxes('f-engines', engines, 'engine');
const verdictBoxes = checkboxes('f-verdicts', VERDICTS, 'verdict');
const fText = document.getElementById('f-text') as HTMLInputElement;

const byScenario = new Map<string, Map<string, Cell>>();
for (const c of doc.cells) { if (!byScenario.has(c.scenario)) byScenario.set(c.scenario, new Map()); byScenario.get(c.scenario)!.set(c.engine, c); }

if (r.baseline) {
  const s = document.getElementById('changes')!; s.hidden = false;
  s.append(el('h2', { textContent: 'Changes since baseline (' + r.baseline.startedAt + ')' }));
  for (const v of r.baseline.engineVersions) s.append(el('p', { textContent: v.project + ': ' + (v.before || '—') + ' → ' + (v.after || '—') }));
  if (!r.baseline.changes.length) s.append(el('p', { className: 'muted', textContent: 'No cell changed.' }));
  else s.append(el('table', { className: 'changes' }, el('tr', {}, ...['scenario', 'engine', 'change', 'before', 'after'].map((h) => el('th', { textContent: h }))),
    ...r.baseline.changes.map((c) => el('tr', {}, el('td', {}, el('code', { textContent: c.scenario })), el('td', { textContent: c.engine }), el('td', { textContent: c.kind, title: (c.differences || []).join('\n') }),
      ...[c.before, c.after].map((x) => el('td', { textContent: x ? MARK[x.verdict] + ' ' + brief(x.observed) : '—' }))))));
}

{
  const box = document.getElementById('interop')!;
  const engines = r.engines.map((e) => e.project);
  const split = interop.filter((x) => x.outcomes > 1);
  const by = (k: InteropRow['differs'][number]) => split.filter((x) => x.differs.includes(k)).length;
  box.querySelector('summary')!.textContent = 'Interop: ' + split.length + ' of ' + interop.length + ' scenarios where engines differ (listed first): in verdict ' + by('verdict') + ', in the permitted outcome taken ' + by('outcome') + ', in what was observed ' + by('observation');
  box.querySelector('table')!.append(el('tr', {}, ...['scenario', 'outcomes', ...engines, 'what differs', 'spec'].map((h) => el('th', { textContent: h }))),
    ...interop.map((x) => el('tr', { className: x.outcomes > 1 ? 'split' : '' }, el('td', {}, el('code', { textContent: x.scenario })), el('td', { textContent: String(x.outcomes) }),
      ...engines.map((e) => el('td', { className: 'm m-' + (x.verdicts[e] || ''), textContent: x.verdicts[e] ? MARK[x.verdicts[e]] : '' })),
      el('td', { className: 'differs' }, ...x.notes.map((n) => el('div', { textContent: n }))), el('td', { className: 'spec' }, linkify(x.cite)))));
}

function render(): void {
  const fam = fFamily.value, text = fText.value.trim().toLowerCase();
  const showEngines = engineBoxes.filter((b) => b.checked).map((b) => b.value);
  const showVerdicts = new Set(verdictBoxes.filter((b) => b.checked).map((b) => b.value));
  const root = document.getElementById('families')!; root.replaceChildren();
  let shown = 0;
  for (const family of families) {
    if (fam && fam !== family) continue;
    const rows = [];
    for (const [scenario, cells] of byScenario) {
      const any = cells.values().next().value!;
      if (any.family !== family) continue;
      const visible = showEngines.map((e) => cells.get(e)).filter((c): c is Cell => !!c && showVerdicts.has(c.verdict));
      const hay = (scenario + ' ' + any.title + ' ' + visible.map((c) => brief(c.observed, c.error)).join(' ')).toLowerCase();
      if (!visible.length || (text && !hay.includes(text))) continue;
      shown += visible.length;
      rows.push(el('tr', { dataset: { scenario } },
        el('td', { className: 'sc' }, el('code', { textContent: scenario }), any.title),
        el('td', { className: 'spec', textContent: specBrief(any.spec) }),
        ...showEngines.map((e) => { const c = cells.get(e); return el('td', {}, c && showVerdicts.has(c.verdict)
          ? el('button', { className: 'cell v-' + c.verdict, title: c.verdict, textContent: MARK[c.verdict] + ' ' + brief(c.observed, c.error) + taken(c), onclick: () => open(c), dataset: { engine: e, verdict: c.verdict } },
              since(c) ? el('small', { className: 'since', textContent: (since(c)!.before ? 'changed ' : 'since ') + day(since(c)!.since) + (since(c)!.sinceVersion ? ' · ' + since(c)!.sinceVersion : '') }) : null,
              c.evidence.screenshot ? el('img', { className: 'shot', src: c.evidence.screenshot, alt: 'viewer screenshot', loading: 'lazy' }) : null) : ''); })));
    }
    if (!rows.length) continue;
    root.append(el('section', { dataset: { family } }, el('h2', { textContent: family + ' (' + rows.length + ')' }),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', { textContent: 'scenario' }), el('th', { textContent: 'spec' }), ...showEngines.map((e) => el('th', { textContent: e })))), el('tbody', {}, ...rows))));
  }
  document.getElementById('shown')!.textContent = shown + ' of ' + doc.cells.length + ' cells shown';
}

function open(c: Cell): void {
  const json = (x: unknown) => el('pre', { textContent: JSON.stringify(x, null, 2) });
  const d = document.getElementById('detail')!;
  const log = c.evidence.server;
  const spec: SpecOf = c.spec;
  d.replaceChildren(...([
    el('h2', { textContent: c.scenario }), el('p', { textContent: c.title }),
    el('p', {}, el('span', { className: 'tag t-' + c.verdict, textContent: c.verdict }), ' in ' + c.engine + (c.engineVersion ? ' ' + c.engineVersion : '')),
    since(c) ? el('p', { className: 'since', textContent: since(c)!.before
      ? 'Verdict ' + c.verdict + ' since the run of ' + since(c)!.since + ' (' + c.engine + ' ' + (since(c)!.sinceVersion || '?') + '); before: ' + since(c)!.before!.verdict + ' (' + (since(c)!.before!.version || '?') + ', ' + since(c)!.before!.at + ')'
      : 'Verdict ' + c.verdict + ' in all ' + since(c)!.runs + ' kept run(s), since ' + since(c)!.since + ' (' + c.engine + ' ' + (since(c)!.sinceVersion || '?') + ')' }) : null,
    c.differences.length ? el('ul', { className: 'diffs' }, ...c.differences.map((x) => el('li', { textContent: x }))) : null,
    c.error ? el('p', { className: 'diffs', textContent: 'Not observed: ' + c.error }) : null,
    c.fix ? el('div', {}, el('h3', { textContent: 'Fix (server side)' }), el('div', { className: 'fix', textContent: c.fix })) : null,
    el('h3', { textContent: 'The standards permit' }),
    ...outcomesOf(spec).map((o, i) => el('div', { className: 'outcome' + (c.outcome && c.outcome.index === i ? ' taken' : '') },
      el('p', {}, el('b', { textContent: (o.label || 'outcome ' + (i + 1)) + (c.outcome && c.outcome.index === i ? ' (taken)' : '') }), ' · basis: ', el('span', { className: 'basis', textContent: BASIS[o.basis || 'normative'] }), ' · ', linkify(o.cite)),
      json({ observed: o.observed, server: o.server }))),
    el('h3', { textContent: 'WPT counterparts' }),
    spec.wpt && spec.wpt.length ? el('ul', { className: 'wpt' }, ...spec.wpt.map((p) => el('li', {}, el('a', { href: 'https://wpt.fyi/results/' + p, textContent: p, target: '_blank', rel: 'noreferrer' })))) : null,
    spec.wptNote ? el('p', { className: 'muted', textContent: spec.wptNote }) : null,
    !spec.wpt ? el('p', { className: 'muted', textContent: 'not mapped (matrix from before WPT counterparts were recorded)' }) : null,
    c.deviation ? el('div', { className: 'outcome' + (c.outcome && c.outcome.index < 0 ? ' taken' : '') }, el('h3', { textContent: (c.deviation.kind === 'policy' ? 'Declared engine policy for ' : 'Declared deviation from normative text for ') + c.engine }), el('p', {}, el('span', { className: 'basis', textContent: BASIS[c.deviation.kind === 'policy' ? 'policy' : 'deviation'] }), ' · ', linkify(c.deviation.cite)), json({ observed: c.deviation.observed, server: c.deviation.server })) : null,
    c.evidence.screenshot ? el('div', {}, el('h3', { textContent: 'What the viewer showed' }), el('img', { className: 'shot-large', src: c.evidence.screenshot, alt: 'viewer screenshot' })) : null,
    el('h3', { textContent: 'Page JavaScript observed' }), json(c.observed),
    el('h3', { textContent: 'Server received (' + log.length + ' request' + (log.length === 1 ? '' : 's') + ')' }),
    log.length ? el('table', { className: 'log' }, el('tr', {}, ...['method', 'path', 'Origin', 'Cookie', 'ACRM / ACRH'].map((h) => el('th', { textContent: h }))),
      ...log.map((q) => el('tr', {}, el('td', { textContent: q.method }), el('td', { textContent: q.path }), el('td', { textContent: q.origin ?? '(none)' }), el('td', { textContent: q.cookie ?? '' }),
        el('td', { textContent: [q.accessControlRequestMethod, q.accessControlRequestHeaders].filter(Boolean).join(' / ') })))) : el('p', { className: 'muted', textContent: 'No request arrived.' }),
    c.server ? el('div', {}, el('h3', { textContent: 'Server facts' }), json(c.server)) : null,
    c.evidence.action ? el('div', {}, el('h3', { textContent: 'What the page did' }), json(c.evidence.action)) : null] as Kid[]).filter((x): x is Node | string => Boolean(x)));
  document.getElementById('drawer')!.hidden = false;
}
document.getElementById('close')!.onclick = () => { document.getElementById('drawer')!.hidden = true; };
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') document.getElementById('drawer')!.hidden = true; });
for (const input of [fFamily, fText, ...engineBoxes, ...verdictBoxes]) input.addEventListener('input', render);
render();
