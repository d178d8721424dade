import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { badInput, notFound } from '../shared/errors.js';
import { StaffMutation } from '../shared/staff-only.js';
import { publicOrganisationRows } from '../staff-figures/public-organisation-figures.js';
import { TrainingService } from './training.service.js';
import { TrainingQueries } from './training.queries.js';
import { trainingFigures } from './training-statistics.js';
import { TrainingStatisticsType } from './training-statistics.type.js';
import type { TrainingTopic } from './training-topics.js';
import { TrainingTopicEnum } from './training.graphql-enums.js';
import { TrainingInput, TrainingSessionInput, TrainingSessionUpdateInput, TrainingUpdateInput } from './training.inputs.js';
import { trainingLoaders } from './training.loaders.js';
import { TrainingSessionType, TrainingType } from './training.type.js';

const MAX_SESSIONS = 200;

@Resolver(() => TrainingType)
export class TrainingResolver {
  @Query(() => [TrainingType], { description: 'The training catalogue (formations), by topic then title; archived ones on request.' })
  async trainings(
    @Ctx() ctx: Context,
    @Arg('topic', () => TrainingTopicEnum, { nullable: true }) topic?: TrainingTopic,
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived = false,
  ): Promise<TrainingType[]> {
    return (await new TrainingQueries(ctx.em).catalogue(topic, includeArchived)).map((training) => TrainingType.from(training));
  }

  @Query(() => TrainingType, { nullable: true })
  async training(@Arg('slug', () => String) slug: string, @Ctx() ctx: Context): Promise<TrainingType | null> {
    const training = await new TrainingQueries(ctx.em).bySlug(slug);
    return training ? TrainingType.from(training) : null;
  }

  @Query(() => [TrainingSessionType], {
    description: 'Coming sessions (scheduled, not started), soonest first; at most 200.',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * Math.min(Number(args.first ?? 50), MAX_SESSIONS),
  })
  async comingTrainingSessions(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('topic', () => TrainingTopicEnum, { nullable: true }) topic?: TrainingTopic,
  ): Promise<TrainingSessionType[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_SESSIONS) throw badInput('first', `Le champ first doit valoir de 0 à ${MAX_SESSIONS}.`);
    const sessions = await new TrainingQueries(ctx.em).comingSessions(ctx.now, first, topic);
    return sessions.map((session) => TrainingSessionType.from(session));
  }

  @Query(() => TrainingSessionType, { nullable: true, description: 'A session by id, past or coming.' })
  async trainingSession(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<TrainingSessionType | null> {
    const session = await new TrainingQueries(ctx.em).session(id);
    return session ? TrainingSessionType.from(session) : null;
  }

  @Query(() => TrainingStatisticsType, {
    description: 'How many staff were trained in the last 24 months: counts only, withheld where they would describe one or two people.',
  })
  async trainingStatistics(@Ctx() ctx: Context): Promise<TrainingStatisticsType> {
    const figures = await trainingFigures(ctx.em, ctx.now);
    return TrainingStatisticsType.from(figures, await publicOrganisationRows(ctx, figures.organisations));
  }

  @FieldResolver(() => [TrainingSessionType], { description: 'Scheduled sessions not started yet, soonest first.' })
  async comingSessions(@Root() training: TrainingType, @Ctx() ctx: Context): Promise<TrainingSessionType[]> {
    const sessions = await trainingLoaders(ctx).comingSessionsOfTraining.load(training.id);
    return sessions.map((session) => TrainingSessionType.from(session));
  }

  @StaffMutation(() => TrainingType, { roles: ['ADMIN'], description: 'Adds a training to the catalogue.' })
  async createTraining(@Arg('input', () => TrainingInput) input: TrainingInput, @Ctx() ctx: Context) {
    return TrainingType.from(await new TrainingService(ctx).createTraining(input));
  }

  @StaffMutation(() => TrainingType, { roles: ['ADMIN'], description: 'Changes or archives a training; its slug stays.' })
  async updateTraining(
    @Arg('slug', () => String) slug: string,
    @Arg('input', () => TrainingUpdateInput) input: TrainingUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return TrainingType.from(await new TrainingService(ctx).updateTraining(slug, input));
  }

  @StaffMutation(() => TrainingSessionType, { roles: ['ADMIN'], description: 'Schedules a session of a training.' })
  async scheduleTrainingSession(@Arg('input', () => TrainingSessionInput) input: TrainingSessionInput, @Ctx() ctx: Context) {
    return TrainingSessionType.from(await new TrainingService(ctx).scheduleSession(input));
  }

  @StaffMutation(() => TrainingSessionType, { roles: ['ADMIN'], description: 'Moves or resizes a session before it starts.' })
  async updateTrainingSession(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => TrainingSessionUpdateInput) input: TrainingSessionUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return TrainingSessionType.from(await new TrainingService(ctx).updateSession(id, input));
  }

  @StaffMutation(() => TrainingSessionType, { roles: ['ADMIN'], description: 'Cancels a session before it starts, and its enrolments.' })
  async cancelTrainingSession(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return TrainingSessionType.from(await new TrainingService(ctx).cancelSession(id, reason));
  }
}

@Resolver(() => TrainingSessionType)
export class TrainingSessionResolver {
  @FieldResolver(() => TrainingType)
  async training(@Root() session: TrainingSessionType, @Ctx() ctx: Context): Promise<TrainingType> {
    const training = await trainingLoaders(ctx).training.load(session.trainingId);
    if (!training) throw notFound('La formation');
    return TrainingType.from(training);
  }

  @FieldResolver(() => Int, { description: 'Free seats now; 0 means new requests join the waiting list.' })
  async seatsLeft(@Root() session: TrainingSessionType, @Ctx() ctx: Context): Promise<number> {
    return Math.max(0, session.capacity - (await trainingLoaders(ctx).seatsTaken.load(session.id)));
  }
}
