import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';

/** Who ran which mutation on which record, written in the transaction of the change. Never public. */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEntry extends BaseEntity {
  @ManyToOne(() => StaffMember, { ref: true, nullable: true })
  actor: Ref<StaffMember> | null = null;

  @Property({ type: 'string', length: 80 })
  action!: string;

  @Property({ type: 'string', length: 80 })
  entityType!: string;

  @Property({ type: 'string', length: 36 })
  entityId!: string;

  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;
}
