// matrix.md: per-family tables (scenario rows × engine columns), short enough for a CI step summary.

import { permittedOutcomes, VERDICTS } from '../../contract/verdict.ts';
import type { Cell } from '../../contract/cell.ts';
import type { MatrixDocument } from '../../contract/matrix.ts';
import { interopRows, interopSummary } from './history.ts';
import { wptCoverageLine } from './model.ts';
import { AUTH_TABLE_TITLE, DEPLOYMENT_ROWS, deploymentTable, hasAuthCells } from '../auth/deployments.ts';

export const VERDICT_MARK = { conforms: '✅', 'known-deviation': '🟡', unexpected: '❌', error: '⚠️' } as const;

/** A few words for what JS saw: result and status, or the canvas outcomes. */
function observedBrief(cell: Pick<Cell, 'observed' | 'error'>): string {
  const o = cell.observed;
  if (!o) return cell.error ? 'not observed' : '—';
  if (o.steps) return o.steps.map((s) => observedBrief({ observed: s })).join(' → ');
  if (o.viewer) return [o.viewer.shown, o.viewer.drawer, o.viewer.uiError ? 'UI error' : null].filter(Boolean).join(' · ');
  const parts: string[] = [o.result ?? ''];
  if (o.status !== undefined && o.result !== 'blocked') parts.push(String(o.status));
  if (o.canvas) parts.push(Object.entries(o.canvas).map(([k, v]) => `${k}:${v}`).join(' '));
  return parts.filter(Boolean).join(' ');
}

/** The permitted outcomes in a few words each, with their basis where it is not normative text. */
function specBrief(cell: Pick<Cell, 'spec'>): string {
  return permittedOutcomes(cell.spec)
    .map((o) => `${o.label ? `${o.label}: ` : ''}${observedBrief({ observed: o.observed })}${o.basis && o.basis !== 'normative' ? ` [${o.basis}]` : ''}`)
    .join(' / ');
}

/** Which outcome a cell took, when that is not simply the first permitted one. */
function outcomeNote(cell: Pick<Cell, 'outcome' | 'verdict'>): string {
  const o = cell.outcome;
  if (!o || (o.index === 0 && o.basis !== 'policy') || cell.verdict === 'known-deviation') return '';
  return ` (${o.basis === 'policy' ? 'policy' : o.label ?? `outcome ${o.index + 1}`})`;
}

const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(doc: MatrixDocument): string {
  const engines = doc.run.engines.map((e) => e.project);
  const out: string[] = ['# CORS conformance matrix', ''];
  out.push(`Run ${doc.run.startedAt} (${doc.run.status}) on ${doc.run.os.platform} ${doc.run.os.release}, harness ${doc.run.harness.version}${doc.run.harness.commit ? ` @ ${doc.run.harness.commit.slice(0, 10)}` : ''}.`, '');
  if (doc.run.viewers) out.push(`Viewers: ${Object.entries(doc.run.viewers).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  out.push('| engine | browser | ' + VERDICTS.map((v) => `${VERDICT_MARK[v]} ${v}`).join(' | ') + ' | of which permitted alternatives | of which policies |');
  out.push('|---|---|' + VERDICTS.map(() => '---:').join('|') + '|---:|---:|');
  for (const e of doc.run.engines) {
    const counts = doc.summary[e.project];
    const browser = e.version ? `${e.browser} ${e.version} (${e.source}, ${e.protocol})` : `did not run: ${escape(e.error ?? 'unknown')}`;
    out.push(`| ${e.project} | ${browser} | ${VERDICTS.map((v) => counts?.[v] ?? 0).join(' | ')} | ${counts?.alternative ?? 0} | ${counts?.policy ?? 0} |`);
  }
  out.push('', wptCoverageLine(doc.cells), '', `${interopSummary(interopRows(doc))} (each named in index.html).`, '');
  if (hasAuthCells(doc)) out.push(`## ${AUTH_TABLE_TITLE}`, '', deploymentTable(doc, DEPLOYMENT_ROWS), '');

  const baseline = doc.run.baseline;
  if (baseline) {
    out.push(`## Changes since baseline (${baseline.startedAt})`, '');
    for (const v of baseline.engineVersions) out.push(`- ${v.project}: ${v.before ?? '—'} → ${v.after ?? '—'}`);
    if (!baseline.changes.length) out.push('No cell changed.');
    else {
      out.push('| scenario | engine | change | before | after |', '|---|---|---|---|---|');
      for (const c of baseline.changes) {
        const side = (s: typeof c.before) => (s ? `${VERDICT_MARK[s.verdict]} ${escape(observedBrief({ observed: s.observed }))}` : '—');
        const what = c.differences?.length ? `: ${escape(c.differences.slice(0, 3).join('; '))}${c.differences.length > 3 ? ' …' : ''}` : '';
        out.push(`| \`${c.scenario}\` | ${c.engine} | ${c.kind}${what} | ${side(c.before)} | ${side(c.after)} |`);
      }
    }
    out.push('');
  }

  const byFamily = new Map<string, Map<string, Map<string, Cell>>>();
  for (const cell of doc.cells) {
    const rows = byFamily.get(cell.family) ?? new Map<string, Map<string, Cell>>();
    byFamily.set(cell.family, rows);
    const row = rows.get(cell.scenario) ?? new Map<string, Cell>();
    rows.set(cell.scenario, row);
    row.set(cell.engine, cell);
  }
  for (const [family, rows] of byFamily) {
    out.push(`## ${family} (${rows.size} scenarios)`, '');
    out.push(`| scenario | spec | ${engines.join(' | ')} |`, `|---|---|${engines.map(() => '---').join('|')}|`);
    for (const [scenario, row] of rows) {
      const any = row.values().next().value as Cell;
      const cells = engines.map((e) => {
        const c = row.get(e);
        return c ? `${VERDICT_MARK[c.verdict]} ${escape(observedBrief(c))}${escape(outcomeNote(c))}` : '';
      });
      out.push(`| \`${scenario}\` ${escape(any.title)} | ${escape(specBrief(any))} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  out.push(`${VERDICT_MARK.conforms} conforms to the spec · ${VERDICT_MARK['known-deviation']} known, cited departure from normative text · ${VERDICT_MARK.unexpected} unexpected · ${VERDICT_MARK.error} could not be observed`, '');
  return out.join('\n');
}
