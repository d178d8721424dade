import { Field, Int, ObjectType } from 'type-graphql';
import { slugify } from '../shared/slug.js';

@ObjectType('Commune', { simpleResolvers: true, description: 'A commune of the Var: a place of performance, and a buyer when it is a member.' })
export class CommuneType {
  @Field(() => String) inseeCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => [String]) postalCodes!: string[];
  @Field(() => Int, { nullable: true, description: 'Population totale (INSEE), for member communes.' })
  population!: number | null;

  static from(commune: { inseeCode: string; name: string; postalCodes: readonly string[]; population?: number }): CommuneType {
    return Object.assign(new CommuneType(), {
      inseeCode: commune.inseeCode,
      name: commune.name,
      slug: slugify(commune.name),
      postalCodes: [...commune.postalCodes],
      population: commune.population ?? null,
    });
  }
}
