// The fixture server's health answer (GET /__control/health on every origin): its origins, and
// which build it is, so a run can tell its own server from one left by another checkout or an
// older commit (harness/runner/fixture-server.ts refuses those, naming the PID).

import { type Static, Type } from '@sinclair/typebox';
import { OrNull } from './helpers.ts';

export const BuildIdentitySchema = Type.Object(
  {
    commit: OrNull(Type.String({ description: 'git HEAD of the checkout the server was started from; null outside git' })),
    fixturesHash: Type.String({ description: 'sha256 over every file under fixtures/ (relative path and content), as it was when the server started' }),
  },
  { additionalProperties: false },
);
export type BuildIdentity = Static<typeof BuildIdentitySchema>;

export const FixtureHealthSchema = Type.Object({
  ok: Type.Literal(true),
  pid: Type.Integer({ description: "the fixture server's process id" }),
  build: BuildIdentitySchema,
  origins: Type.Record(Type.String(), Type.String()),
  httpsOrigins: Type.Record(Type.String(), Type.String()),
});
export type FixtureHealth = Static<typeof FixtureHealthSchema>;
