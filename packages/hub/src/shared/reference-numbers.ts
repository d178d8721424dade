import { raw, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
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
