// Checks JSON that crossed a boundary against its contract (TypeBox's compiled checker, the same
// schema matrix.schema.json is generated from) and says where it differs.

import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CellSchema } from './cell.ts';
import { CollectionResultSchema } from './collection.ts';
import { CertifyResultSchema } from './certify.ts';
import { CertificateRefusalSchema } from './certificate.ts';
import { MatrixDocumentSchema, REFERENCED_SCHEMAS } from './matrix.ts';
import { ProgressEventSchema } from './progress.ts';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => ISO_DATE_TIME.test(v));

export class ContractError extends Error {
  override name = 'ContractError';
}

function checker<T extends TSchema>(schema: T, what: string) {
  let compiled: ReturnType<typeof TypeCompiler.Compile<T>> | undefined;
  return {
    /** The problems (at most `max`), empty when the value matches. */
    problems(value: unknown, max = 5): string[] {
      compiled ??= TypeCompiler.Compile(schema, [...REFERENCED_SCHEMAS]); // a copy: the compiler adds the $id schemas it meets to the list
      if (compiled.Check(value)) return [];
      return [...compiled.Errors(value)].slice(0, max).map((e) => `${e.path || '/'}: ${e.message}`);
    },
    /** The value, typed, or a ContractError naming what differs. */
    assert(value: unknown): Static<T> {
      const problems = this.problems(value);
      if (problems.length) throw new ContractError(`${what} does not match its contract: ${problems.join('; ')}`);
      return value as Static<T>;
    },
  };
}

export const cellContract = checker(CellSchema, 'cell');
export const matrixContract = checker(MatrixDocumentSchema, 'matrix.json');
export const collectionContract = checker(CollectionResultSchema, 'certify collection result');
export const progressContract = checker(ProgressEventSchema, 'progress event');
export const certifyContract = checker(CertifyResultSchema, 'certify --json result');
export const certificateRefusalContract = checker(CertificateRefusalSchema, 'certify --json result (certificate refused)');
