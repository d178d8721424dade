import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { PurchasingFamily } from './purchasing-family.entity.js';
import { PurchasingFamilyType } from './purchasing-family.type.js';

@Resolver(() => PurchasingFamilyType)
export class PurchasingFamilyResolver {
  @Query(() => [PurchasingFamilyType])
  async purchasingFamilies(@Ctx() ctx: Context): Promise<PurchasingFamilyType[]> {
    const families = await ctx.em.find(PurchasingFamily, {}, { orderBy: { position: 'asc' } });
    return families.map((family) => PurchasingFamilyType.from(family));
  }
}
