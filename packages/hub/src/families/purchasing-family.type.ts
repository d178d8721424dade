import { Field, ObjectType } from 'type-graphql';
import type { PurchasingFamily } from './purchasing-family.entity.js';

@ObjectType('PurchasingFamily', { simpleResolvers: true, description: 'A famille d’achats; a notice belongs to the family of its main CPV.' })
export class PurchasingFamilyType {
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => [String], { description: 'CPV prefixes (digits) that belong to the family.' }) cpvPrefixes!: string[];

  /** From an entity or a plain record (`purchasing-family.read-model.ts`): only these columns are read. */
  static from(entity: Pick<PurchasingFamily, 'slug' | 'name' | 'description' | 'cpvPrefixes'>): PurchasingFamilyType {
    return Object.assign(new PurchasingFamilyType(), {
      slug: entity.slug,
      name: entity.name,
      description: entity.description,
      cpvPrefixes: [...entity.cpvPrefixes],
    });
  }
}
