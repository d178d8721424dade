import { Collection, Entity, ManyToMany, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

/**
 * A groupement de commandes: one coordinator runs the procedure for every member. `members` always includes the
 * coordinator, so "every organisation of the group" is one collection.
 */
@Entity({ tableName: 'purchasing_group' })
export class PurchasingGroup extends BaseEntity {
  @Property({ type: 'string', length: 300 })
  subject!: string;

  @ManyToOne(() => Organisation, { ref: true })
  coordinator!: Ref<Organisation>;

  @ManyToMany(() => Organisation, undefined, { owner: true, pivotTable: 'purchasing_group_member' })
  members = new Collection<Organisation>(this);

  /** Calendar dates (YYYY-MM-DD) of the convention constitutive. */
  @Property({ type: 'string', length: 10 })
  agreementStart!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  agreementEnd: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  documentsUrl: string | null = null;
}
