// Hostile requests for the fixture server, drawn from a seeded generator so a failure can be
// replayed: random IIIF parameters, path traversal, huge and malformed headers, broken request
// lines, bad /make queries. Each is raw bytes for a socket (an HTTP client would refuse to send
// half of them) plus whether the request itself asks for a 5xx (`/make?status=503` may answer 503).

export interface HostileRequest {
  kind: 'iiif' | 'traversal' | 'headers' | 'request-line' | 'make';
  bytes: Buffer;
  /** A 5xx answer is what this request asked for (/make status or pf_status ≥ 500). */
  mayAnswer5xx: boolean;
  /** Short description for reports (the request line, cut). */
  summary: string;
}

/** mulberry32: a tiny, well-known 32-bit PRNG; enough to make runs reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const int = (rand: Rand, max: number) => Math.floor(rand() * max);

const NUMBERS = ['0', '1', '-1', '256', '1024', '4096', '99999999999', '1e9', 'NaN', '0x10', '', ' ', '%00', '٣'];
const REGIONS = () => ['full', 'square', 'pct:0,0,100,100', 'pct:-5,0,200,1', 'pct:50,50,0,0'];
const SIZES = ['max', '^max', '256,', ',256', '!256,256', '^!4096,4096', 'pct:50', '^pct:400', 'pct:0', '^99999,99999', '0,0', '1,', 'w,h'];
const ROTATIONS = ['0', '90', '!180', '360', '-90', '45.5', '1e308', 'x'];
const QUALITIES = ['default.jpg', 'color.png', 'gray.webp', 'bitonal.tif', 'default', 'default.', 'default.gif', '.jpg', 'x.y.z'];
const IDENTIFIERS = ['landscape', 'portrait', 'nope', '..', '%2e%2e', 'landscape%00', 'a'.repeat(300), '%FF%FE'];
const PROFILES = ['correct', 'info-only', 'tiles-only', 'errors-without-acao', 'no-such-profile', '..', '%2F'];
const TRAVERSALS = [
  '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/p/correct/..%2f..%2fpackage.json', '/p/%2e%2e/iiif/3/landscape/info.json',
  '/p/correct/iiif/3/..%5c..%5cpackage.json', '/p/correct/iiif/3/landscape/../../../../fixtures/app.ts', '//etc/passwd', '/%00', '/\\..\\..\\',
  '/p/correct/iiif/3/landscape/full/max/0/default.jpg/../../../../../../etc/shadow', '/__control/log?token=../../x', '/__control/../make?status=200',
];
const MAKE_KEYS = ['status', 'acao', 'acao_if_origin', 'acac', 'acam', 'acah', 'aceh', 'max_age', 'vary', 'cache', 'location', 'set_cookie', 'header', 'body', 'hops',
  'pf_status', 'pf_acao', 'pf_acac', 'pf_acam', 'pf_acah', 'pf_max_age', 'pf_vary', 'pf_location', 'pf_header', 'nonsense', 'STATUS', ''];
const MAKE_VALUES = ['200', '204', '302', '404', '500', '503', '599', '600', '99', '-1', '1e99', '*', '$origin', '$none', 'true', 'x'.repeat(9000),
  'X-A:%0d%0aSet-Cookie:%20evil=1', 'Name: value', ':', 'json', 'png', 'exe', 'http://other.example/', '//evil', '%', '%zz', '\u0000', '10000000'];
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'get', 'NEW', 'CONNECT', 'TRACE', 'G\u00c9T', 'X'.repeat(300)];

function requestBytes(method: string, target: string, headers: [string, string][], body = ''): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: localhost', ...headers.map(([n, v]) => `${n}: ${v}`), 'Connection: close'];
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');
}

function iiif(rand: Rand): HostileRequest {
  const parts = [pick(rand, IDENTIFIERS), pick(rand, [...REGIONS(), `${pick(rand, NUMBERS)},${pick(rand, NUMBERS)},${pick(rand, NUMBERS)},${pick(rand, NUMBERS)}`]), pick(rand, SIZES), pick(rand, ROTATIONS), pick(rand, QUALITIES)];
  const tail = rand() < 0.2 ? 'info.json' : parts.slice(1).join('/');
  const target = `/p/${pick(rand, PROFILES)}/iiif/${pick(rand, ['3', '2', '1'])}/${parts[0]}${rand() < 0.1 ? '' : `/${tail}`}?token=fuzz${int(rand, 50)}`;
  const method = rand() < 0.8 ? 'GET' : pick(rand, METHODS);
  const headers: [string, string][] = rand() < 0.5 ? [['Origin', pick(rand, ['http://localhost:1', 'null', 'https://evil.example', '*', ''])]] : [];
  if (method === 'OPTIONS') headers.push(['Access-Control-Request-Method', pick(rand, ['GET', 'PUT', 'x y', ''])], ['Access-Control-Request-Headers', pick(rand, ['authorization', 'accept,,', 'a'.repeat(5000)])]);
  return { kind: 'iiif', bytes: requestBytes(method, target, headers), mayAnswer5xx: false, summary: `${method} ${target}` };
}

function traversal(rand: Rand): HostileRequest {
  const target = pick(rand, TRAVERSALS);
  return { kind: 'traversal', bytes: requestBytes('GET', target, []), mayAnswer5xx: false, summary: `GET ${target}` };
}

function headers(rand: Rand): HostileRequest {
  const target = `/p/correct/iiif/3/landscape/info.json?token=fuzz${int(rand, 50)}`;
  const choice = int(rand, 8);
  const sets: [string, string][][] = [
    [['X-Huge', 'a'.repeat(20_000 + int(rand, 80_000))]],
    Array.from({ length: 200 + int(rand, 2000) }, (_, i): [string, string] => [`X-Many-${i}`, String(i)]),
    [['Origin', `http://${'x'.repeat(10_000)}.example`]],
    [['Bad Name', 'v'], ['X-Ctl', 'a\u0001b']],
    [['Origin', 'http://a.example'], ['Origin', 'http://b.example'], ['Cookie', 'x=1; '.repeat(500)]],
    [['Content-Length', '-1']],
    [['Transfer-Encoding', 'chunked'], ['Content-Length', '5']],
    [['Accept', 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'.repeat(50)], ['Range', 'bytes=999999999-1']],
  ];
  const hs = sets[choice]!;
  return { kind: 'headers', bytes: requestBytes('GET', target, hs), mayAnswer5xx: false, summary: `GET ${target} (header set ${choice})` };
}

function requestLine(rand: Rand): HostileRequest {
  const lines = [
    'GET /\r\n\r\n', 'GET / HTTP/9.9\r\nHost: localhost\r\n\r\n', 'get / HTTP/1.1\r\nHost: localhost\r\n\r\n', '\r\n\r\n\r\n',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`, 'GET / HTTP/1.1\nHost: localhost\n\n', '\u0000\u0001\u0002 / HTTP/1.1\r\n\r\n',
    'GET  /  HTTP/1.1\r\nHost: localhost\r\n\r\n', 'NEW /make?status=200 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    'GET /make?status=200 HTTP/1.1\r\nHost: localhost\r\nHost: evil\r\nConnection: close\r\n\r\n', 'GET /make HTTP/1.1\r\n\r\n',
    'GET http://evil.example/make?status=200 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
  ];
  const line = pick(rand, lines);
  return { kind: 'request-line', bytes: Buffer.from(line, 'latin1'), mayAnswer5xx: false, summary: JSON.stringify(line.slice(0, 60)) };
}

function make(rand: Rand): HostileRequest {
  const params = new URLSearchParams();
  for (let i = 0, n = 1 + int(rand, 6); i < n; i++) params.append(pick(rand, MAKE_KEYS), pick(rand, MAKE_VALUES));
  const raw = rand() < 0.2 ? `status=${pick(rand, MAKE_VALUES)}&%zz=%&&=&token` : params.toString();
  // A 5xx is asked for when any status value could parse to 500–599.
  const asks5xx = /(^|&)(pf_)?status=5\d\d(&|$)/.test(raw);
  const target = `/make?${raw}&token=fuzz${int(rand, 50)}`;
  const method = pick(rand, METHODS);
  const hdrs: [string, string][] = method === 'OPTIONS' ? [['Origin', 'http://localhost:1'], ['Access-Control-Request-Method', 'PUT']] : [];
  return { kind: 'make', bytes: requestBytes(method, target, hdrs, rand() < 0.1 ? 'x'.repeat(int(rand, 10_000)) : ''), mayAnswer5xx: asks5xx, summary: `${method} ${target.slice(0, 120)}` };
}

const GENERATORS = [iiif, iiif, iiif, traversal, headers, requestLine, make, make];

export function* hostileRequests(count: number, seed: number): Generator<HostileRequest> {
  const rand = seeded(seed);
  for (let i = 0; i < count; i++) yield pick(rand, GENERATORS)(rand);
}
