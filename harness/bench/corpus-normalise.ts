// What corpus-diff.ts takes out of a certify --json document before comparing two checkouts: only
// what differs from run to run whatever the code, each listed with its reason (NORMALISATIONS).

/** Fields removed: the times of this run. */
const TIMES = ['startedAt', 'durationMs', 'wallMs'] as const;
/** Response headers replaced by a placeholder in every evidence entry: set by the server per request. */
const RUN_HEADERS = ['date', 'age', 'x-varnish'] as const;

export const NORMALISATIONS = [
  `${TIMES.join(', ')}: when this run started and how long it took`,
  "ports of the corpus daemons (fresh daemons per checkout, each on a free port) → {server-N}, everywhere in the document",
  "the port of certify's own loopback viewer origin (listens on port 0 per run) → {viewer}, everywhere (Origin headers, echoed ACAO, observed text)",
  'the unknown identifier cors-certify-missing-<random> (discover.ts draws it per run so no cache has answered it) → {random}',
  `response headers ${RUN_HEADERS.join(', ')}: the server's clock and Varnish's per-request transaction ids (also where server detection quotes x-varnish as evidence)`,
  "order of the top-level `requests` list (Corroborator.all(): the memo's insertion order, i.e. which of the concurrent browser and node checks asked first) → sorted",
  'key order: objects compared by meaning (a field built in another order is no difference)',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parsed document with the run-specific parts replaced; `serverOrigins` are the daemons' origins, in start order. */
export function normaliseCertifyJson(text: string, serverOrigins: string[]): unknown {
  const first = JSON.parse(text) as { viewerOrigin?: string; viewerOriginKind?: string };
  const ports: [string, string][] = serverOrigins.map((o, i) => [new URL(o).port, `{server-${i}}`]);
  if (first.viewerOriginKind === 'own' && first.viewerOrigin) ports.push([new URL(first.viewerOrigin).port, '{viewer}']);
  let replaced = text;
  for (const [port, name] of ports) {
    // After any host (certify also derives look-alike origins such as 127x0x0x1:<port> from the viewer's).
    if (port) replaced = replaced.replace(new RegExp(`(?<=[A-Za-z0-9\\]]:)${escape(port)}(?![0-9])`, 'g'), name);
  }
  replaced = replaced.replace(/cors-certify-missing-[a-z0-9]+/g, 'cors-certify-missing-{random}');
  // Quoted as evidence where certify names the server it detected (`server.seen[].evidence`).
  replaced = replaced.replace(/x-varnish: [0-9 ]+/gi, 'x-varnish: {per-request}');
  const doc = strip(JSON.parse(replaced)) as { requests?: unknown[] };
  if (Array.isArray(doc.requests)) doc.requests = doc.requests.map((r) => [JSON.stringify(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return doc;
}

function strip(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    if ((TIMES as readonly string[]).includes(k)) continue;
    const v = (value as Record<string, unknown>)[k];
    out[k] = key === 'headers' && (RUN_HEADERS as readonly string[]).includes(k.toLowerCase()) ? '{per-request}' : strip(v, k);
  }
  return out;
}

/** Every JSON path where `a` and `b` differ, with both values (short). */
export function differences(a: unknown, b: unknown, path = '$'): string[] {
  if (a === b) return [];
  const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 200));
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differences(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path}: before ${show(a)} / after ${show(b)}`];
}
