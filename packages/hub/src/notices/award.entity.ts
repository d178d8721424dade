import { Entity, OneToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import type { Lot } from './lot.entity.js';
import type { ContractEssentials, SupplierRecord } from './contract-essentials.js';

@Entity({ tableName: 'award' })
export class Award extends BaseEntity {
  @OneToOne('Lot', (lot: Lot) => lot.award, { owner: true, ref: true, unique: true })
  lot!: Ref<Lot>;

  @Property({ type: 'string', length: 300 })
  supplierName!: string;

  /** Null when the source gave none (old BOAMP notices, foreign suppliers). */
  @Property({ type: 'string', length: 14, nullable: true })
  supplierSiret: string | null = null;

  /** Null when unknown (imported awards rarely say). */
  @Property({ type: 'boolean', nullable: true })
  sme: boolean | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  supplierCommune: string | null = null;

  @Property({ type: 'string', length: 5, nullable: true })
  supplierInseeCode: string | null = null;

  /** Euros excl. VAT; null when the award notice gave no amount (« montant indéfini »). */
  @Property({ type: 'double', nullable: true })
  amount: number | null = null;

  /** The other holders of a lot awarded to several suppliers (multi-attributaire framework agreement). */
  @Property({ type: 'json' })
  coSuppliers: Opt<SupplierRecord[]> = [];

  /** What DECP says of the contract beyond the award (duration, offers received, price form…), when known. */
  @Property({ type: 'json', nullable: true })
  contract: ContractEssentials | null = null;

  /**
   * The date of the source record this award comes from, when the source dates its records (an OCDS release's
   * `date`): an award of an earlier record never replaces it. Null for the other formats and awards made here.
   */
  @Property({ type: 'datetime', nullable: true })
  sourceDate: Date | null = null;

  /** Date of the award decision, a calendar date (YYYY-MM-DD). */
  @Property({ type: 'string', length: 10 })
  awardedOn!: string;
}
