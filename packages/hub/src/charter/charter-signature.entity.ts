import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { EthicsCharter } from './ethics-charter.entity.js';

/** A staff member's commitment to one version of the charter. Who signed is private; only counts are public. */
@Entity({ tableName: 'charter_signature' })
@Unique({ properties: ['charter', 'staffMember'] })
export class CharterSignature extends BaseEntity {
  @ManyToOne(() => EthicsCharter, { ref: true })
  charter!: Ref<EthicsCharter>;

  @ManyToOne(() => StaffMember, { ref: true })
  staffMember!: Ref<StaffMember>;

  @Property({ type: 'datetime' })
  signedAt!: Date;
}
