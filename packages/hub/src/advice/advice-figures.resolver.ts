import { Ctx, Query, Resolver } from 'type-graphql';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import type { Context } from '../shared/context.js';
import { MIN_PUBLISHED_PEOPLE } from './advice-figures-disclosure.js';
import { adviceFigureRecords } from './advice-figures.query.js';
import { adviceFigures } from './advice-figures.js';
import { AdviceFamilyStatisticsType, AdviceStageStatisticsType, AdviceStatisticsType, AdviceYearStatisticsType } from './advice-figures.type.js';

/** Public: the advice figures are aggregates the hub has already withheld where they would describe anyone. */
@Resolver()
export class AdviceFiguresResolver {
  @Query(() => AdviceStatisticsType, {
    description: 'Public figures of advice to the communes: requests per stage and per family of each year, and the median working days to a first answer.',
  })
  async adviceStatistics(@Ctx() ctx: Context): Promise<AdviceStatisticsType> {
    const [records, families] = await Promise.all([
      adviceFigureRecords(ctx.em),
      ctx.em.find(PurchasingFamily, {}, { orderBy: { position: 'asc', slug: 'asc' } }),
    ]);
    const views = new Map(families.map((family) => [family.id, PurchasingFamilyType.from(family)]));
    const years = adviceFigures(
      records,
      families.map((family) => family.id),
    ).map((year) =>
      AdviceYearStatisticsType.from(
        year.year,
        year.total,
        year.stages.map(({ stage, ...figures }) => AdviceStageStatisticsType.from(stage, figures)),
        year.families.map(({ familyId, ...figures }) => AdviceFamilyStatisticsType.from(views.get(familyId)!, figures)),
      ),
    );
    return Object.assign(new AdviceStatisticsType(), { minimumPeople: MIN_PUBLISHED_PEOPLE, years });
  }
}
