// The certify table as people read it: check × engine, then every failure with what was observed
// and the fix for each server.

import { NODE_COLUMN, type CertifyReport } from './run.ts';
import { FIXES, SERVERS } from './fixes.ts';

const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL', 'n/a': 'n/a' } as const;

export function renderReport(r: CertifyReport): string {
  const columns = [...r.engines.map((e) => e.project), NODE_COLUMN];
  const width = Math.max(...r.checks.map((c) => c.id.length)) + 2;
  const out: string[] = [
    `CORS certification of ${r.input}`,
    `  IIIF Image API ${r.target.service.version} service ${r.target.service.id} (found from ${r.target.kind})`,
    `  viewer origin ${r.viewerOrigin}; ${r.engines.map((e) => `${e.project}: ${e.browser} ${e.version}`).join(', ')}`,
    '',
    `${'check'.padEnd(width)}${columns.map((c) => c.padEnd(10)).join('')}`,
  ];
  for (const check of r.checks) {
    out.push(`${check.id.padEnd(width)}${columns.map((c) => (check.results[c] ? MARK[check.results[c]!.status] : '').padEnd(10)).join('')}`);
  }
  const problems = r.checks.filter((c) => Object.values(c.results).some((o) => o.status === 'fail' || o.status === 'warn'));
  if (problems.length) out.push('', 'Findings');
  for (const check of problems) {
    out.push('', `${check.id}: ${check.title}`);
    for (const [column, o] of Object.entries(check.results)) if (o.status === 'fail' || o.status === 'warn') out.push(`  ${MARK[o.status]} ${column}: ${o.observed}`);
    const fix = FIXES[check.problem];
    out.push(`  Fix: ${fix.summary}`);
    for (const server of SERVERS) out.push(`    ${server.padEnd(14)} ${fix[server]}`);
  }
  const count = (s: string) => r.checks.filter((c) => Object.values(c.results).some((o) => o.status === s)).length;
  out.push(
    '',
    `Verdict: ${r.verdict.toUpperCase()} — ${count('fail')} check(s) failed, ${count('warn')} warned, in ${(r.durationMs / 1000).toFixed(1)} s (${r.requests.node} node-side requests).`,
  );
  return out.join('\n') + '\n';
}
