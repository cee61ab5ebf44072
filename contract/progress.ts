// Progress of a certify run: the CLI prints each event to stderr as one line (harness/certify/
// progress-line.ts); the service streams them as server-sent events. A union on `type`.

import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './helpers.ts';

export const PHASES = ['discover', 'fingerprint', 'launch', 'certify', 'report'] as const;

export const ProgressEventSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('phase'), phase: StringEnum([...PHASES]), message: Type.String() }),
    Type.Object({
      type: Type.Literal('count'),
      documents: Type.Integer({ description: 'collections and manifests read so far' }),
      servicesFound: Type.Integer(),
      servicesFingerprinted: Type.Integer(),
      servicesCertified: Type.Integer({ description: 'services with a verdict' }),
      perEngine: Type.Record(Type.String(), Type.Integer(), { description: 'engine project → representatives certified in it' }),
    }),
    Type.Object({ type: Type.Literal('engine'), project: Type.String(), message: Type.String() }),
    Type.Object({ type: Type.Literal('done'), verdict: StringEnum(['pass', 'fail', 'unusable']), exitCode: Type.Integer() }),
  ],
  { $id: 'https://cors-conformance-harness.invalid/progress.schema.json', title: 'certify progress event' },
);
export type ProgressEvent = Static<typeof ProgressEventSchema>;

/** One event as one short line for a terminal. */
export function progressLine(e: ProgressEvent): string {
  switch (e.type) {
    case 'phase':
      return `[${e.phase}] ${e.message}`;
    case 'count': {
      const engines = Object.entries(e.perEngine).map(([p, n]) => `${p} ${n}`).join(', ');
      return `documents ${e.documents} · services found ${e.servicesFound} · fingerprinted ${e.servicesFingerprinted} · certified ${e.servicesCertified}${engines ? ` · in browsers: ${engines}` : ''}`;
    }
    case 'engine':
      return `  ${e.project.padEnd(8)} ${e.message}`;
    case 'done':
      return `[done] ${e.verdict} (exit ${e.exitCode})`;
  }
}
