import { Field, ObjectType } from 'type-graphql';
import type { CpvEntry } from '../reference/cpv-catalogue.js';

@ObjectType('Cpv', { simpleResolvers: true, description: 'A code of the Common Procurement Vocabulary (CPV 2008) with its French label.' })
export class CpvType {
  @Field(() => String, { description: 'Code with its check digit, e.g. 45210000-2.' }) code!: string;
  @Field(() => String) label!: string;

  static from(entry: CpvEntry): CpvType {
    return Object.assign(new CpvType(), { code: entry.code, label: entry.label });
  }
}
