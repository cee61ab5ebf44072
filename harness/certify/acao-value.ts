// What is wrong with an Access-Control-Allow-Origin value that is present but not `*` or the
// request's Origin. Browsers compare the value with the serialized origin byte for byte (Fetch,
// "CORS check"), so each way of getting it wrong has its own cause and its own fix: several values
// (the same one twice: two layers add it; different ones: a list), another origin, or this origin
// written wrongly (quoted, a trailing slash, a path, the default port spelled out, other letter case).

export const ACAO_VALUE_CAUSES = [
  'acao-duplicate',
  'acao-list',
  'acao-other-origin',
  'acao-origin-quoted',
  'acao-origin-trailing-slash',
  'acao-origin-path',
  'acao-origin-default-port',
  'acao-origin-case',
  'invalid-acao',
] as const;
export type AcaoValueCause = (typeof ACAO_VALUE_CAUSES)[number];

export interface AcaoProblem {
  cause: AcaoValueCause;
  /** In a few words, quoting the value. */
  what: string;
}

function parseOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** Why `value` (not * and not `origin`) fails the CORS check for a request from `origin`. */
export function acaoProblem(value: string, origin: string): AcaoProblem {
  const v = value.trim();
  if (v.includes(',')) {
    const parts = v.split(',').map((p) => p.trim());
    return parts.every((p) => p === parts[0])
      ? { cause: 'acao-duplicate', what: `"${value}" is the same value ${parts.length} times (the header was added twice)` }
      : { cause: 'acao-list', what: `"${value}" lists ${parts.length} values; only one origin or * is allowed` };
  }
  const unquoted = v.replace(/^(["'])(.*)\1$/, '$2');
  if (unquoted !== v && (unquoted === origin || unquoted === '*')) return { cause: 'acao-origin-quoted', what: `"${value}" includes quote characters around ${unquoted}` };
  if (v === `${origin}/`) return { cause: 'acao-origin-trailing-slash', what: `"${value}" is ${origin} with a trailing slash` };
  const parsed = parseOrigin(unquoted);
  const target = new URL(origin);
  if (parsed && parsed.origin === target.origin) {
    if (parsed.pathname !== '/' || parsed.search || parsed.hash) return { cause: 'acao-origin-path', what: `"${value}" is ${origin} with a path` };
    if (/:(80|443)(\/|$)/.test(v.replace(/^[a-z]+:\/\//i, '')) && !target.port) return { cause: 'acao-origin-default-port', what: `"${value}" spells out the default port, which the browser's Origin ${origin} omits` };
    if (v.toLowerCase() === origin.toLowerCase()) return { cause: 'acao-origin-case', what: `"${value}" differs from ${origin} in letter case` };
  }
  if (v === 'null' || parsed) return { cause: 'acao-other-origin', what: `"${value}" names another origin than ${origin}` };
  return { cause: 'invalid-acao', what: `"${value}" is neither * nor an origin` };
}
