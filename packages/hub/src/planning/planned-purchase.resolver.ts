import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { canReadPrivateOf } from '../auth/access-policy.js';
import { CommuneType } from '../communes/commune.type.js';
import { CpvType } from '../cpv/cpv.type.js';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import { cpvTypeOf } from '../notices/cpv-view.js';
import { NoticeType } from '../notices/notice.type.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import { getTerritory, getVarCommune } from '../reference/territory.js';
import type { Context } from '../shared/context.js';
import { ConnectionType, pageRequest, toConnection, type Connection } from '../shared/pagination.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { isPublic, type PlannedPurchaseStatus } from './planned-purchase-lifecycle.js';
import { PlannedPurchaseStatusEnum } from './planned-purchase.graphql-enums.js';
import { CreatePlannedPurchaseInput, PlannedPurchaseFilter, PlannedPurchaseInput } from './planned-purchase.inputs.js';
import { PlannedPurchaseQueries } from './planned-purchase.queries.js';
import { PlannedPurchaseService } from './planned-purchase.service.js';
import { PlannedPurchaseType } from './planned-purchase.type.js';
import { planningLoaders } from './planning.loaders.js';
import { organisationLoaders } from '../organisations/organisation.loaders.js';
import { purchasingFamilyLoaders } from '../families/purchasing-family.loaders.js';

export const PlannedPurchaseConnection = ConnectionType('PlannedPurchase', PlannedPurchaseType);
const MAX_PAGE_SIZE = 200;
const complexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
  1 + childComplexity * Math.min(Number(args.first ?? 50), MAX_PAGE_SIZE);

