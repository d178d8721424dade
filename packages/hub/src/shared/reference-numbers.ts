import { raw, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';

/**
 * The highest number already given after `prefix` among `entity`'s references (`2026-DRA-0042` → 42), 0 when none.
 * Numbers are padded to four digits and grow past them (10000 follows 9999), so the references' text order is not
 * their numbers' order: the longest reference comes first, then the greatest text.
 * Call it where the prefix's numbering is held (`runAloneAcrossHubs`), inside the transaction that stores the next.
 */
export async function lastReferenceNumber<T extends { reference: string }>(em: EntityManager, entity: EntityClass<T>, prefix: string): Promise<number> {
  const last = await em.findOne(entity, { reference: { $like: `${prefix}%` } } as FilterQuery<T>, {
    orderBy: [{ [raw((alias: string) => `length(${alias}.reference)`)]: 'desc' }, { reference: 'desc' }] as never,
    fields: ['reference'] as never,
  });
  return last ? Number(last.reference.slice(prefix.length)) : 0;
}
