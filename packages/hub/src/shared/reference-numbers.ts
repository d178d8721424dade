import { raw, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

/**
 * The condition « reference starts with `prefix` » (a prefix ends with its dash: `2026-DRA-`), as the database can
 * answer it. SQLite's LIKE is case-insensitive, so it cannot use the reference's (binary) unique index and scanned
 * every reference: a million-notice table read whole for each notice created and for each buyer and year an import
 * numbers. The range [prefix, prefix with its last character's successor) is the same set of references, found by
 * the index; the LIKE stays as the exact rule. PostgreSQL keeps the LIKE alone: under a linguistic collation a range
 * of text does not follow prefixes.
 */
export function referencePrefix(em: EntityManager, prefix: string): { $like: string; $gte?: string; $lt?: string } {
  const like = { $like: `${prefix}%` };
  if (em.getPlatform() instanceof PostgreSqlPlatform || prefix === '') return like;
  return { $gte: prefix, $lt: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1), ...like };
}

/**
 * The highest number already given after `prefix` among `entity`'s references (`2026-DRA-0042` → 42), 0 when none.
 * Numbers are padded to four digits and grow past them (10000 follows 9999), so the references' text order is not
 * their numbers' order: the longest reference comes first, then the greatest text.
 * Call it where the prefix's numbering is held (`runAloneAcrossHubs`), inside the transaction that stores the next.
 */
export async function lastReferenceNumber<T extends { reference: string }>(em: EntityManager, entity: EntityClass<T>, prefix: string): Promise<number> {
  const last = await em.findOne(entity, { reference: referencePrefix(em, prefix) } as FilterQuery<T>, {
    orderBy: [{ [raw((alias: string) => `length(${alias}.reference)`)]: 'desc' }, { reference: 'desc' }] as never,
    fields: ['reference'] as never,
  });
  return last ? Number(last.reference.slice(prefix.length)) : 0;
}

/**
 * The highest number already given after each of `prefixes` among `entity`'s references (0 for a prefix without
 * any), in one statement whatever their count: an import that meets thousands of new buyers and years numbers each
 * of their notices, and one statement per prefix cost about half a millisecond of the JavaScript thread each. By the
 * references' index on both databases: on SQLite a range per prefix (as `referencePrefix`), on PostgreSQL one
 * constant LIKE per prefix, which the references' pattern index (`varchar_pattern_ops`) answers as a range.
 * Call it where the prefixes' numbering is held (`runAloneAcrossHubs`), inside the transaction that stores the next.
 */
export async function lastReferenceNumbers<T extends { reference: string }>(em: EntityManager, entity: EntityClass<T>, prefixes: string[]): Promise<Map<string, number>> {
  const last = new Map(prefixes.map((prefix) => [prefix, 0]));
  if (last.size === 0) return last;
  const query = referencesOfPrefixes(em, entity, [...last.keys()]);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  let result: unknown;
  try {
    result = await (transaction ? query.transacting(transaction) : query);
  } catch (error) {
    // As MikroORM's own statements fail (a DriverException naming the driver's code), not knex's error and its SQL.
    throw em.getDriver().convertException(error as Error);
  }
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as Array<{ reference: string }>;
  for (const { reference } of rows) {
    // References are `<year>-<letters>-<number>`: the prefix is everything up to the last dash.
    const prefix = reference.slice(0, reference.lastIndexOf('-') + 1);
    const current = last.get(prefix);
    if (current !== undefined) last.set(prefix, Math.max(current, Number(reference.slice(prefix.length)) || 0));
  }
  return last;
}

/** The statement of `lastReferenceNumbers`: the references of `entity` that start with one of `prefixes` (not empty). */
export function referencesOfPrefixes<T extends { reference: string }>(em: EntityManager, entity: EntityClass<T>, prefixes: string[]): Knex.Raw {
  const table = em.getMetadata().get(entity.name).tableName;
  const knex = em.getKnex();
  if (em.getPlatform() instanceof PostgreSqlPlatform) {
    return knex.raw(`select reference from "${table}" where ${prefixes.map(() => 'reference like ?').join(' or ')}`, prefixes.map((prefix) => `${prefix}%`));
  }
  const ranges = prefixes.map((prefix) => {
    const { $gte, $lt } = referencePrefix(em, prefix);
    return [$gte, $lt];
  });
  return knex.raw(
    `select t.reference from json_each(?) p join "${table}" t on t.reference >= p.value ->> 0 and t.reference < p.value ->> 1 and t.reference like (p.value ->> 0) || '%'`,
    [JSON.stringify(ranges)],
  );
}
