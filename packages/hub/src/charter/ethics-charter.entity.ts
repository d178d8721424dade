import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';

/** One version of the charte de déontologie; the highest version is the current one. Versions are never edited. */
@Entity({ tableName: 'ethics_charter' })
export class EthicsCharter extends BaseEntity {
  @Property({ type: 'integer' })
  @Unique()
  version!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** Markdown, rendered by the site. */
  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @ManyToOne(() => StaffMember, { ref: true })
  publishedBy!: Ref<StaffMember>;
}
