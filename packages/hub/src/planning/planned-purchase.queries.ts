import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canReadPrivateOf, isAdmin } from '../auth/access-policy.js';
import { badInput } from '../shared/errors.js';
import type { PageRequest } from '../shared/pagination.js';
import { LISTED_STATUSES, isPublic, type PlannedPurchaseStatus } from './planned-purchase-lifecycle.js';
import { PlannedPurchase } from './planned-purchase.entity.js';
import type { PlannedPurchaseFilter } from './planned-purchase.inputs.js';

const ORDER = [{ launchYear: 'asc' }, { launchQuarter: 'asc' }, { reference: 'asc' }] as const;

/** Reads of planned purchases. Public reads never see a draft; private reads follow the access policy. */
export class PlannedPurchaseQueries {
  constructor(private readonly em: EntityManager) {}

  /**
   * The public plan: published and launched planned purchases (or the public statuses asked for), soonest quarter
   * first. A withdrawn one is public only if it had been published; a draft never is.
   */
  async listed(
    filter: PlannedPurchaseFilter | undefined,
    page: PageRequest,
    statuses: readonly PlannedPurchaseStatus[] = LISTED_STATUSES,
  ): Promise<[PlannedPurchase[], number]> {
    if (statuses.includes('DRAFT')) throw badInput('statuses', 'Un achat prévu en brouillon n’est jamais public : demandez PUBLISHED, LAUNCHED ou WITHDRAWN.');
    const wanted = statuses.length ? statuses : LISTED_STATUSES;
    const where = { status: { $in: [...wanted] }, publishedAt: { $ne: null }, ...this.where(filter) } as FilterQuery<PlannedPurchase>;
    return this.em.findAndCount(PlannedPurchase, where, { orderBy: [...ORDER], limit: page.limit, offset: page.offset });
  }

  /** For staff: every planned purchase of their organisation (admins: of all), in any status or those asked for. */
  async forStaff(actor: Actor, statuses: PlannedPurchaseStatus[] | undefined, filter: PlannedPurchaseFilter | undefined, page: PageRequest) {
    const where = {
      ...this.where(filter),
      ...(statuses?.length ? { status: { $in: statuses } } : {}),
      ...(isAdmin(actor) ? {} : { organisation: actor.organisationId }),
    } as FilterQuery<PlannedPurchase>;
    return this.em.findAndCount(PlannedPurchase, where, { orderBy: [{ updatedAt: 'desc' }, { reference: 'asc' }], limit: page.limit, offset: page.offset });
  }

  /** A planned purchase that has been public, or any the actor may read privately; otherwise null. */
  async byReference(reference: string, actor: Actor | null): Promise<PlannedPurchase | null> {
    const plan = await this.em.findOne(PlannedPurchase, { reference: reference.trim() });
    if (!plan) return null;
    if (!isPublic(plan.status, plan.publishedAt) && !canReadPrivateOf(actor, plan.organisation.id)) return null;
    return plan;
  }

  /** The planned purchases pointed at by these notices (draft or launched), by notice id. */
  async byNotices(noticeIds: readonly string[]): Promise<Map<string, PlannedPurchase>> {
    const plans = await this.em.find(PlannedPurchase, { notice: { $in: [...noticeIds] } });
    return new Map(plans.map((plan) => [plan.notice!.id, plan]));
  }

  private where(filter: PlannedPurchaseFilter | undefined): Record<string, unknown> {
    if (!filter) return {};
    const where: Record<string, unknown> = {};
    if (filter.organisationSiren?.trim()) where.organisation = { siren: filter.organisationSiren.trim() };
    if (filter.familySlug?.trim()) where.family = { slug: filter.familySlug.trim() };
    if (filter.launchYear !== undefined && filter.launchYear !== null) where.launchYear = filter.launchYear;
    if (filter.launchQuarter !== undefined && filter.launchQuarter !== null) {
      if (![1, 2, 3, 4].includes(filter.launchQuarter)) throw badInput('filter.launchQuarter', 'Le champ launchQuarter vaut 1, 2, 3 ou 4.');
      where.launchQuarter = filter.launchQuarter;
    }
    const commune = filter.communeInseeCode?.trim();
    if (commune) {
      // Where the work is done, or, when no place is set, the buying commune itself.
      where.$or = [{ placeOfPerformanceInsee: commune }, { placeOfPerformanceInsee: null, organisation: { inseeCode: commune } }];
    }
    return where;
  }
}
