import { registerEnumType } from 'type-graphql';

/** The enum object TypeGraphQL registers: each value names itself. */
export type GraphqlEnum<T extends string> = { [K in T]: K };

/**
 * Registers a GraphQL enum built from the same `as const` list the domain uses, so the two cannot drift. Each
 * feature registers its own enums in its `*.graphql-enums.ts`; the types that use an enum import it from there,
 * which registers it before the schema is built.
 */
export function graphqlEnum<T extends string>(values: readonly T[], options: { name: string; description?: string }): GraphqlEnum<T> {
  const object = Object.fromEntries(values.map((value) => [value, value])) as GraphqlEnum<T>;
  registerEnumType(object, options);
  return object;
}
