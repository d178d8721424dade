import { Field, InputType } from 'type-graphql';
import type { AdviceState } from './advice-lifecycle.js';
import type { AdviceStage } from './advice-stages.js';
import { AdviceStageEnum, AdviceStateEnum } from './advice.graphql-enums.js';

@InputType()
export class AdviceAttachmentInput {
  @Field(() => String, { nullable: true, description: 'What the document is; the link’s host when left out.' }) label?: string | null;
  @Field(() => String, { description: 'An http(s) address.' }) url!: string;
}

@InputType()
export class AskAdviceInput {
  @Field(() => String, { nullable: true, description: 'Admins only: the organisation asking, when they record a request for it. Default: your own.' })
  organisationSiren?: string | null;
  @Field(() => AdviceStageEnum) stage!: AdviceStage;
  @Field(() => String, { description: 'The purchasing family, e.g. restauration.' }) familySlug!: string;
  @Field(() => String, { description: 'A short title, e.g. « Choix de procédure pour la cantine ».' }) subject!: string;
  @Field(() => String) question!: string;
  @Field(() => String, { nullable: true, description: 'A notice the question is about, e.g. 2026-LOR-0003.' }) relatedNoticeReference?: string | null;
  @Field(() => String, { nullable: true, description: 'A planned purchase of the forward plan the question is about, e.g. PREV-2027-LOR-0002.' })
  relatedPlannedPurchaseReference?: string | null;
  @Field(() => [AdviceAttachmentInput], { nullable: true, description: 'At most 10 links.' }) attachments?: AdviceAttachmentInput[] | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, today or later.' }) wishedAnswerDate?: string | null;
}

@InputType()
export class AdviceRequestFilter {
  @Field(() => [AdviceStateEnum], { nullable: true }) states?: AdviceState[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Only the requests awaiting an answer past their due date (admins, or your own with `mine`).' })
  overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only the requests you are the expert of.' }) mine?: boolean | null;
}

@InputType()
export class KnowledgeEntryInput {
  @Field(() => String, { description: 'A title without names.' }) title!: string;
  @Field(() => String, { description: 'The question rewritten without names: no person, address or organisation.' }) question!: string;
  @Field(() => String, { description: 'The answer rewritten without names.' }) answer!: string;
}

@InputType()
export class KnowledgeSearchInput {
  @Field(() => AdviceStageEnum, { nullable: true }) stage?: AdviceStage | null;
  @Field(() => String, { nullable: true }) familySlug?: string | null;
  @Field(() => String, { nullable: true, description: 'Words that must all appear (case and accents ignored).' }) text?: string | null;
}
