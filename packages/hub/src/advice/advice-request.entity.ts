import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PlannedPurchase } from '../planning/planned-purchase.entity.js';
import { BaseEntity } from '../shared/base.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { ADVICE_STATES, type AdviceState } from './advice-lifecycle.js';
import { ADVICE_STAGES, type AdviceStage } from './advice-stages.js';

/** A document the asker points to (on the commune's drive, the buyer profile…): a link, never an upload. */
export interface AdviceAttachment {
  label: string;
  url: string;
}

/**
 * A commune's question to the agglomeration's procurement direction (demande de conseil). Private: only the asking
 * organisation, the expert named on it and the direction's admins read it.
 */
@Entity({ tableName: 'advice_request' })
@Index({ properties: ['state', 'dueAt'] })
@Index({ properties: ['submittedAt'] })
export class AdviceRequest extends BaseEntity {
  /** E.g. CONSEIL-2026-0007: what staff quote in a mail or on the phone. */
  @Property({ type: 'string', length: 24 })
  @Unique()
  reference!: string;

  @ManyToOne(() => Organisation, { ref: true })
  organisation!: Ref<Organisation>;

  @ManyToOne(() => StaffMember, { ref: true })
  askedBy!: Ref<StaffMember>;

  @Enum({ items: () => ADVICE_STAGES, type: 'string' })
  stage!: AdviceStage;

  @ManyToOne(() => PurchasingFamily, { ref: true })
  family!: Ref<PurchasingFamily>;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'text' })
  question!: string;

  @ManyToOne(() => Notice, { ref: true, nullable: true })
  relatedNotice: Ref<Notice> | null = null;

  @ManyToOne(() => PlannedPurchase, { ref: true, nullable: true })
  relatedPlannedPurchase: Ref<PlannedPurchase> | null = null;

  @Property({ type: 'json' })
  attachments: Opt<AdviceAttachment[]> = [];

  /** The calendar date (Paris) by which the asker would like an answer, if they said. */
  @Property({ type: 'string', length: 10, nullable: true })
  wishedAnswerDate: string | null = null;

  @Enum({ items: () => ADVICE_STATES, type: 'string' })
  state!: AdviceState;

  @ManyToOne(() => StaffMember, { ref: true, nullable: true })
  expert: Ref<StaffMember> | null = null;

  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  assignedAt: Date | null = null;

  /** When the answer is due: the configured working days after submission, or after the last reopening. */
  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  firstAnsweredAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastAnsweredAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  /** The due date an overdue reminder was sent for: one reminder per due date, another after a reopening. */
  @Property({ type: 'datetime', nullable: true })
  overdueReminderFor: Date | null = null;
}
