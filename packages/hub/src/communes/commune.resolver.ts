import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { getTerritory } from '../reference/territory.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { CommuneType } from './commune.type.js';
import { organisationLoaders } from '../organisations/organisation.loaders.js';

@Resolver(() => CommuneType)
export class CommuneResolver {
  @Query(() => [CommuneType], { description: 'The member communes of the agglomeration, largest first.' })
  communes(): CommuneType[] {
    return getTerritory().communes.map((commune) => CommuneType.from(commune));
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The commune as a buyer, when it is one.' })
  async organisation(@Root() commune: CommuneType, @Ctx() ctx: Context): Promise<OrganisationType | null> {
    const organisation = await organisationLoaders(ctx).organisationByInsee.load(commune.inseeCode);
    return organisation ? OrganisationType.from(organisation) : null;
  }
}
