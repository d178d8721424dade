import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { StaffMember } from './staff-member.entity.js';

/** Active staff members per organisation id: the denominator of the public professionalisation figures. */
export async function activeHeadcountByOrganisation(em: EntityManager): Promise<Map<string, number>> {
  // Unmapped rows keep the column names, the same on SQLite and PostgreSQL.
  const rows: Array<{ organisation_id: string; headcount: number | string }> = await em
    .createQueryBuilder(StaffMember, 'm')
    .select(['m.organisation', sql`count(*)`.as('headcount')])
    .where({ active: true })
    .groupBy('m.organisation')
    .execute('all', false);
  return new Map(rows.map((row) => [row.organisation_id, Number(row.headcount)]));
}
