import { Entity, Enum, ManyToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { STAFF_ROLES, type StaffRole } from '../shared/actor.js';

@Entity({ tableName: 'staff_member' })
export class StaffMember extends BaseEntity {
  @Property({ type: 'string', length: 254 })
  @Unique()
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @Enum({ items: () => STAFF_ROLES, type: 'string' })
  role!: StaffRole;

  @Property({ type: 'string', length: 200, lazy: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;
}
