import { Arg, Ctx, Field, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { StaffMutation } from '../shared/staff-only.js';
import type { Organisation } from './organisation.entity.js';
import { OrganisationSiretService } from './organisation-siret.service.js';
import { OrganisationType } from './organisation.type.js';

@ObjectType('OrganisationSiret', { description: 'An organisation and the establishment (SIRET) it buys as.' })
export class OrganisationSiretType {
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => String, { nullable: true, description: 'The SIRET the DECP names as buyer; null while unknown.' })
  siret!: string | null;

  static from(organisation: Organisation): OrganisationSiretType {
    return Object.assign(new OrganisationSiretType(), { organisation: OrganisationType.from(organisation), siret: organisation.siret });
  }
}

@Resolver()
export class OrganisationSiretResolver {
  @StaffMutation(() => OrganisationSiretType, {
    roles: ['ADMIN'],
    description:
      'Sets the SIRET an organisation buys as (null removes it): 14 digits with a valid key, within the organisation’s SIREN, used by no other organisation. Its contracts from 40 k€ then appear in decp.json.',
  })
  async setOrganisationSiret(
    @Arg('organisation', () => String, { description: 'Slug or SIREN of the organisation.' }) organisation: string,
    @Arg('siret', () => String, { nullable: true }) siret: string | null,
    @Ctx() ctx: Context,
  ): Promise<OrganisationSiretType> {
    return OrganisationSiretType.from(await new OrganisationSiretService(ctx).set(organisation, siret ?? null));
  }
}
