// Small TypeBox helpers the contract files share.

import { type TLiteral, type TNull, type TSchema, type TUnion, Type } from '@sinclair/typebox';

type Literals<T extends string[]> = { [K in keyof T]: T[K] extends string ? TLiteral<T[K]> : never };

/** A union of string literals: `"a" | "b"` in TypeScript, `anyOf: [{ const: "a" }, …]` in JSON Schema. */
export function StringEnum<const T extends string[]>(values: readonly [...T], description?: string): TUnion<Literals<T>> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  ) as unknown as TUnion<Literals<T>>;
}

export const OrNull = <T extends TSchema>(t: T): TUnion<[T, TNull]> => Type.Union([t, Type.Null()]);
export const Opt = Type.Optional;
