import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { StaffMutation, StaffQuery } from '../shared/staff-only.js';
import { StaffMemberType } from '../staff/staff-member.type.js';
import { EnrollmentQueries } from './enrollment.queries.js';
import { EnrollmentService } from './enrollment.service.js';
import { EnrollmentType, TrainingRecordType } from './enrollment.type.js';
import { TrainingSession } from './training-session.entity.js';
import { trainingLoaders } from './training.loaders.js';
import { TrainingSessionType } from './training.type.js';

@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  @StaffQuery(() => [EnrollmentType], { description: 'Everyone in a session, in request order: for its trainer and admins.' })
  async sessionEnrollments(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: Context): Promise<EnrollmentType[]> {
    return (await new EnrollmentQueries(ctx.em, ctx.actor!).ofSession(sessionId)).map((row) => EnrollmentType.from(row));
  }

  @StaffQuery(() => [EnrollmentType], { description: 'The signed-in staff member’s enrolments, most recent session first.' })
  async myEnrollments(@Ctx() ctx: Context): Promise<EnrollmentType[]> {
    return (await new EnrollmentQueries(ctx.em, ctx.actor!).mine()).map((row) => EnrollmentType.from(row));
  }

  @StaffQuery(() => [EnrollmentType], { roles: ['ADMIN'], description: 'Training requests waiting for the employer’s agreement.' })
  async pendingEnrollments(@Ctx() ctx: Context): Promise<EnrollmentType[]> {
    return (await new EnrollmentQueries(ctx.em, ctx.actor!).pending(ctx.now)).map((row) => EnrollmentType.from(row));
  }

  @StaffQuery(() => [TrainingSessionType], { description: 'Sessions the signed-in staff member runs as trainer, soonest first.' })
  async myTrainerSessions(@Ctx() ctx: Context): Promise<TrainingSessionType[]> {
    const sessions = await ctx.em.find(TrainingSession, { trainer: ctx.actor!.staffMemberId }, { orderBy: { startsAt: 'asc' } });
    return sessions.map((session) => TrainingSessionType.from(session));
  }

  @StaffQuery(() => TrainingRecordType, {
    description: 'Livret de formation: every session attended. Your own, or anyone’s for admins (staffMemberId).',
  })
  async trainingRecord(
    @Ctx() ctx: Context,
    @Arg('staffMemberId', () => ID, { nullable: true }) staffMemberId?: string,
  ): Promise<TrainingRecordType> {
    const { member, attended } = await new EnrollmentQueries(ctx.em, ctx.actor!).record(staffMemberId ?? ctx.actor!.staffMemberId);
    return Object.assign(new TrainingRecordType(), {
      staffMember: StaffMemberType.from(member),
      sessionsAttended: attended.length,
      totalHours: attended.reduce((sum, row) => sum + row.session.getEntity().training.getEntity().durationHours, 0),
      entries: attended.map((row) => EnrollmentType.from(row)),
    });
  }

  @FieldResolver(() => TrainingSessionType)
  async session(@Root() enrollment: EnrollmentType, @Ctx() ctx: Context): Promise<TrainingSessionType> {
    const session = await trainingLoaders(ctx).session.load(enrollment.sessionId);
    if (!session) throw notFound('La session de formation');
    return TrainingSessionType.from(session);
  }

  @FieldResolver(() => StaffMemberType)
  async staffMember(@Root() enrollment: EnrollmentType, @Ctx() ctx: Context): Promise<StaffMemberType> {
    const member = await trainingLoaders(ctx).staffMember.load(enrollment.staffMemberId);
    if (!member) throw notFound('Le compte de l’agent');
    return StaffMemberType.from(member);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The video-conference link, for those holding a seat.' })
  async remoteUrl(@Root() enrollment: EnrollmentType, @Ctx() ctx: Context): Promise<string | null> {
    if (enrollment.status !== 'REGISTERED' && enrollment.status !== 'ATTENDED') return null;
    return (await trainingLoaders(ctx).session.load(enrollment.sessionId))?.remoteUrl ?? null;
  }

  @StaffMutation(() => EnrollmentType, {
    description: 'Asks for a seat: REGISTERED while seats are left, WAITLISTED after. Admins may enrol someone (staffMemberId).',
  })
  async enrollInTrainingSession(
    @Arg('sessionId', () => ID) sessionId: string,
    @Ctx() ctx: Context,
    @Arg('staffMemberId', () => ID, { nullable: true }) staffMemberId?: string,
  ) {
    return EnrollmentType.from(await new EnrollmentService(ctx).enrol(sessionId, staffMemberId));
  }

  @StaffMutation(() => EnrollmentType, { description: 'Withdraws before the start; the seat goes to the first on the waiting list.' })
  async cancelEnrollment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return EnrollmentType.from(await new EnrollmentService(ctx).cancel(id));
  }

  @StaffMutation(() => EnrollmentType, { roles: ['ADMIN'], description: 'Gives the employer’s agreement to a training request.' })
  async approveEnrollment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return EnrollmentType.from(await new EnrollmentService(ctx).approve(id));
  }

  @StaffMutation(() => EnrollmentType, { roles: ['ADMIN'], description: 'Refuses a training request; its seat goes to the waiting list.' })
  async refuseEnrollment(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return EnrollmentType.from(await new EnrollmentService(ctx).refuse(id, reason));
  }

  @StaffMutation(() => EnrollmentType, {
    roles: ['ADMIN', 'TRAINER'],
    description: 'Records attendance once the session has started: its trainer or an admin.',
  })
  async recordAttendance(@Arg('enrollmentId', () => ID) enrollmentId: string, @Arg('attended', () => Boolean) attended: boolean, @Ctx() ctx: Context) {
    return EnrollmentType.from(await new EnrollmentService(ctx).recordAttendance(enrollmentId, attended));
  }
}
