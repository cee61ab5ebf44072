// Every root cause × every server's fix, checked against the evidence that would produce it: an
// ACAO value the browser rejects is classified by what was seen, and every fix for it (each server
// and the generic one) quotes that value and the Origin; no fix carries a placeholder it could not
// fill, and no fix meant for one kind of bad value is given for another.

import { expect, test } from '../support/browserless.ts';
import { ACAO_VALUE_CAUSES, type AcaoValueCause, acaoProblem } from '../../harness/certify/acao-value.ts';
import { fillFix, fixFor, quotedFrom } from '../../harness/certify/diagnose.ts';
import { judgeResponse } from '../../harness/certify/evidence.ts';
import type { Evidence } from '../../contract/certify.ts';
import { FIXES } from '../../harness/certify/fixes.ts';
import { SERVERS } from '../../harness/certify/servers.ts';

const ORIGIN = 'http://127.0.0.1:42811';
/** A value each cause is made of (as a real server sent it), and the Origin it was sent to. */
const SEEN: Record<AcaoValueCause, { acao: string; origin?: string }> = {
  'acao-duplicate': { acao: '*, *' },
  'acao-list': { acao: `${ORIGIN}, https://viewer.example.org` },
  'acao-other-origin': { acao: 'https://viewer.example.org' },
  'acao-origin-quoted': { acao: `"${ORIGIN}"` },
  'acao-origin-trailing-slash': { acao: `${ORIGIN}/` },
  'acao-origin-path': { acao: `${ORIGIN}/iiif/` },
  'acao-origin-default-port': { acao: 'https://viewer.example.org:443', origin: 'https://viewer.example.org' },
  'acao-origin-case': { acao: ORIGIN.toUpperCase() },
  'invalid-acao': { acao: 'true' },
};
const evidence = (acao: string, origin = ORIGIN): Evidence => ({ method: 'GET', url: 'http://127.0.0.1:9/iiif/img/info.json', request: { Origin: origin }, status: 200, headers: { 'access-control-allow-origin': acao } });
const baseline = { json: evidence('*'), image: evidence('*') };
const detected = (origin: (typeof SERVERS)[number]) => ({ origin, cache: null, seen: [] });

for (const cause of ACAO_VALUE_CAUSES) {
  test(`${cause}: classified from the value seen, every fix quotes it`, () => {
    const { acao, origin = ORIGIN } = SEEN[cause];
    expect(acaoProblem(acao, origin).cause).toBe(cause);
    const c = judgeResponse(evidence(acao, origin), 'json', origin, baseline);
    expect(c).toMatchObject({ kind: 'cors', cause });
    const quoted = quotedFrom([evidence(acao, origin)]);
    expect(quoted).toEqual({ acao, origin });
    for (const server of SERVERS) {
      const fix = fixFor(cause, detected(server), quoted);
      expect(fix.text, `${cause} × ${server}`).toContain(acao);
      if (cause !== 'acao-duplicate') expect(fix.text, `${cause} × ${server}`).not.toMatch(/proxy_hide_header|twice|unset beresp/);
      if (cause.startsWith('acao-origin-')) expect(fix.text, `${cause} × ${server}`).toContain(origin);
    }
  });
}

test('every cause × server: no placeholder left unfilled, and only ACAO-value fixes quote a value', () => {
  for (const [cause, fix] of Object.entries(FIXES)) {
    for (const text of [fix.generic, ...Object.values(fix.servers)]) {
      const filled = fillFix(text!, { acao: 'X-VALUE', origin: ORIGIN });
      expect(filled, cause).not.toMatch(/\{acao\}|\{origin\}/);
      if (!(ACAO_VALUE_CAUSES as readonly string[]).includes(cause)) expect(text, cause).not.toContain('{acao}');
    }
  }
});

test('values a browser accepts are never given an ACAO-value cause', () => {
  // A browser refusal that Node cannot reproduce stays "browser-only", never a value cause.
  expect(judgeResponse(evidence('*'), 'json', ORIGIN, baseline)).toMatchObject({ kind: 'cors', cause: 'browser-only' });
  const exact = judgeResponse(evidence(ORIGIN), 'json', ORIGIN, baseline);
  expect(exact.kind === 'cors' ? exact.cause : exact.kind).not.toMatch(/^acao-|invalid-acao/);
});
