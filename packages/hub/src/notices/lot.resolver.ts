import { FieldResolver, Resolver, Root } from 'type-graphql';
import { CpvType } from '../cpv/cpv.type.js';
import { getCpvCatalogue } from '../reference/cpv-catalogue.js';
import { LotType } from './notice.type.js';

@Resolver(() => LotType)
export class LotResolver {
  @FieldResolver(() => CpvType)
  cpv(@Root() lot: LotType): CpvType {
    return cpvTypeOf(lot.cpvCode);
  }
}

/** Codes are validated on the way in; an unknown one (from an older CPV list) still shows, labelled by its code. */
export function cpvTypeOf(code: string): CpvType {
  const entry = getCpvCatalogue().get(code);
  return CpvType.from(entry ?? { code, code8: code.slice(0, 8), label: code });
}
