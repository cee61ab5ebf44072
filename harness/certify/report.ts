// The certify report as people read it: verdict, root causes with the fix for the server found,
// what was not available or not checked, then the check × engine table (rows that did not pass;
// --verbose shows every row with every observation and the node-side evidence). Text or Markdown.

import { renderAuthSection } from './report-auth.ts';
import { dirname } from 'node:path';
import { fillFix, quotedFrom } from './diagnose.ts';
import { FIXES, isCause } from './fixes.ts';
import { SERVERS } from './servers.ts';
import type { Evidence } from '../../contract/certify.ts';
import { certifyContract } from '../../contract/validate.ts';
import { type CertifyReport, NODE_COLUMN } from './types.ts';

export interface RenderOptions {
  verbose?: boolean;
  allFixes?: boolean;
  format?: 'text' | 'md';
  /** The wall time to print (the CLI's, from process start); defaults to the report's own. */
  wallMs?: number;
}

const VIEWER_ORIGIN_NOTE = { own: " (certify's own, loopback; --viewer-origin runs from yours)", given: ' (--viewer-origin, served locally)', external: '' } as const;
const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL', unavailable: 'n/avail', network: 'NETWORK', 'n/a': '-' } as const;
const evidenceLine = (e: Evidence) =>
  `${e.method} ${e.url}${e.request.Origin ? ` (Origin ${e.request.Origin})` : ' (no Origin)'} → ${e.error ? `no response: ${e.error}` : `${e.status} ${Object.entries(e.headers).map(([k, v]) => `${k}: ${v}`).join('; ')}`}`;

