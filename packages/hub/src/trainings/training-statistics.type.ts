import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';
import type { PublicOrganisationRow } from '../staff-figures/public-organisation-figures.js';
import { disclosedFigures, discloseStaffFigures, type WithheldReason } from '../staff-figures/staff-figures-disclosure.js';
import { StaffFiguresWithheldReasonEnum, WITHHELD_NOTE } from '../staff-figures/staff-figures.graphql-enums.js';

@ObjectType('OrganisationTrainingFigures', { description: 'Counts for one organisation; never who, and none that would describe one or two people.' })
export class OrganisationTrainingFiguresType {
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => StaffFiguresWithheldReasonEnum, { nullable: true, description: 'Why headcount, trainedCount and trainedShare are null; null when they are published.' })
  withheld!: WithheldReason | null;
  @Field(() => Int, { nullable: true, description: `Active staff accounts of the organisation. ${WITHHELD_NOTE}` }) headcount!: number | null;
  @Field(() => Int, { nullable: true, description: `Of them, how many attended a session in the window. ${WITHHELD_NOTE}` })
  trainedCount!: number | null;
  @Field(() => Float, { nullable: true, description: `trainedCount / headcount, from 0 to 1. ${WITHHELD_NOTE}` }) trainedShare!: number | null;

  static from(row: { headcount: number; trainedCount: number }, organisation: OrganisationType, withheld: WithheldReason | null) {
    const figures = disclosedFigures({ headcount: row.headcount, count: row.trainedCount }, withheld);
    return Object.assign(new OrganisationTrainingFiguresType(), {
      organisation,
      withheld: figures.withheld,
      headcount: figures.headcount,
      trainedCount: figures.count,
      trainedShare: figures.share,
    });
  }
}

@ObjectType('TrainingStatistics', { description: 'Professionalisation of the buyers’ network, as aggregates only.' })
export class TrainingStatisticsType {
  @Field(() => Date, { description: 'Start of the window: 24 months before the query.' }) since!: Date;
  @Field(() => StaffFiguresWithheldReasonEnum, {
    nullable: true,
    description: 'Why the territory’s headcount, trainedCount, trainedShare, sessionsHeld and hoursOfTraining are null; null when they are published.',
  })
  withheld!: WithheldReason | null;
  @Field(() => Int, { nullable: true, description: `Active staff accounts of the territory. ${WITHHELD_NOTE}` }) headcount!: number | null;
  @Field(() => Int, { nullable: true, description: `Of them, how many attended at least one session in the window. ${WITHHELD_NOTE}` })
  trainedCount!: number | null;
  @Field(() => Float, { nullable: true, description: `trainedCount / headcount, from 0 to 1. ${WITHHELD_NOTE}` }) trainedShare!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: `Sessions with at least one attendee in the window. Null when the territory's figures are withheld: it would tell them.`,
  })
  sessionsHeld!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: `Hours of training followed in the window (attendances × duration). Null when the territory's figures are withheld: it would tell them.`,
  })
  hoursOfTraining!: number | null;
  @Field(() => [OrganisationTrainingFiguresType], {
    description: 'Organisations that have active staff accounts, by kind then name; each with its figures or why they are withheld.',
  })
  organisations!: OrganisationTrainingFiguresType[];

  /**
   * The public view of the figures: `organisations` in the public order, with their exact counts; what would describe
   * someone is withheld here, on every row and the total together.
   */
  static from(
    figures: { since: Date; headcount: number; trainedCount: number; sessionsHeld: number; hoursOfTraining: number },
    organisations: ReadonlyArray<PublicOrganisationRow<{ headcount: number; trainedCount: number }>>,
  ): TrainingStatisticsType {
    const disclosure = discloseStaffFigures(
      organisations.map(({ row }) => ({ headcount: row.headcount, count: row.trainedCount })),
    );
    const total = disclosedFigures({ headcount: figures.headcount, count: figures.trainedCount }, disclosure.total);
    return Object.assign(new TrainingStatisticsType(), {
      since: figures.since,
      withheld: total.withheld,
      headcount: total.headcount,
      trainedCount: total.count,
      trainedShare: total.share,
      // Both follow the attendances, so the trained count: withheld with it (no session held would say no one attended).
      sessionsHeld: total.withheld ? null : figures.sessionsHeld,
      hoursOfTraining: total.withheld ? null : figures.hoursOfTraining,
      organisations: organisations.map(({ row, organisation }, index) => OrganisationTrainingFiguresType.from(row, organisation, disclosure.rows[index] ?? null)),
    });
  }
}
