import { Entity, Enum, Index, ManyToOne, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { AdviceRequest } from './advice-request.entity.js';
import { ADVICE_STAGES, type AdviceStage } from './advice-stages.js';

/**
 * An answered request, rewritten without names by its expert so that the next commune finds it before asking.
 * For staff only; the link to the request and who published it are never shown with it.
 */
@Entity({ tableName: 'knowledge_entry' })
@Index({ properties: ['stage', 'publishedAt'] })
export class KnowledgeEntry extends BaseEntity {
  @OneToOne(() => AdviceRequest, { ref: true, owner: true, unique: true })
  request!: Ref<AdviceRequest>;

  @Enum({ items: () => ADVICE_STAGES, type: 'string' })
  stage!: AdviceStage;

  @ManyToOne(() => PurchasingFamily, { ref: true })
  family!: Ref<PurchasingFamily>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  question!: string;

  @Property({ type: 'text' })
  answer!: string;

  /** Title, question and answer folded (lowercase, no accents), for search. */
  @Property({ type: 'text', lazy: true })
  searchText!: string;

  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @ManyToOne(() => StaffMember, { ref: true })
  publishedBy!: Ref<StaffMember>;
}