export function renderReport(r: CertifyReport, o: RenderOptions = {}): string {
  const md = o.format === 'md';
  const columns = [...r.engines.map((e) => e.project), NODE_COLUMN];
  const fails = r.diagnoses.filter((d) => d.severity === 'fail');
  const warns = r.diagnoses.filter((d) => d.severity === 'warn');
  const s = r.target.service;
  const seconds = ((o.wallMs ?? r.durationMs) / 1000).toFixed(1);
  const out: string[] = [];
  const authBroken = r.auth?.broken.length ?? 0;
  const causes = `${fails.length} root cause${fails.length === 1 ? '' : 's'}`;
  const verdict = r.verdict === 'pass' ? 'PASS: CORS is right for what viewers request' : `FAIL: ${authBroken ? `${fails.length ? `${causes}, ` : ''}Auth 2.0 broken at ${r.auth!.broken.join(', ')}` : causes}`;
  out.push(md ? `## certify ${r.input}` : `certify ${r.input}`);
  out.push(`${md ? '**' : ''}${verdict}${md ? '**' : ''}${warns.length ? `, ${warns.length} warning(s)` : ''} (${seconds} s wall, ${r.engines.map((e) => e.project).join('/')}, ${r.target.plan.sampled.length} of ${r.target.plan.tiles.length} tiles sampled)`);
  const seen = r.server.seen.map((x) => `${x.server} (${x.evidence})`).join(', ');
  out.push(`Server: ${r.server.origin}${r.server.cache ? ` behind ${r.server.cache}` : ''}${seen ? `; seen: ${seen}` : ': no identifying header'}`);
  out.push(`Target: Image API ${s.version} level ${s.level ?? '?'} ${s.width}×${s.height}, scale factors ${s.tiles[0]?.scaleFactors.join(',') ?? '1'}`);
  out.push(`Viewer origin: ${r.viewerOrigin}${VIEWER_ORIGIN_NOTE[r.viewerOriginKind]}`);

  r.diagnoses.forEach((d, i) => {
    const explains = Object.entries(d.explains).map(([check, cols]) => `${check} [${cols.join(' ')}]`).join(', ');
    out.push(md ? '' : '', `${i + 1}. ${d.severity === 'fail' ? 'FAIL' : 'WARN'} ${d.title}`);
    out.push(`   seen: ${d.observed}`, `   explains: ${explains}`);
    const all = o.allFixes && isCause(d.cause) ? FIXES[d.cause] : undefined;
    // Every server's fix quotes the same observation as the chosen one: the first outcome with this cause.
    const first = Object.entries(d.explains).flatMap(([check, cols]) => cols.map((col) => r.checks.find((c) => c.id === check)?.results[col])).find((x) => x?.causes?.includes(d.cause));
    const quoted = quotedFrom(first?.evidence);
    const fixes = all ? [...SERVERS.filter((x) => all.servers[x]).map((x) => ({ server: x, text: fillFix(all.servers[x]!, quoted) })), { server: 'generic', text: fillFix(all.generic, quoted) }] : [d.fix];
    for (const f of fixes) {
      out.push(`   fix (${f.server}):`);
      const lines = f.text.split('\n').map((l) => `     ${l}`);
      out.push(...(md ? ['```', ...lines, '```'] : lines));
    }
  });

  const apart = (status: 'unavailable' | 'network', label: string) => {
    const rows = r.checks.flatMap((c) => Object.entries(c.results).filter(([, x]) => x.status === status).map(([col, x]) => ({ c, col, x })));
    if (!rows.length) return;
    const byCheck = new Map<string, typeof rows>();
    for (const row of rows) byCheck.set(row.c.id, [...(byCheck.get(row.c.id) ?? []), row]);
    out.push('', `${label}:`);
    for (const [id, list] of byCheck) out.push(`  ${id} [${list.map((l) => l.col).join(' ')}]: ${list[0]!.x.observed}`);
  };
  apart('unavailable', 'Not available (error status with correct CORS headers: a problem for viewers, not a CORS one)');
  apart('network', 'Network failures (no response: not judged as CORS)');
  if (r.target.plan.notChecked.length) out.push('', `Not checked: ${r.target.plan.notChecked.map((n) => `${n.what} (${n.why})`).join('; ')}`);
  if (r.auth) out.push(...renderAuthSection(r.auth, md));
  if (r.viewers?.length) {
    // One line per viewer: would a person see the image in each engine (pixels of a screenshot)?
    out.push('', 'Viewers (would a person see the image? judged by the pixels of a screenshot):');
    for (const check of [...new Set(r.viewers.map((v) => v.check))]) {
      const results = r.viewers.filter((v) => v.check === check);
      out.push(`  ${check.padEnd(11)} ${results.map((v) => `${v.engine} ${v.shows === null ? 'n/a' : v.shows ? 'yes' : 'NO'}`).join(', ')}`);
      for (const reason of new Set(results.filter((v) => v.shows === false).map((v) => v.reason))) out.push(`              ${reason}`);
    }
    const shots = r.viewers.find((v) => v.screenshot)?.screenshot;
    if (shots) out.push(`  screenshots: ${dirname(shots)}/`);
  }

  const rows = r.checks.filter((c) => o.verbose || Object.values(c.results).some((x) => x.status !== 'pass' && x.status !== 'n/a'));
  const width = Math.max(5, ...r.checks.map((c) => c.id.length)) + 2;
  const cell = (c: (typeof rows)[number], col: string) => {
    const x = c.results[col];
    if (!x) return '';
    return `${MARK[x.status]}${x.of && x.failed ? ` ${x.failed}/${x.of}` : ''}`;
  };
  if (rows.length) {
    out.push('');
    if (md) out.push(`| check | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`, ...rows.map((c) => `| ${c.id} | ${columns.map((col) => cell(c, col)).join(' | ')} |`));
    else {
      const w = Math.max(10, ...rows.flatMap((c) => columns.map((col) => cell(c, col).length + 2)));
      out.push(`${'check'.padEnd(width)}${columns.map((c) => c.padEnd(w)).join('')}`.trimEnd(), ...rows.map((c) => `${c.id.padEnd(width)}${columns.map((col) => cell(c, col).padEnd(w)).join('')}`.trimEnd()));
    }
  }
  const hidden = r.checks.length - rows.length;
  if (hidden) out.push(`${hidden} other check(s) passed (or did not apply) in every engine; --verbose lists them.`);

  if (o.verbose) {
    out.push('', 'Observations');
    for (const c of r.checks) {
      out.push(`${c.id}: ${c.title}`);
      for (const [col, x] of Object.entries(c.results)) {
        out.push(`  ${col}: ${MARK[x.status]} ${x.observed}`);
        for (const e of x.evidence ?? []) out.push(`    ${evidenceLine(e)}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

/** The `--json` document, refused (ContractError) unless it matches contract/certify.ts. */
export function certifyJson(doc: CertifyReport): string {
  return JSON.stringify(certifyContract.assert(doc), null, 2);
}
