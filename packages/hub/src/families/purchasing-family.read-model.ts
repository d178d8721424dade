import type { EntityManager } from '@mikro-orm/sqlite';

/** A purchasing family as its view needs it: plain values from one SQL row, no entity to hydrate. */
export interface PurchasingFamilyRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  cpvPrefixes: string[];
}

type Row = Record<string, unknown>;

export async function purchasingFamilyRecordsByIds(em: EntityManager, ids: readonly string[]): Promise<PurchasingFamilyRecord[]> {
  const query = em.getKnex()('purchasing_family').select('id', 'slug', 'name', 'description', 'cpv_prefixes').whereIn('id', [...ids]);
  const rows = await em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  return rows.map((row) => ({
    id: row.id as string,
    slug: row.slug as string,
    name: row.name as string,
    description: row.description as string,
    // SQLite gives JSON as text, PostgreSQL already parsed.
    cpvPrefixes: (typeof row.cpv_prefixes === 'string' ? JSON.parse(row.cpv_prefixes) : row.cpv_prefixes) as string[],
  }));
}
