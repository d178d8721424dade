import { Entity, ManyToOne, Property, type Ref, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import type { Notice } from './notice.entity.js';

export interface FieldChangeRecord {
  field: string;
  before: string | null;
  after: string | null;
}

/** An avis rectificatif: a published notice is never edited in silence. */
@Entity({ tableName: 'corrigendum' })
export class Corrigendum extends BaseEntity {
  @ManyToOne('Notice', { ref: true })
  notice!: Ref<Notice>;

  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @Property({ type: 'text' })
  reason!: string;

  @ManyToOne(() => StaffMember, { ref: true })
  author!: Ref<StaffMember>;

  @Property({ type: 'json' })
  changes: Opt<FieldChangeRecord[]> = [];
}
