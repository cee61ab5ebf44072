// What the fixture server received: one request-log entry (served over the control endpoint,
// stored in matrix.json as evidence) and the facts scenarios assert on, derived from a token's log.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, OrNull as Nullable, StringEnum } from './helpers.ts';

export const LoggedRequestSchema = Type.Object(
  {
    seq: Type.Integer(),
    time: Type.String(),
    token: Nullable(Type.String()),
    role: Nullable(StringEnum(['viewer', 'image', 'other'])),
    host: Nullable(Type.String()),
    method: Type.String(),
    path: Type.String(),
    // Convenience copies of single header values (repeated lines joined as Headers.get() does).
    origin: Nullable(Type.String()),
    cookie: Nullable(Type.String()),
    referer: Nullable(Type.String()),
    accessControlRequestMethod: Nullable(Type.String()),
    accessControlRequestHeaders: Nullable(Type.String()),
    headers: Type.Array(Type.Tuple([Type.String(), Type.String()]), {
      description: 'every request header line as it came off the wire: original name case, order and duplicate lines kept',
    }),
    scheme: Opt(StringEnum(['http', 'https'], 'how the request reached the server (every port speaks both)')),
    port: Opt(Nullable(Type.Integer({ description: 'port from the Host header' }))),
    preflight: Opt(Type.Boolean({ description: 'an OPTIONS request carrying Access-Control-Request-Method' })),
    profile: Opt(Nullable(Type.String({ description: 'the misconfiguration profile the path names (/p/{profile}/…)' }))),
    status: Opt(Nullable(Type.Integer({ description: 'status the server answered with (null until the response is produced)' }))),
    rejected: Opt(Type.String({ description: "node's HTTP parser refused the request before any handler ran (its error code): the entry is read from the raw bytes" })),
  },
  { $id: 'LoggedRequest' },
);
export type LoggedRequest = Static<typeof LoggedRequestSchema>;

/** The first value of a header in a logged request (names compare case-insensitively), or null. */
export function headerOf(request: Pick<LoggedRequest, 'headers'>, name: string): string | null {
  const lower = name.toLowerCase();
  return request.headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}

const Strings = Type.Array(Type.String());
/** Facts derived from the fixture server's log for the scenario token. */
export const ServerFactsSchema = Type.Object(
  {
    preflights: Type.Integer({ description: 'OPTIONS requests carrying Access-Control-Request-Method' }),
    requests: Type.Integer({ description: "every other request, including those node's HTTP parser refused" }),
    methods: Type.Array(Type.String(), { description: 'methods of all requests in arrival order (as sent, also when refused)' }),
    origins: Type.Array(Type.String(), { description: 'Origin of each non-preflight request: a role name (viewer…), null, absent or the literal' }),
    preflightOrigins: Strings,
    cookie: Type.Boolean({ description: "whether any non-preflight request carried this scenario's cookie" }),
    controlCookie: Type.Boolean({ description: "whether any non-preflight request carried the setup's control cookie (k_<token>)" }),
    schemes: Strings,
    preflightCookie: Type.Boolean({ description: 'whether a preflight carried a cookie (it never should)' }),
    acrm: Nullable(Type.String()),
    acrh: Nullable(Type.String()),
    acrms: Strings,
    acrhs: Type.Array(Nullable(Type.String())),
    cookies: Type.Array(Type.Boolean()),
    statuses: Type.Array(Type.Integer()),
    authorization: Type.Array(Type.Boolean()),
    rejected: Type.Integer(),
    corsRefetch: Opt(Type.Boolean({ description: 'whether a request carrying Origin asked for a URL an earlier request without Origin had asked for (a cached no-CORS response not reused for CORS)' })),
  },
  { additionalProperties: false },
);
export type ServerFacts = Static<typeof ServerFactsSchema>;
