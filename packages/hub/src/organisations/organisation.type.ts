import { Field, Int, ObjectType } from 'type-graphql';
import { OrganisationKindEnum } from './organisation.graphql-enums.js';
import type { Organisation, OrganisationKind } from './organisation.entity.js';
import { publicSiren } from './siren-placeholder.js';

export type OrganisationFields = Pick<Organisation, 'siren' | 'slug' | 'name' | 'kind' | 'inseeCode' | 'population'>;

@ObjectType('Organisation', { simpleResolvers: true, description: 'A public buyer of the territory.' })
export class OrganisationType {
  @Field(() => String, { nullable: true, description: 'Null only for a buyer imported without one (e.g. a foreign authority).' })
  siren!: string | null;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => OrganisationKindEnum) kind!: OrganisationKind;
  @Field(() => String, { nullable: true, description: 'INSEE code of a commune.' }) inseeCode!: string | null;
  @Field(() => Int, { nullable: true }) population!: number | null;

  /** From an entity or a plain record (`organisation.read-model.ts`): only these columns are read. */
  static from(entity: OrganisationFields): OrganisationType {
    return Object.assign(new OrganisationType(), {
      siren: publicSiren(entity.siren),
      slug: entity.slug,
      name: entity.name,
      kind: entity.kind,
      inseeCode: entity.inseeCode,
      population: entity.population,
    });
  }
}
