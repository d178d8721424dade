import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canReadPrivateOf, isAdmin } from '../auth/access-policy.js';
import type { PageRequest } from '../shared/pagination.js';
import { Notice } from './notice.entity.js';

/**
 * Reads of notices as entities. Public reads never see a draft; private reads follow the access policy. The public
 * listing reads plain rows instead (`notice.read-model.ts`).
 */
export class NoticeQueries {
  constructor(private readonly em: EntityManager) {}

  /** A public notice, or a draft when the actor may read its organisation's drafts; otherwise null. */
  async byReference(reference: string, actor: Actor | null): Promise<Notice | null> {
    const notice = await this.em.findOne(Notice, { reference: reference.trim() });
    if (!notice) return null;
    if (notice.status === 'DRAFT' && !canReadPrivateOf(actor, notice.organisation.id)) return null;
    return notice;
  }

  async drafts(actor: Actor, page: PageRequest) {
    const where: FilterQuery<Notice> = isAdmin(actor)
      ? { status: 'DRAFT' }
      : { status: 'DRAFT', organisation: actor.organisationId };
    return this.em.findAndCount(Notice, where, {
      orderBy: [{ updatedAt: 'desc' }, { reference: 'asc' }],
      limit: page.limit,
      offset: page.offset,
    });
  }
}
