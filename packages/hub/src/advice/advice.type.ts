import { Field, ID, ObjectType } from 'type-graphql';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import { ConnectionType } from '../shared/pagination.js';
import { StaffMemberType } from '../staff/staff-member.type.js';
import type { AdviceState } from './advice-lifecycle.js';
import { isAwaitingAnswer } from './advice-lifecycle.js';
import type { AdviceMessage } from './advice-message.entity.js';
import type { AdviceRequest } from './advice-request.entity.js';
import { ADVICE_STAGE_LABELS, type AdviceMessageKind, type AdviceStage } from './advice-stages.js';
import { AdviceMessageKindEnum, AdviceStageEnum, AdviceStateEnum } from './advice.graphql-enums.js';
import type { KnowledgeEntry } from './knowledge-entry.entity.js';

@ObjectType('AdviceAttachment', { description: 'A link to a document the asker points to.' })
export class AdviceAttachmentType {
  @Field(() => String) label!: string;
  @Field(() => String) url!: string;
}

/** Names the people of the thread: reachable only through staff-only fields. */
@ObjectType('AdviceMessage', { description: 'One message of an advice request’s thread.' })
export class AdviceMessageType {
  @Field(() => ID) id!: string;
  @Field(() => AdviceMessageKindEnum) kind!: AdviceMessageKind;
  @Field(() => String) body!: string;
  @Field(() => Date) postedAt!: Date;
  @Field(() => StaffMemberType) author!: StaffMemberType;

  static from(message: AdviceMessage): AdviceMessageType {
    return Object.assign(new AdviceMessageType(), {
      id: message.id,
      kind: message.kind,
      body: message.body,
      postedAt: message.postedAt,
      author: StaffMemberType.from(message.author.getEntity()),
    });
  }
}

/** Private: the asking organisation, the expert and the direction's admins read it (see advice-access.ts). */
@ObjectType('AdviceRequest', { description: 'A commune’s request for advice to the agglomeration’s procurement direction.' })
export class AdviceRequestType {
  /** Internal, for the related notice's field resolver; not a field. */
  relatedNoticeReference!: string | null;
  relatedPlannedPurchaseReference!: string | null;

  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'E.g. CONSEIL-2026-0007.' }) reference!: string;
  @Field(() => OrganisationType, { description: 'The asking organisation.' }) organisation!: OrganisationType;
  @Field(() => StaffMemberType, { description: 'Who asked.' }) askedBy!: StaffMemberType;
  @Field(() => AdviceStageEnum) stage!: AdviceStage;
  @Field(() => String, { description: 'French name of the stage.' }) stageLabel!: string;
  @Field(() => PurchasingFamilyType) family!: PurchasingFamilyType;
  @Field(() => String) subject!: string;
  @Field(() => String) question!: string;
  @Field(() => [AdviceAttachmentType]) attachments!: AdviceAttachmentType[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when the asker would like an answer.' }) wishedAnswerDate!: string | null;
  @Field(() => AdviceStateEnum) state!: AdviceState;
  @Field(() => StaffMemberType, { nullable: true, description: 'The expert of the direction who answers; null while the admins have to name one.' })
  expert!: StaffMemberType | null;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Date, { nullable: true }) assignedAt!: Date | null;
  @Field(() => Date, { description: 'When the answer is due: working days after the request (or its last reopening).' }) dueAt!: Date;
  @Field(() => Boolean, { description: 'Awaiting an answer past its due date, when read.' }) overdue!: boolean;
  @Field(() => Date, { nullable: true }) firstAnsweredAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;

  static from(request: AdviceRequest, now: Date): AdviceRequestType {
    return Object.assign(new AdviceRequestType(), {
      relatedNoticeReference: request.relatedNotice ? request.relatedNotice.getEntity().reference : null,
      relatedPlannedPurchaseReference: request.relatedPlannedPurchase ? request.relatedPlannedPurchase.getEntity().reference : null,
      id: request.id,
      reference: request.reference,
      organisation: OrganisationType.from(request.organisation.getEntity()),
      askedBy: StaffMemberType.from(request.askedBy.getEntity()),
      stage: request.stage,
      stageLabel: ADVICE_STAGE_LABELS[request.stage],
      family: PurchasingFamilyType.from(request.family.getEntity()),
      subject: request.subject,
      question: request.question,
      attachments: request.attachments.map((attachment) => Object.assign(new AdviceAttachmentType(), attachment)),
      wishedAnswerDate: request.wishedAnswerDate,
      state: request.state,
      expert: request.expert ? StaffMemberType.from(request.expert.getEntity()) : null,
      submittedAt: request.submittedAt,
      assignedAt: request.assignedAt,
      dueAt: request.dueAt,
      overdue: isAwaitingAnswer(request.state) && request.dueAt.getTime() <= now.getTime(),
      firstAnsweredAt: request.firstAnsweredAt,
      closedAt: request.closedAt,
    });
  }
}

export const AdviceRequestConnection = ConnectionType('AdviceRequest', AdviceRequestType);

/** Anonymous by construction: no organisation, no person, no link to the request. Staff only all the same. */
@ObjectType('KnowledgeEntry', { description: 'A question and its answer from the direction, published without names for every commune’s staff.' })
export class KnowledgeEntryType {
  @Field(() => ID) id!: string;
  @Field(() => AdviceStageEnum) stage!: AdviceStage;
  @Field(() => String) stageLabel!: string;
  @Field(() => PurchasingFamilyType) family!: PurchasingFamilyType;
  @Field(() => String) title!: string;
  @Field(() => String) question!: string;
  @Field(() => String) answer!: string;
  @Field(() => Date) publishedAt!: Date;

  static from(entry: KnowledgeEntry): KnowledgeEntryType {
    return Object.assign(new KnowledgeEntryType(), {
      id: entry.id,
      stage: entry.stage,
      stageLabel: ADVICE_STAGE_LABELS[entry.stage],
      family: PurchasingFamilyType.from(entry.family.getEntity()),
      title: entry.title,
      question: entry.question,
      answer: entry.answer,
      publishedAt: entry.publishedAt,
    });
  }
}

export const KnowledgeEntryConnection = ConnectionType('KnowledgeEntry', KnowledgeEntryType);
