// The Auth 2.0 part of certify's text report: each service step with what was seen and its fix, and
// per engine which step stops a viewer. Nothing here logged in: the access step says why it was not checked.

import type { AuthCertify } from '../../contract/certify.ts';

const MARK = { pass: 'ok  ', fail: 'FAIL', warn: 'WARN', 'not-checked': 'n/c ' } as const;

export function renderAuthSection(auth: AuthCertify, md = false): string[] {
  const out = ['', `IIIF Auth 2.0 (${auth.services.profile} access service; checked without logging in, no credentials or cookies sent): ${auth.broken.length ? `FAIL at ${auth.broken.join(', ')}` : 'PASS'}`];
  for (const c of auth.checks) {
    out.push(`  ${MARK[c.status]} ${c.step.padEnd(13)} ${c.title}`, `       seen: ${c.observed}`);
    if (c.status === 'fail' && c.fix) out.push(...(md ? ['       fix:', '```', `       ${c.fix}`, '```'] : [`       fix: ${c.fix}`]));
  }
  out.push('  Per engine, for a viewer on another site (does the image show?):');
  for (const [engine, a] of Object.entries(auth.engines)) out.push(`    ${engine.padEnd(9)} ${a.fails === null ? 'yes' : `no, stops at ${a.fails}`}: ${a.why}`);
  return out;
}
