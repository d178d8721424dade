import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { CommuneType } from '../communes/commune.type.js';
import { CpvType } from '../cpv/cpv.type.js';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import { getTerritory, getVarCommune } from '../reference/territory.js';
import type { Context } from '../shared/context.js';
import { ConnectionType, pageRequest, toConnection, type Connection } from '../shared/pagination.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { NoticeSortEnum, type NoticeSort } from './notice-sort.js';
import {
  AwardLotInput,
  CreateNoticeInput,
  NoticeCorrectionInput,
  NoticeDraftInput,
  NoticeFilter,
} from './notice.inputs.js';
import { cpvTypeOf } from './cpv-view.js';
import { NoticeQueries } from './notice.queries.js';
import { listPublicNotices } from './notice.read-model.js';
import { selectedFields } from './selection.js';
import { NoticeService } from './notice.service.js';
import { CorrigendumType, LotType, NoticeType } from './notice.type.js';
import { noticePublicity } from './publicity.js';
import { PublicityType } from './publicity.type.js';
import { noticeLoaders } from './notice.loaders.js';
import { organisationLoaders } from '../organisations/organisation.loaders.js';
import { purchasingFamilyLoaders } from '../families/purchasing-family.loaders.js';

export const NoticeConnection = ConnectionType('Notice', NoticeType);
export const MAX_PAGE_SIZE = 200;


