import { Entity, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import type { Lot } from './lot.entity.js';

@Entity({ tableName: 'award' })
export class Award extends BaseEntity {
  @OneToOne('Lot', (lot: Lot) => lot.award, { owner: true, ref: true, unique: true })
  lot!: Ref<Lot>;

  @Property({ type: 'string', length: 300 })
  supplierName!: string;

  @Property({ type: 'string', length: 14 })
  supplierSiret!: string;

  @Property({ type: 'boolean' })
  sme!: boolean;

  @Property({ type: 'string', length: 200, nullable: true })
  supplierCommune: string | null = null;

  @Property({ type: 'string', length: 5, nullable: true })
  supplierInseeCode: string | null = null;

  @Property({ type: 'double' })
  amount!: number;

  /** Date of the award decision, a calendar date (YYYY-MM-DD). */
  @Property({ type: 'string', length: 10 })
  awardedOn!: string;
}
