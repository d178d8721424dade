import { Entity, ManyToOne, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';

/**
 * A staff member named correspondent of a purchasing family for their organisation. The organisation is copied from
 * the staff member when named, so the directory reads "per organisation" without joining through staff.
 */
@Entity({ tableName: 'correspondent' })
@Unique({ properties: ['staffMember', 'family'] })
export class Correspondent extends BaseEntity {
  @ManyToOne(() => StaffMember, { ref: true })
  staffMember!: Ref<StaffMember>;

  @ManyToOne(() => PurchasingFamily, { ref: true })
  family!: Ref<PurchasingFamily>;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;
}
