import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { badInput } from '../shared/errors.js';
import { announcementFigures, share, type AnnouncementFigures } from './plan-announcement.js';
import { loadAnnouncedNotices } from './plan-announcement.query.js';
import { PlanAnnouncementFiguresType, PlanAnnouncementIndicatorsType } from './plan-announcement.type.js';

@Resolver()
export class PlanAnnouncementResolver {
  @Query(() => PlanAnnouncementIndicatorsType, {
    description: 'Per buyer, the share of notices announced in the forward purchasing plan at least three months before their publication.',
  })
  async planAnnouncementIndicators(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ): Promise<PlanAnnouncementIndicatorsType> {
    if (year !== null && year !== undefined && (year < 2000 || year > 2100)) throw badInput('year', 'Le champ year doit être une année de 2000 à 2100.');
    const figures = announcementFigures(await loadAnnouncedNotices(ctx.em), year ?? null);
    const organisations = await ctx.em.find(Organisation, { id: { $in: figures.map((row) => row.organisationId) } });
    const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
    const view = (row: Omit<AnnouncementFigures, 'organisationId'>, organisation: Organisation | null) =>
      Object.assign(new PlanAnnouncementFiguresType(), {
        organisation: organisation ? OrganisationType.from(organisation) : null,
        publishedNotices: row.publishedNotices,
        announcedNotices: row.announcedNotices,
        announcedEarly: row.announcedEarly,
        earlyShare: row.earlyShare,
      });
    const sum = (key: 'publishedNotices' | 'announcedNotices' | 'announcedEarly') => figures.reduce((total, row) => total + row[key], 0);
    const total = { publishedNotices: sum('publishedNotices'), announcedNotices: sum('announcedNotices'), announcedEarly: sum('announcedEarly') };
    const order = (organisation: Organisation) => `${organisation.kind === 'AGGLOMERATION' ? 0 : 1} ${organisation.name}`;
    const buyers = figures
      .filter((row) => byId.has(row.organisationId))
      .sort((a, b) => order(byId.get(a.organisationId)!).localeCompare(order(byId.get(b.organisationId)!), 'fr'))
      .map((row) => view(row, byId.get(row.organisationId)!));
    return Object.assign(new PlanAnnouncementIndicatorsType(), {
      year: year ?? null,
      total: view({ ...total, earlyShare: share(total.announcedEarly, total.publishedNotices) }, null),
      buyers,
    });
  }
}
