import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { REFERENCE_CODE_MAX_LENGTH } from './reference-codes.js';

export const ORGANISATION_KINDS = ['AGGLOMERATION', 'COMMUNE', 'OTHER_PUBLIC_BODY'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity({ tableName: 'organisation' })
export class Organisation extends BaseEntity {
  /**
   * A buyer imported without SIREN (a foreign authority, an old notice that gave none) gets a placeholder that
   * cannot be a SIREN (see `opendata/import/buyer-identity.ts`); the API shows it as null.
   */
  @Property({ type: 'string', length: 9 })
  @Unique()
  siren!: string;

  /** The establishment that buys (DECP names the buyer by SIRET); learnt from imports when unknown. */
  @Property({ type: 'string', length: 14, nullable: true })
  siret: string | null = null;

  @Property({ type: 'string', length: 120 })
  @Unique()
  slug!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => ORGANISATION_KINDS, type: 'string' })
  kind!: OrganisationKind;

  @Property({ type: 'string', length: 5, nullable: true })
  inseeCode: string | null = null;

  @Property({ type: 'integer', nullable: true })
  population: number | null = null;

  /**
   * Letters in notice references, e.g. DRA in 2026-DRA-0042: three, four once every three-letter code is taken
   * (`reference-codes.ts`); given once, never changed.
   */
  @Property({ type: 'string', length: REFERENCE_CODE_MAX_LENGTH })
  @Unique()
  referenceCode!: string;
}
