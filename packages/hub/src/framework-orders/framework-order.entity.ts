import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { Notice } from '../notices/notice.entity.js';

/** A marché subséquent or bon de commande awarded under a framework agreement (the notice). */
@Entity({ tableName: 'framework_order' })
@Unique({ properties: ['notice', 'reference'] })
export class FrameworkOrder extends BaseEntity {
  @ManyToOne(() => Notice, { ref: true })
  notice!: Ref<Notice>;

  @Property({ type: 'integer' })
  lotNumber!: number;

  /** The buyer's own reference of the order, e.g. BC-2027-014. */
  @Property({ type: 'string', length: 60 })
  reference!: string;

  @Property({ type: 'string', length: 300 })
  supplierName!: string;

  @Property({ type: 'string', length: 14 })
  supplierSiret!: string;

  /** Euros excl. VAT. */
  @Property({ type: 'double' })
  amount!: number;

  /** Calendar date (YYYY-MM-DD). */
  @Property({ type: 'string', length: 10 })
  orderedOn!: string;
}
