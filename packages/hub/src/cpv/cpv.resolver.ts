import { Arg, Int, Query, Resolver } from 'type-graphql';
import { getCpvCatalogue } from '../reference/cpv-catalogue.js';
import { badInput } from '../shared/errors.js';
import { CpvType } from './cpv.type.js';

@Resolver(() => CpvType)
export class CpvResolver {
  @Query(() => CpvType, { nullable: true, description: 'A CPV code, with or without its check digit.' })
  cpv(@Arg('code', () => String) code: string): CpvType | null {
    const entry = getCpvCatalogue().get(code);
    return entry ? CpvType.from(entry) : null;
  }

  @Query(() => [CpvType], { description: 'CPV codes whose label or code matches every word, accents ignored.' })
  cpvSearch(
    @Arg('text', () => String) text: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): CpvType[] {
    if (text.length > 200) throw badInput('text', 'Le champ text ne peut dépasser 200 caractères.');
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'Le champ first doit valoir de 1 à 100.');
    return getCpvCatalogue().search(text, first).map((entry) => CpvType.from(entry));
  }
}
