import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationType } from './organisation.type.js';

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  @Query(() => [OrganisationType], { description: 'Every public buyer: the agglomeration first, then by name.' })
  async organisations(@Ctx() ctx: Context): Promise<OrganisationType[]> {
    const organisations = await ctx.em.find(Organisation, {}, { orderBy: { kind: 'asc', name: 'asc' } });
    return organisations.map((organisation) => OrganisationType.from(organisation));
  }

  @Query(() => OrganisationType, { nullable: true })
  async organisation(@Arg('slug', () => String) slug: string, @Ctx() ctx: Context): Promise<OrganisationType | null> {
    const organisation = await ctx.em.findOne(Organisation, { slug: slug.trim() });
    return organisation ? OrganisationType.from(organisation) : null;
  }
}
