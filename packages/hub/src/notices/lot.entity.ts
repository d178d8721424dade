import { Entity, Enum, ManyToOne, OneToOne, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { LOT_STATUSES, type LotStatus } from './notice-enums.js';
import type { Notice } from './notice.entity.js';
import { Award } from './award.entity.js';

@Entity({ tableName: 'lot' })
@Unique({ properties: ['notice', 'number'] })
export class Lot extends BaseEntity {
  @ManyToOne('Notice', { ref: true })
  notice!: Ref<Notice>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 10 })
  cpv!: string;

  @Property({ type: 'double', nullable: true })
  estimatedValue: number | null = null;

  @Enum({ items: () => LOT_STATUSES, type: 'string' })
  status: Opt<LotStatus> = 'OPEN';

  @Property({ type: 'text', nullable: true })
  unsuccessfulReason: string | null = null;

  @OneToOne(() => Award, (award) => award.lot, { nullable: true, ref: true })
  award: Ref<Award> | null = null;
}