@Resolver(() => NoticeType)
export class NoticeResolver {
  @Query(() => NoticeConnection, {
    description: 'Public notices (never drafts), filtered and sorted; at most 200 a page.',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * Math.min(Number(args.first ?? 20), MAX_PAGE_SIZE),
  })
  async notices(
    @Ctx() ctx: Context,
    @Arg('filter', () => NoticeFilter, { nullable: true }) filter?: NoticeFilter,
    @Arg('sort', () => NoticeSortEnum, { defaultValue: 'DEADLINE_ASC' }) sort: NoticeSort = 'DEADLINE_ASC',
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<NoticeType>> {
    const page = pageRequest(first, after, MAX_PAGE_SIZE);
    const selection = info
      ? {
          fields: selectedFields(info, ['edges', 'node']),
          organisationFields: selectedFields(info, ['edges', 'node', 'organisation']),
          lotFields: selectedFields(info, ['edges', 'node', 'lots']),
        }
      : undefined;
    const { records, organisations, lots, total } = await listPublicNotices(ctx.em, filter, sort, page, ctx.now, selection);
    const organisationViews = new Map([...organisations].map(([id, organisation]) => [id, OrganisationType.from(organisation)]));
    const views = records.map((record) =>
      NoticeType.fromRecord(record, ctx.now, {
        organisation: organisationViews.get(record.organisationId),
        lots: lots.get(record.id)?.map((lot) => LotType.from(lot, record.estimatedValuePublic)),
      }),
    );
    return toConnection(views, page, total);
  }

  @Query(() => NoticeType, { nullable: true, description: 'A public notice by its reference (a draft only for its own staff).' })
  async notice(@Arg('reference', () => String) reference: string, @Ctx() ctx: Context): Promise<NoticeType | null> {
    const notice = await new NoticeQueries(ctx.em).byReference(reference, ctx.actor);
    return notice ? NoticeType.from(notice, ctx.now) : null;
  }

  @StaffQuery(() => NoticeConnection, {
    description: 'Drafts the signed-in staff member may read: their organisation’s, or every one for admins.',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * Math.min(Number(args.first ?? 20), MAX_PAGE_SIZE),
  })
  async draftNotices(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<NoticeType>> {
    const page = pageRequest(first, after, MAX_PAGE_SIZE);
    const [notices, total] = await new NoticeQueries(ctx.em).drafts(ctx.actor!, page);
    return toConnection(notices.map((notice) => NoticeType.from(notice, ctx.now)), page, total);
  }

  @FieldResolver(() => OrganisationType)
  organisation(@Root() notice: NoticeType, @Ctx() ctx: Context): OrganisationType | Promise<OrganisationType> {
    // Read with the page, the view resolves at once: no promise for each of a page's notices.
    return notice.read.organisation ?? this.loadOrganisation(notice, ctx);
  }

  private async loadOrganisation(notice: NoticeType, ctx: Context): Promise<OrganisationType> {
    const organisation = await organisationLoaders(ctx).organisation.load(notice.organisationId);
    if (!organisation) throw new Error(`Notice ${notice.reference} has no organisation`);
    return OrganisationType.from(organisation);
  }

  @FieldResolver(() => PurchasingFamilyType, { nullable: true, description: 'From the main CPV unless the buyer set it.' })
  async family(@Root() notice: NoticeType, @Ctx() ctx: Context): Promise<PurchasingFamilyType | null> {
    if (!notice.familyId) return null;
    const family = await purchasingFamilyLoaders(ctx).family.load(notice.familyId);
    return family ? PurchasingFamilyType.from(family) : null;
  }

  @FieldResolver(() => CpvType)
  mainCpv(@Root() notice: NoticeType): CpvType {
    return cpvTypeOf(notice.mainCpvCode);
  }

  @FieldResolver(() => [CpvType])
  additionalCpvs(@Root() notice: NoticeType): CpvType[] {
    return notice.additionalCpvCodes.map(cpvTypeOf);
  }

  @FieldResolver(() => CommuneType, { nullable: true, description: 'Lieu d’exécution.' })
  placeOfPerformance(@Root() notice: NoticeType): CommuneType | null {
    if (!notice.placeOfPerformanceInsee) return null;
    const member = getTerritory().communes.find((commune) => commune.inseeCode === notice.placeOfPerformanceInsee);
    const commune = member ?? getVarCommune(notice.placeOfPerformanceInsee);
    return commune ? CommuneType.from(commune) : null;
  }

  @FieldResolver(() => [LotType])
  lots(@Root() notice: NoticeType, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): LotType[] | Promise<LotType[]> {
    return notice.read.lots ?? this.loadLots(notice, ctx, info);
  }

  private async loadLots(notice: NoticeType, ctx: Context, info: GraphQLResolveInfo): Promise<LotType[]> {
    // Awards are joined only when asked for: their columns, null for every open lot, cost as much as the lots'.
    const loader = selectedFields(info).has('award') ? noticeLoaders(ctx).lotRecordsOfNotice : noticeLoaders(ctx).lotRecordsWithoutAwardOfNotice;
    const lots = await loader.load(notice.noticeId);
    return lots.map((lot) => LotType.from(lot, notice.estimatedValuePublic));
  }

  @FieldResolver(() => PublicityType, {
    nullable: true,
    description:
      'The publicity the law requires, from the nature, the estimated value of all lots together (public or not), the buyer and the publication day (now for a draft), with the thresholds in force that day. Null when no estimate is known or the day is before the dated thresholds.',
  })
  async publicity(@Root() notice: NoticeType, @Ctx() ctx: Context): Promise<PublicityType | null> {
    const [lots, organisation] = await Promise.all([
      noticeLoaders(ctx).lotRecordsWithoutAwardOfNotice.load(notice.noticeId),
      organisationLoaders(ctx).organisation.load(notice.organisationId),
    ]);
    if (!organisation) throw new Error(`Notice ${notice.reference} has no organisation`);
    const requirement = noticePublicity({
      nature: notice.nature,
      mainCpv: notice.mainCpvCode,
      noticeEstimate: notice.estimateForRules,
      lotEstimates: lots.map((lot) => lot.estimatedValue),
      frameworkMaximum: notice.frameworkMaximumForRules,
      organisationKind: organisation.kind,
      launchedAt: notice.publishedAt ?? ctx.now,
    });
    return requirement && PublicityType.from(requirement, notice.nature, notice.estimatedValue);
  }

  @FieldResolver(() => [CorrigendumType], { description: 'Every correction, oldest first.' })
  async corrigenda(@Root() notice: NoticeType, @Ctx() ctx: Context): Promise<CorrigendumType[]> {
    const corrigenda = await noticeLoaders(ctx).corrigendaOfNotice.load(notice.noticeId);
    return corrigenda.map((corrigendum) => CorrigendumType.from(corrigendum));
  }

  @StaffMutation(() => NoticeType, { roles: ['ADMIN', 'BUYER'], description: 'Creates a draft notice.' })
  async createNotice(@Arg('input', () => CreateNoticeInput) input: CreateNoticeInput, @Ctx() ctx: Context) {
    return NoticeType.from(await new NoticeService(ctx).create(input), ctx.now);
  }

  @StaffMutation(() => NoticeType, { roles: ['ADMIN', 'BUYER'], description: 'Changes a draft; published notices are corrected instead.' })
  async updateDraftNotice(
    @Arg('reference', () => String) reference: string,
    @Arg('input', () => NoticeDraftInput) input: NoticeDraftInput,
    @Ctx() ctx: Context,
  ) {
    return NoticeType.from(await new NoticeService(ctx).updateDraft(reference, input), ctx.now);
  }

  @StaffMutation(() => NoticeType, {
    roles: ['ADMIN', 'BUYER'],
    description: 'Publishes a draft: needs a lot, valid CPV codes and the minimum response time of its procedure.',
  })
  async publishNotice(@Arg('reference', () => String) reference: string, @Ctx() ctx: Context) {
    return NoticeType.from(await new NoticeService(ctx).publish(reference), ctx.now);
  }

  @StaffMutation(() => NoticeType, {
    roles: ['ADMIN', 'BUYER'],
    description: 'Corrects a published notice (avis rectificatif); the public notice shows every correction.',
  })
  async correctNotice(
    @Arg('reference', () => String) reference: string,
    @Arg('input', () => NoticeCorrectionInput) input: NoticeCorrectionInput,
    @Ctx() ctx: Context,
  ) {
    return NoticeType.from(await new NoticeService(ctx).correct(reference, input), ctx.now);
  }

  @StaffMutation(() => NoticeType, { roles: ['ADMIN', 'BUYER'], description: 'Declares a published or closed notice sans suite.' })
  async cancelNotice(
    @Arg('reference', () => String) reference: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return NoticeType.from(await new NoticeService(ctx).cancel(reference, reason), ctx.now);
  }

  @StaffMutation(() => NoticeType, { roles: ['ADMIN', 'BUYER'], description: 'Awards a lot once the deadline has passed.' })
  async awardLot(
    @Arg('reference', () => String) reference: string,
    @Arg('lotNumber', () => Int) lotNumber: number,
    @Arg('input', () => AwardLotInput) input: AwardLotInput,
    @Ctx() ctx: Context,
  ) {
    return NoticeType.from(await new NoticeService(ctx).awardLot(reference, lotNumber, input), ctx.now);
  }

  @StaffMutation(() => NoticeType, { roles: ['ADMIN', 'BUYER'], description: 'Declares a lot infructueux.' })
  async declareLotUnsuccessful(
    @Arg('reference', () => String) reference: string,
    @Arg('lotNumber', () => Int) lotNumber: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return NoticeType.from(await new NoticeService(ctx).declareLotUnsuccessful(reference, lotNumber, reason), ctx.now);
  }
}
