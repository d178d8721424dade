import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { Context } from '../shared/context.js';
import { badInput } from '../shared/errors.js';
import { isPlausibleYear, plausibleYears } from '../notices/plausibility.js';
import { computeIndicators, indicatorYears } from './indicator-aggregation.js';
import { INDICATOR_METHODS } from './indicator-methods.js';
import { indicatorRecordsOf, inItsOwnTurn } from './indicator-records.per-request.js';
import { territoryInseeCodes } from './indicator-records.query.js';
import { IndicatorsType } from './indicator.type.js';

const DEPARTEMENT = '83';

@Resolver()
export class IndicatorResolver {
  @Query(() => IndicatorsType, {
    description: 'Aggregates of a year (or every year), an organisation (or all) and a family (or all), computed from the records.',
  })
  async indicators(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('organisationSiren', () => String, { nullable: true }) organisationSiren?: string | null,
    @Arg('familySlug', () => String, { nullable: true }) familySlug?: string | null,
  ): Promise<IndicatorsType> {
    const siren = organisationSiren?.trim() || null;
    const slug = familySlug?.trim() || null;
    const years = plausibleYears(ctx.clock.now());
    if (year !== null && year !== undefined && !isPlausibleYear(year, ctx.clock.now())) {
      throw badInput('year', `Le champ year doit être une année de ${years.first} à ${years.last}.`);
    }
    if (siren && !(await ctx.em.count(Organisation, { siren }))) throw badInput('organisationSiren', `Aucune organisation n’a le SIREN ${siren}.`);
    if (slug && !(await ctx.em.count(PurchasingFamily, { slug }))) throw badInput('familySlug', `Aucune famille d’achat ne s’appelle « ${slug} ».`);
    const records = await indicatorRecordsOf(ctx);
    const figures = await inItsOwnTurn(ctx, () =>
      computeIndicators(records, { year: year ?? null, organisationSiren: siren, familySlug: slug }, {
        ...ctx.config.indicators,
        territoryInsee: territoryInseeCodes(),
        departementCode: DEPARTEMENT,
      }),
    );
    return { ...figures, ...figures.scope, methods: { ...INDICATOR_METHODS } };
  }

  @Query(() => [Int], {
    description: 'Years with a publication or an award, most recent first: only years `indicators(year:)` answers for (2000 to this year).',
  })
  async indicatorYears(@Ctx() ctx: Context): Promise<number[]> {
    const records = await indicatorRecordsOf(ctx);
    return inItsOwnTurn(ctx, () => indicatorYears(records, plausibleYears(ctx.clock.now())));
  }
}
