import type { EntityManager } from '@mikro-orm/sqlite';
import { dateOf, nullableDateOf, type Row } from '../shared/row-values.js';
import type { AnnouncedNotice } from './plan-announcement.js';

/**
 * Every public notice written in the hub, with when the planned purchase it launched was announced. Imported notices
 * are left out: they were published on other platforms, and no plan of ours could announce them.
 */
export async function loadAnnouncedNotices(em: EntityManager): Promise<AnnouncedNotice[]> {
  const knex = em.getKnex();
  const query = knex('notice as n')
    .leftJoin('planned_purchase as pp', function () {
      this.on('pp.notice_id', '=', 'n.id').andOnVal('pp.status', '=', 'LAUNCHED');
    })
    .select('n.organisation_id', 'n.published_at', 'pp.published_at as plan_published_at')
    .whereNot('n.status', 'DRAFT')
    .whereNotNull('n.published_at')
    .whereNull('n.source_system');
  const rows = await em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  return rows.map((row) => ({
    organisationId: row.organisation_id as string,
    publishedAt: dateOf(row.published_at),
    planPublishedAt: nullableDateOf(row.plan_published_at),
  }));
}
