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
import { LOOPBACK_BLOCKED, MIXED_CONTENT_CAUSES, httpHopIn, mixedContentCause, potentiallyTrustworthy } from '../../harness/certify/mixed-content.ts';
import { deviations } from '../deviations.ts';
import { ENGINE_NAMES } from '../../contract/engine.ts';

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
    // (toMatchObject: from an https Origin to an http URL the quote also carries that URL, for mixed-content fixes.)
    expect(quoted).toMatchObject({ acao, origin });
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
      if (!(MIXED_CONTENT_CAUSES as readonly string[]).includes(cause)) expect(text, cause).not.toMatch(/\{url\}|\{from\}/);
    }
  }
});

test('values a browser accepts are never given an ACAO-value cause', () => {
  // A browser refusal that Node cannot reproduce stays "browser-only", never a value cause.
  expect(judgeResponse(evidence('*'), 'json', ORIGIN, baseline)).toMatchObject({ kind: 'cors', cause: 'browser-only' });
  const exact = judgeResponse(evidence(ORIGIN), 'json', ORIGIN, baseline);
  expect(exact.kind === 'cors' ? exact.cause : exact.kind).not.toMatch(/^acao-|invalid-acao/);
});

// Mixed content: the evidence is Node's GETs from the https viewer origin, of the http URL itself or
// of the https URL whose Location is http. Every fix quotes the http URL (and the redirecting one),
// none suggests a CORS header, and only the redirect's fix talks about redirects.
const VIEWER = 'https://viewer.example.org';
const get = (url: string, headers: Record<string, string> = { 'access-control-allow-origin': VIEWER, vary: 'Origin' }, status = 200): Evidence => ({ method: 'GET', url, request: { Origin: VIEWER }, status, headers });
const HTTP_TILE = 'http://192.0.2.2:8080/iiif/v3/img/0,0,256,256/256,256/0/default.jpg';
const HTTPS_BASE = 'https://iiif.example.org/iiif/v3/img';
const MIXED_SEEN: Record<(typeof MIXED_CONTENT_CAUSES)[number], { evidence: Evidence[]; url: string; from?: string }> = {
  'mixed-content': { evidence: [get(HTTP_TILE)], url: HTTP_TILE },
  'mixed-content-redirect': {
    evidence: [get(HTTPS_BASE, { location: 'http://iiif.example.org/iiif/v3/img/info.json', 'access-control-allow-origin': VIEWER }, 303), get('http://iiif.example.org/iiif/v3/img/info.json')],
    url: 'http://iiif.example.org/iiif/v3/img/info.json',
    from: HTTPS_BASE,
  },
};

for (const cause of MIXED_CONTENT_CAUSES) {
  test(`${cause}: every fix quotes the http URL${cause === 'mixed-content-redirect' ? ' and the https URL redirecting to it' : ''}, none is a CORS header`, () => {
    const { evidence: seen, url, from } = MIXED_SEEN[cause];
    const quoted = quotedFrom(seen);
    expect(quoted).toMatchObject({ url, ...(from && { from }) });
    for (const server of [...SERVERS, 'generic' as const]) {
      const text = server === 'generic' ? fillFix(FIXES[cause].generic, quoted) : fixFor(cause, detected(server), quoted).text;
      expect(text, `${cause} × ${server}`).toContain(url);
      if (from) expect(text, `${cause} × ${server}`).toContain(from);
      expect(text, `${cause} × ${server}`).not.toMatch(/Access-Control-Allow|Vary/);
      expect(text, `${cause} × ${server}`).toMatch(/https/);
      if (cause === 'mixed-content') expect(text, `${cause} × ${server}`).not.toMatch(/redirect/i);
      else expect(text, `${cause} × ${server}`).toMatch(/redirect|Location/i);
    }
  });
}

test('mixed content is decided from the URL, the request kind and the engine, before CORS', () => {
  expect([VIEWER, 'http://127.0.0.1:1', 'http://127.9.0.1:1', 'http://[::1]:1', 'http://localhost:1', 'http://a.localhost:1'].map(potentiallyTrustworthy)).toEqual([true, true, true, true, true, true]);
  expect(['http://192.0.2.2:1', 'http://iiif.example.org', 'http://localhost.example.org'].map(potentiallyTrustworthy)).toEqual([false, false, false]);
  const remote = { url: HTTP_TILE };
  const loopback = { url: 'http://127.0.0.1:9/iiif/info.json' };
  const loopbackHop = { url: 'http://127.0.0.1:9/iiif/info.json', from: 'https://localhost:9/iiif' };
  for (const engine of ENGINE_NAMES) {
    // Not potentially trustworthy: blocked (or upgraded) in every engine, for fetch() and <img>.
    expect(mixedContentCause(engine, 'fetch', remote)?.cause, engine).toBe('mixed-content');
    expect(mixedContentCause(engine, 'image', remote)?.cause, engine).toBe('mixed-content');
    expect(mixedContentCause(engine, 'fetch', { url: HTTP_TILE, from: HTTPS_BASE })?.cause, engine).toBe('mixed-content-redirect');
    // Loopback: allowed by the text; only what an engine is recorded to block is mixed content.
    expect(mixedContentCause(engine, 'fetch', loopback)?.cause ?? null, engine).toBe(LOOPBACK_BLOCKED[engine].fetch ? 'mixed-content' : null);
    expect(mixedContentCause(engine, 'image', loopback), engine).toBeNull();
    expect(mixedContentCause(engine, 'image', loopbackHop)?.cause ?? null, engine).toBe(LOOPBACK_BLOCKED[engine].imageAfterRedirect ? 'mixed-content-redirect' : null);
  }
  expect(mixedContentCause('webkit', 'fetch', loopback)!.detail).toMatch(/potentially trustworthy.*webkit blocks fetch\(\)/);
  expect(httpHopIn([get('http://127.0.0.1:9/x', {}, 200)])).toEqual({ url: 'http://127.0.0.1:9/x' });
});

test('the engines certify expects to block loopback http are the ones the matrix records (specs/deviations.ts)', () => {
  const blocked = (id: string, engine: string) => {
    const d = deviations[id]?.[engine as keyof (typeof deviations)[string]];
    return !!d && 'observed' in d && (d.observed?.result === 'blocked' || d.observed?.result === 'error');
  };
  for (const engine of ENGINE_NAMES) {
    expect(blocked('secure/loopback-http-fetch-from-https', engine), engine).toBe(LOOPBACK_BLOCKED[engine].fetch);
    expect(blocked('secure/redirect-https-to-loopback-http-fetch', engine), engine).toBe(LOOPBACK_BLOCKED[engine].fetch);
    expect(blocked('secure/redirect-https-to-loopback-http-img', engine), engine).toBe(LOOPBACK_BLOCKED[engine].imageAfterRedirect);
    for (const id of ['secure/loopback-http-img-from-https', 'secure/loopback-http-img-crossorigin-from-https']) expect(blocked(id, engine), `${id} ${engine}`).toBe(false);
  }
});
