import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PurchasingFamilyType } from '../families/purchasing-family.type.js';
import { ADVICE_WITHHELD_REASONS, MIN_PUBLISHED_PEOPLE, type AdviceWithheldReason } from './advice-figures-disclosure.js';
import type { AdviceGroupFigures } from './advice-figures.js';
import { AdviceStageEnum } from './advice.graphql-enums.js';
import { ADVICE_STAGE_LABELS, type AdviceStage } from './advice-stages.js';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const AdviceFiguresWithheldReasonEnum = graphqlEnum(ADVICE_WITHHELD_REASONS, {
  name: 'AdviceFiguresWithheldReason',
  description:
    `Why public advice figures are withheld (their values are then null). SMALL: the requests were asked by fewer than ${MIN_PUBLISHED_PEOPLE} ` +
    'people, whose questions the figures would describe. COMPLEMENTARY: enough people, but published with the year’s total the ' +
    'figures would give away those of the SMALL groups (total minus the published groups). FEW_EXPERTS (medians only): the first ' +
    `answers were written by fewer than ${MIN_PUBLISHED_PEOPLE} experts, whose own pace the median would show.`,
});

const NULL_WHEN_WITHHELD = 'Null when withheld: see `withheld`.';

// A base of the three views below, never in the schema itself (no field returns it): they copy its fields.
@ObjectType('AdviceFiguresFields')
abstract class AdviceFiguresFields {
  @Field(() => AdviceFiguresWithheldReasonEnum, { nullable: true, description: 'Why requestCount, answeredCount and the median are null; null when they are published.' })
  withheld!: AdviceWithheldReason | null;
  @Field(() => Int, { nullable: true, description: `Requests asked (whatever became of them). ${NULL_WHEN_WITHHELD}` }) requestCount!: number | null;
  @Field(() => Int, { nullable: true, description: `Of them, how many have had an answer. ${NULL_WHEN_WITHHELD}` }) answeredCount!: number | null;
  @Field(() => AdviceFiguresWithheldReasonEnum, {
    nullable: true,
    description: 'Why medianWorkingDaysToFirstAnswer is null although requests were answered; null when it is published or nothing was answered.',
  })
  medianWithheld!: AdviceWithheldReason | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Median of the working days from the question to its first answer, among the answered requests (the day of the question not counted; ' +
      'Saturdays, Sundays and French public holidays not counted; 0: answered the same day). Null when nothing was answered or when withheld.',
  })
  medianWorkingDaysToFirstAnswer!: number | null;

  protected static figures(figures: AdviceGroupFigures): AdviceGroupFigures {
    return {
      withheld: figures.withheld,
      requestCount: figures.requestCount,
      answeredCount: figures.answeredCount,
      medianWithheld: figures.medianWithheld,
      medianWorkingDaysToFirstAnswer: figures.medianWorkingDaysToFirstAnswer,
    };
  }
}

@ObjectType('AdviceStageStatistics', { description: 'The advice requests of one year at one stage of the purchasing chain; never who.' })
export class AdviceStageStatisticsType extends AdviceFiguresFields {
  @Field(() => AdviceStageEnum) stage!: AdviceStage;
  @Field(() => String, { description: 'The stage in French, e.g. « Analyse des offres ».' }) label!: string;

  static from(stage: AdviceStage, figures: AdviceGroupFigures): AdviceStageStatisticsType {
    return Object.assign(new AdviceStageStatisticsType(), { stage, label: ADVICE_STAGE_LABELS[stage], ...AdviceFiguresFields.figures(figures) });
  }
}

@ObjectType('AdviceFamilyStatistics', { description: 'The advice requests of one year about one purchasing family; never who.' })
export class AdviceFamilyStatisticsType extends AdviceFiguresFields {
  @Field(() => PurchasingFamilyType) family!: PurchasingFamilyType;

  static from(family: PurchasingFamilyType, figures: AdviceGroupFigures): AdviceFamilyStatisticsType {
    return Object.assign(new AdviceFamilyStatisticsType(), { family, ...AdviceFiguresFields.figures(figures) });
  }
}

@ObjectType('AdviceYearStatistics', {
  description: 'The advice requests asked in one year (Paris calendar), as aggregates: the year’s total, then per stage and per family.',
})
export class AdviceYearStatisticsType extends AdviceFiguresFields {
  @Field(() => Int) year!: number;
  @Field(() => [AdviceStageStatisticsType], { description: 'Every stage of the purchasing chain, in the chain’s order.' })
  stages!: AdviceStageStatisticsType[];
  @Field(() => [AdviceFamilyStatisticsType], { description: 'Every purchasing family, in the families’ order.' })
  families!: AdviceFamilyStatisticsType[];

  static from(year: number, total: AdviceGroupFigures, stages: AdviceStageStatisticsType[], families: AdviceFamilyStatisticsType[]): AdviceYearStatisticsType {
    return Object.assign(new AdviceYearStatisticsType(), { year, stages, families, ...AdviceFiguresFields.figures(total) });
  }
}

@ObjectType('AdviceStatistics', {
  description:
    'The advice the agglomeration’s procurement direction gives the communes, as public aggregates: never a question, an asker or an expert, ' +
    'and no figure describing one or two people.',
})
export class AdviceStatisticsType {
  @Field(() => Int, { description: 'The fewest distinct people a published figure may describe.' }) minimumPeople!: number;
  @Field(() => [AdviceYearStatisticsType], { description: 'Years with at least one request, most recent first.' }) years!: AdviceYearStatisticsType[];
}
