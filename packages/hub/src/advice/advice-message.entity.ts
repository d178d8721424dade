import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { AdviceRequest } from './advice-request.entity.js';
import { ADVICE_MESSAGE_KINDS, type AdviceMessageKind } from './advice-stages.js';

/** One message of a request's thread, between the asker's organisation and the expert. Private. */
@Entity({ tableName: 'advice_message' })
@Index({ properties: ['request', 'postedAt'] })
export class AdviceMessage extends BaseEntity {
  @ManyToOne(() => AdviceRequest, { ref: true })
  request!: Ref<AdviceRequest>;

  @ManyToOne(() => StaffMember, { ref: true })
  author!: Ref<StaffMember>;

  @Enum({ items: () => ADVICE_MESSAGE_KINDS, type: 'string' })
  kind!: AdviceMessageKind;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime' })
  postedAt!: Date;
}
