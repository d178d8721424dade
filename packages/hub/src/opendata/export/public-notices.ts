import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { PUBLIC_STATUSES } from '../../notices/notice-lifecycle.js';
import { Notice } from '../../notices/notice.entity.js';

/**
 * Every public notice (drafts never leave the hub) with its buyer, lots, awards and corrections, in pages so that
 * an export of any size holds one page in memory. Ordered by id: a stable order that new notices cannot reshuffle
 * mid-export. Each page comes from a fresh unit of work, forgotten once the next is asked for.
 */
export async function* publicNotices(orm: MikroORM, pageSize = 500): AsyncGenerator<Notice> {
  let after = '';
  for (;;) {
    const em = orm.em.fork() as EntityManager;
    const page = await em.find(
      Notice,
      { status: { $in: [...PUBLIC_STATUSES] }, id: { $gt: after } },
      { orderBy: { id: 'asc' }, limit: pageSize, populate: ['organisation', 'family', 'lots', 'lots.award', 'corrigenda'] },
    );
    for (const notice of page) yield notice;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}