@Resolver(() => PlannedPurchaseType)
export class PlannedPurchaseResolver {
  @Query(() => PlannedPurchaseConnection, {
    description:
      'The public forward purchasing plan: published and launched planned purchases (or the public statuses asked for, WITHDRAWN included), soonest quarter first; at most 200 a page.',
    complexity,
  })
  async plannedPurchases(
    @Ctx() ctx: Context,
    @Arg('statuses', () => [PlannedPurchaseStatusEnum], {
      nullable: true,
      description: 'PUBLISHED, LAUNCHED and WITHDRAWN (those withdrawn after being published); DRAFT is refused. Default: PUBLISHED and LAUNCHED.',
    })
    statuses: PlannedPurchaseStatus[] | undefined,
    @Arg('filter', () => PlannedPurchaseFilter, { nullable: true }) filter?: PlannedPurchaseFilter,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<PlannedPurchaseType>> {
    const page = pageRequest(first, after, MAX_PAGE_SIZE);
    const [plans, total] = await new PlannedPurchaseQueries(ctx.em).listed(filter, page, statuses);
    return toConnection(plans.map((plan) => PlannedPurchaseType.from(plan)), page, total);
  }

  @Query(() => PlannedPurchaseType, {
    nullable: true,
    description: 'A planned purchase by its reference: one that was published (withdrawn ones too), or a draft for its own staff.',
  })
  async plannedPurchase(@Arg('reference', () => String) reference: string, @Ctx() ctx: Context): Promise<PlannedPurchaseType | null> {
    const plan = await new PlannedPurchaseQueries(ctx.em).byReference(reference, ctx.actor);
    return plan ? PlannedPurchaseType.from(plan) : null;
  }

  @StaffQuery(() => PlannedPurchaseConnection, {
    description: 'The planned purchases of the signed-in staff member’s organisation (every one for admins), drafts included; latest change first.',
    complexity,
  })
  async staffPlannedPurchases(
    @Ctx() ctx: Context,
    @Arg('statuses', () => [PlannedPurchaseStatusEnum], { nullable: true }) statuses?: PlannedPurchaseStatus[],
    @Arg('filter', () => PlannedPurchaseFilter, { nullable: true }) filter?: PlannedPurchaseFilter,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<PlannedPurchaseType>> {
    const page = pageRequest(first, after, MAX_PAGE_SIZE);
    const [plans, total] = await new PlannedPurchaseQueries(ctx.em).forStaff(ctx.actor!, statuses, filter, page);
    return toConnection(plans.map((plan) => PlannedPurchaseType.from(plan)), page, total);
  }

  @FieldResolver(() => OrganisationType)
  async organisation(@Root() plan: PlannedPurchaseType, @Ctx() ctx: Context): Promise<OrganisationType> {
    const organisation = await organisationLoaders(ctx).organisation.load(plan.organisationId);
    if (!organisation) throw new Error(`Planned purchase ${plan.reference} has no organisation`);
    return OrganisationType.from(organisation);
  }

  @FieldResolver(() => PurchasingFamilyType, { nullable: true, description: 'From the CPV code unless staff set it.' })
  async family(@Root() plan: PlannedPurchaseType, @Ctx() ctx: Context): Promise<PurchasingFamilyType | null> {
    if (!plan.familyId) return null;
    const family = await purchasingFamilyLoaders(ctx).family.load(plan.familyId);
    return family ? PurchasingFamilyType.from(family) : null;
  }

  @FieldResolver(() => CpvType)
  cpv(@Root() plan: PlannedPurchaseType): CpvType {
    return cpvTypeOf(plan.cpvCode);
  }

  @FieldResolver(() => CommuneType, { nullable: true, description: 'Lieu d’exécution, when known.' })
  placeOfPerformance(@Root() plan: PlannedPurchaseType): CommuneType | null {
    if (!plan.placeOfPerformanceInsee) return null;
    const member = getTerritory().communes.find((commune) => commune.inseeCode === plan.placeOfPerformanceInsee);
    const commune = member ?? getVarCommune(plan.placeOfPerformanceInsee);
    return commune ? CommuneType.from(commune) : null;
  }

  @FieldResolver(() => NoticeType, { nullable: true, description: 'The notice that launched it, once published (LAUNCHED).' })
  async notice(@Root() plan: PlannedPurchaseType, @Ctx() ctx: Context): Promise<NoticeType | null> {
    if (!plan.noticeId) return null;
    const notice = await planningLoaders(ctx).notice.load(plan.noticeId);
    return notice ? NoticeType.from(notice, ctx.now) : null;
  }

  @StaffMutation(() => PlannedPurchaseType, { roles: ['ADMIN', 'BUYER'], description: 'Records a planned purchase, as a draft.' })
  async createPlannedPurchase(@Arg('input', () => CreatePlannedPurchaseInput) input: CreatePlannedPurchaseInput, @Ctx() ctx: Context) {
    return PlannedPurchaseType.from(await new PlannedPurchaseService(ctx).create(input));
  }

  @StaffMutation(() => PlannedPurchaseType, {
    roles: ['ADMIN', 'BUYER'],
    description: 'Changes a draft or published planned purchase; a change to a published one is announced.',
  })
  async updatePlannedPurchase(
    @Arg('reference', () => String) reference: string,
    @Arg('input', () => PlannedPurchaseInput) input: PlannedPurchaseInput,
    @Ctx() ctx: Context,
  ) {
    return PlannedPurchaseType.from(await new PlannedPurchaseService(ctx).update(reference, input));
  }

  @StaffMutation(() => PlannedPurchaseType, { roles: ['ADMIN', 'BUYER'], description: 'Announces a draft planned purchase in the public plan.' })
  async publishPlannedPurchase(@Arg('reference', () => String) reference: string, @Ctx() ctx: Context) {
    return PlannedPurchaseType.from(await new PlannedPurchaseService(ctx).publish(reference));
  }

  @StaffMutation(() => PlannedPurchaseType, {
    roles: ['ADMIN', 'BUYER'],
    description: 'Takes a draft or published planned purchase out of the plan; the reason is public once it had been published.',
  })
  async withdrawPlannedPurchase(
    @Arg('reference', () => String) reference: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return PlannedPurchaseType.from(await new PlannedPurchaseService(ctx).withdraw(reference, reason));
  }
}

/** A notice says which planned purchase announced it. */
@Resolver(() => NoticeType)
export class NoticePlanResolver {
  @FieldResolver(() => PlannedPurchaseType, {
    nullable: true,
    description: 'The planned purchase this notice launches: it was announced in the plan (see its publishedAt).',
  })
  async plannedPurchase(@Root() notice: NoticeType, @Ctx() ctx: Context): Promise<PlannedPurchaseType | null> {
    const plan = await planningLoaders(ctx).planOfNotice.load(notice.noticeId);
    if (!plan) return null;
    // A public notice launched it; a draft notice is only read by its own staff, who may read the plan.
    if (!isPublic(plan.status, plan.publishedAt) && !canReadPrivateOf(ctx.actor, plan.organisation.id)) return null;
    return PlannedPurchaseType.from(plan);
  }
}
