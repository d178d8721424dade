import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../auth/actor.js';
import { canReadPrivateOf, isAdmin } from '../auth/access-policy.js';
import { badInput } from '../shared/errors.js';
import type { PageRequest } from '../shared/pagination.js';
import { foldText } from '../shared/text.js';
import { PUBLIC_STATUSES, type NoticeStatus } from './notice-lifecycle.js';
import type { NoticeFilter } from './notice.inputs.js';
import { Notice } from './notice.entity.js';
import type { NoticeSort } from './notice-sort.js';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Stored status and deadline conditions for a status as the public sees it at `now`. */
function statusCondition(status: NoticeStatus, now: Date): FilterQuery<Notice> {
  switch (status) {
    case 'PUBLISHED':
      return { status: 'PUBLISHED', submissionDeadline: { $gt: now } };
    case 'CLOSED':
      return { $or: [{ status: 'CLOSED' }, { status: 'PUBLISHED', submissionDeadline: { $lte: now } }] };
    default:
      return { status };
  }
}

/**
 * PUBLISHED and CLOSED together are every stored PUBLISHED or CLOSED row, whatever the deadline: the condition then
 * needs no deadline split, and "every public status" is simply "not a draft", which lets the database walk the
 * deadline index in order instead of sorting every row.
 */
function statusesCondition(statuses: ReadonlySet<NoticeStatus>, now: Date): FilterQuery<Notice> {
  if (PUBLIC_STATUSES.every((status) => statuses.has(status))) return { status: { $ne: 'DRAFT' } };
  if (statuses.has('PUBLISHED') && statuses.has('CLOSED')) return { status: { $in: [...statuses] } };
  return { $or: [...statuses].map((status) => statusCondition(status, now)) };
}

export function publicNoticeWhere(filter: NoticeFilter | undefined, now: Date): FilterQuery<Notice> {
  const statuses = filter?.statuses?.length ? filter.statuses : PUBLIC_STATUSES;
  if (statuses.includes('DRAFT')) throw badInput('filter.statuses', 'Drafts are never public: use draftNotices');
  const and: Array<FilterQuery<Notice>> = [statusesCondition(new Set(statuses), now)];
  if (filter?.organisationSiren) {
    const siren = filter.organisationSiren.trim();
    // A group's notice is listed by every member, not only by the coordinator that published it.
    and.push({ $or: [{ organisation: { siren } }, { purchasingGroup: { members: { siren } } }] });
  }
  if (filter?.communeInseeCode) and.push({ placeOfPerformanceInsee: filter.communeInseeCode.trim() });
  if (filter?.familySlug) and.push({ family: { slug: filter.familySlug.trim() } });
  if (filter?.nature) and.push({ nature: filter.nature });
  if (filter?.procedure) and.push({ procedure: filter.procedure });
  if (filter?.cpvPrefix) {
    if (!/^\d{1,8}$/.test(filter.cpvPrefix.trim())) throw badInput('filter.cpvPrefix', 'A CPV prefix is 1 to 8 digits');
    and.push({ mainCpv: { $like: `${filter.cpvPrefix.trim()}%` } });
  }
  for (const word of foldText(filter?.text ?? '').split(/[^a-z0-9-]+/).filter((w) => w.length > 0).slice(0, 10)) {
    and.push({ searchText: { $like: `%${escapeLike(word)}%` } });
  }
  return { $and: and };
}

function orderBy(sort: NoticeSort): QueryOrderMap<Notice> {
  switch (sort) {
    case 'DEADLINE_ASC':
      return { submissionDeadline: 'asc', reference: 'asc' };
    case 'DEADLINE_DESC':
      return { submissionDeadline: 'desc', reference: 'asc' };
    case 'PUBLISHED_DESC':
      return { publishedAt: 'desc', reference: 'desc' };
    case 'PUBLISHED_ASC':
      return { publishedAt: 'asc', reference: 'asc' };
  }
}

/** Reads of notices. Public reads never see a draft; private reads follow the access policy. */
export class NoticeQueries {
  constructor(private readonly em: EntityManager) {}

  async listPublic(filter: NoticeFilter | undefined, sort: NoticeSort, page: PageRequest, now: Date) {
    return this.em.findAndCount(Notice, publicNoticeWhere(filter, now), {
      orderBy: [orderBy(sort)],
      limit: page.limit,
      offset: page.offset,
    });
  }

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
