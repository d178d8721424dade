import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisations/organisation.type.js';

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

@ObjectType('OrganisationTrainingFigures', { description: 'Counts for one organisation; never who.' })
export class OrganisationTrainingFiguresType {
  organisationId!: string;
  @Field(() => OrganisationType) organisation!: OrganisationType;
  @Field(() => Int, { description: 'Active staff accounts of the organisation.' }) headcount!: number;
  @Field(() => Int, { description: 'Of them, how many attended a session in the window.' }) trainedCount!: number;
  @Field(() => Float, { description: 'trainedCount / headcount, from 0 to 1.' }) trainedShare!: number;

  static from(row: { organisationId: string; headcount: number; trainedCount: number }, organisation: OrganisationType) {
    return Object.assign(new OrganisationTrainingFiguresType(), { ...row, organisation, trainedShare: share(row.trainedCount, row.headcount) });
  }
}

@ObjectType('TrainingStatistics', { description: 'Professionalisation of the buyers’ network, as aggregates only.' })
export class TrainingStatisticsType {
  @Field(() => Date, { description: 'Start of the window: 24 months before the query.' }) since!: Date;
  @Field(() => Int, { description: 'Active staff accounts of the territory.' }) headcount!: number;
  @Field(() => Int, { description: 'Of them, how many attended at least one session in the window.' }) trainedCount!: number;
  @Field(() => Float, { description: 'trainedCount / headcount, from 0 to 1.' }) trainedShare!: number;
  @Field(() => Int, { description: 'Sessions with at least one attendee in the window.' }) sessionsHeld!: number;
  @Field(() => Float, { description: 'Hours of training followed in the window (attendances × duration).' }) hoursOfTraining!: number;
  @Field(() => [OrganisationTrainingFiguresType], { description: 'Organisations that have staff accounts.' })
  organisations!: OrganisationTrainingFiguresType[];

  static share = share;
}
