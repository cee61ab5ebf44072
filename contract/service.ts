// The hosted certify's HTTP API (`npm run certify -- --serve`): what POST /api/certify takes, what
// it and GET /api/certify/<id> answer, and the server-sent events of /api/certify/<id>/events.
// A run's finished document is the CLI's --json document (certify.ts).

import { type Static, Type } from '@sinclair/typebox';
import { CertifyResultSchema } from './certify.ts';
import { Opt, StringEnum } from './helpers.ts';
import { ProgressEventSchema } from './progress.ts';
import { ENGINE_NAMES } from './engine.ts';

export const CertifyRequestSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, description: 'an http(s) URL: info.json, image service, image request or manifest' }),
    viewerOrigin: Opt(Type.String({ maxLength: 256, description: "run the browser checks from this origin (as the CLI's --viewer-origin)" })),
    trustedOrigins: Opt(Type.Array(Type.String({ maxLength: 256 }), { maxItems: 10, description: 'origins the server is meant to allow; their look-alikes are probed' })),
    viewers: Opt(Type.Boolean({ description: 'also open the image in OpenSeadragon and Mirador and keep screenshots' })),
    engines: Opt(Type.Array(StringEnum(ENGINE_NAMES), { minItems: 1, maxItems: ENGINE_NAMES.length, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'https://cors-conformance-harness.invalid/service-request.schema.json', title: 'POST /api/certify body' },
);
export type CertifyRequest = Static<typeof CertifyRequestSchema>;

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

const Links = Type.Object({ self: Type.String(), events: Type.String(), page: Type.String() });

/** 202 answer to POST /api/certify. */
export const AcceptedSchema = Type.Object({
  id: Type.String(),
  status: StringEnum(['queued', 'running'], 'running when a slot was free'),
  position: Opt(Type.Integer({ description: 'while queued: runs ahead of this one, running ones included' })),
  links: Links,
});
export type Accepted = Static<typeof AcceptedSchema>;

/** GET /api/certify/<id>, and DELETE (cancel) answers it too. */
export const JobStatusSchema = Type.Object({
  id: Type.String(),
  status: StringEnum([...JOB_STATES]),
  input: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  position: Opt(Type.Integer({ description: 'while queued: runs ahead of this one, running ones included' })),
  engines: Type.Array(Type.String()),
  verdictLine: Opt(Type.String({ description: "when done: the CLI's verdict line (PASS: … / FAIL: …)" })),
  error: Opt(Type.String({ description: 'when failed or cancelled: why' })),
  expiresAt: Opt(Type.String({ format: 'date-time', description: 'when finished: the server forgets the run after this' })),
  links: Links,
  worker: Opt(Type.String({ description: 'with --queue: the worker that ran it (host:pid)' })),
  result: Opt(CertifyResultSchema),
});
export type JobStatus = Static<typeof JobStatusSchema>;

/** Every 4xx/5xx answer. */
export const ServiceErrorSchema = Type.Object({
  error: Type.String({ description: 'what is wrong and what to do' }),
  field: Opt(Type.String({ description: 'the request field at fault' })),
});
export type ServiceError = Static<typeof ServiceErrorSchema>;

/** One server-sent event on /api/certify/<id>/events: a progress event, or the run's state changing. */
export const ServiceEventSchema = Type.Union([
  ProgressEventSchema,
  Type.Object({ type: Type.Literal('status'), status: StringEnum([...JOB_STATES]), position: Opt(Type.Integer()), error: Opt(Type.String()), verdictLine: Opt(Type.String()) }),
  Type.Object({ type: Type.Literal('check'), project: Type.String(), done: Type.Integer(), total: Type.Integer(), check: Type.String() }),
  Type.Object({ type: Type.Literal('worker'), worker: Type.String(), message: Type.String({ description: 'with --queue: a worker took the run, or stopped answering and the run went back to the queue' }) }),
]);
export type ServiceEvent = Static<typeof ServiceEventSchema>;

// With --queue the server and its workers talk through Redis (BullMQ): these cross that boundary.

/** A BullMQ job's data: what the server accepted (the worker prepares it again behind its own guard). */
export const QueuedRunSchema = Type.Object(
  { id: Type.String(), request: CertifyRequestSchema, engines: Type.Array(StringEnum(ENGINE_NAMES)) },
  { additionalProperties: false },
);
export type QueuedRun = Static<typeof QueuedRunSchema>;

/** A BullMQ job's return value: the outcome, the worker that ran it, and its screenshots' names (bytes in Redis). */
export const RemoteOutcomeSchema = Type.Object({
  verdictLine: Type.String(),
  result: CertifyResultSchema,
  worker: Type.String(),
  files: Type.Array(Type.String({ pattern: '^[\\w.-]+\\.png$' })),
});
export type RemoteOutcome = Static<typeof RemoteOutcomeSchema>;
