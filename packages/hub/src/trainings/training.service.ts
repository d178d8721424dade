import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { isAdmin } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { AppError, InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { lockSessionSeats, promoteWaitlist, seatsTaken } from './session-seats.js';
import { Enrollment } from './enrollment.entity.js';
import { TrainingSession } from './training-session.entity.js';
import { Training } from './training.entity.js';
import type { TrainingInput, TrainingSessionInput, TrainingSessionUpdateInput, TrainingUpdateInput } from './training.inputs.js';
import { sessionShapeProblem, validateTraining as validate } from './training-validation.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

/** The catalogue and its sessions, run by the agglomeration's procurement direction (admins). */
export class TrainingService {
  constructor(private readonly ctx: ServiceContext) {}

  async createTraining(input: TrainingInput): Promise<Training> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const problems = new InputProblems();
      const values = {
        title: problems.check(() => validate.title(input.title)),
        description: problems.check(() => validate.description(input.description)),
        providerName: problems.check(() => validate.providerName(input.providerName)),
        durationHours: problems.check(() => validate.durationHours(input.durationHours)),
      };
      problems.throwIfAny();
      const training = em.create(Training, {
        slug: await freeSlug(em, values.title!),
        title: values.title!,
        topic: input.topic,
        description: values.description!,
        providerKind: input.providerKind,
        providerName: values.providerName!,
        durationHours: values.durationHours!,
      });
      recordAudit(em, actor, 'createTraining', { entityType: 'Training', entityId: training.id }, { slug: training.slug });
      recordEvent(em, 'training.created', { slug: training.slug }, this.ctx.clock.now());
      return training;
    });
  }

  async updateTraining(slug: string, input: TrainingUpdateInput): Promise<Training> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const training = await em.findOne(Training, { slug: slug.trim() });
      if (!training) throw notFound(`La formation « ${slug} »`);
      // The slug stays: the public site links to it. Every refused field is reported, and none is changed.
      const problems = new InputProblems();
      const title = input.title != null ? problems.check(() => validate.title(input.title!)) : undefined;
      const description = input.description != null ? problems.check(() => validate.description(input.description!)) : undefined;
      const providerName = input.providerName != null ? problems.check(() => validate.providerName(input.providerName!)) : undefined;
      const durationHours = input.durationHours != null ? problems.check(() => validate.durationHours(input.durationHours!)) : undefined;
      problems.throwIfAny();
      if (title !== undefined) training.title = title;
      if (input.topic != null) training.topic = input.topic;
      if (description !== undefined) training.description = description;
      if (input.providerKind != null) training.providerKind = input.providerKind;
      if (providerName !== undefined) training.providerName = providerName;
      if (durationHours !== undefined) training.durationHours = durationHours;
      if (input.active != null) training.active = input.active;
      recordAudit(em, actor, 'updateTraining', { entityType: 'Training', entityId: training.id }, { fields: Object.keys(input) });
      recordEvent(em, 'training.updated', { slug: training.slug }, this.ctx.clock.now());
      return training;
    });
  }

  async scheduleSession(input: TrainingSessionInput): Promise<TrainingSession> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const problems = new InputProblems();
      const training = await problems.checkAsync(() => activeTraining(em, input.trainingSlug));
      const values = {
        startsAt: problems.check(() => validate.date(input.startsAt, 'startsAt', now)),
        endsAt: problems.check(() => validate.date(input.endsAt, 'endsAt', now)),
        place: problems.check(() => validate.place(input.place)),
        remoteUrl: problems.check(() => validate.remoteUrl(input.remoteUrl)),
        capacity: problems.check(() => validate.capacity(input.capacity)),
        trainer: input.trainerId ? await problems.checkAsync(() => trainerFor(em, input.trainerId!)) : null,
      };
      if (values.startsAt && values.startsAt.getTime() <= now.getTime()) {
        problems.add('startsAt', 'Une session se programme dans le futur.', 'IMPLAUSIBLE');
      }
      problems.throwIfAny();
      const session = em.create(TrainingSession, {
        training: training!,
        startsAt: values.startsAt!,
        endsAt: values.endsAt!,
        place: values.place ?? null,
        remoteUrl: values.remoteUrl ?? null,
        capacity: values.capacity!,
        trainer: values.trainer ?? null,
      });
      assertShape(session);
      recordAudit(em, actor, 'scheduleTrainingSession', { entityType: 'TrainingSession', entityId: session.id }, { training: training!.slug });
      recordEvent(em, 'training.session.created', { sessionId: session.id, trainingSlug: training!.slug }, now);
      return session;
    });
  }

  async updateSession(sessionId: string, input: TrainingSessionUpdateInput): Promise<TrainingSession> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const session = await lockSessionSeats(em, sessionId);
      assertChangeable(session, now);
      const problems = new InputProblems();
      const startsAt = input.startsAt != null ? problems.check(() => validate.date(input.startsAt, 'startsAt', now)) : undefined;
      const endsAt = input.endsAt != null ? problems.check(() => validate.date(input.endsAt, 'endsAt', now)) : undefined;
      const place = input.place !== undefined ? problems.check(() => validate.place(input.place)) : undefined;
      const remoteUrl = input.remoteUrl !== undefined ? problems.check(() => validate.remoteUrl(input.remoteUrl)) : undefined;
      const trainer =
        input.trainerId === undefined ? undefined : input.trainerId ? await problems.checkAsync(() => trainerFor(em, input.trainerId!)) : null;
      const capacity = input.capacity != null ? problems.check(() => validate.capacity(input.capacity!)) : undefined;
      if (startsAt && startsAt.getTime() <= now.getTime()) problems.add('startsAt', 'Une session ne peut être déplacée que dans le futur.', 'IMPLAUSIBLE');
      if (capacity !== undefined) {
        const taken = await seatsTaken(em, session);
        if (capacity < taken) {
          problems.add('capacity', `${taken} places sont prises : annulez des inscriptions avant de réduire la capacité.`);
        }
      }
      problems.throwIfAny();
      if (startsAt) session.startsAt = startsAt;
      if (endsAt) session.endsAt = endsAt;
      if (place !== undefined) session.place = place;
      if (remoteUrl !== undefined) session.remoteUrl = remoteUrl;
      if (trainer !== undefined) session.trainer = trainer ? ref(trainer) : null;
      assertShape(session);
      if (capacity !== undefined) {
        session.capacity = capacity;
        await promoteWaitlist(em, session);
      }
      recordAudit(em, actor, 'updateTrainingSession', { entityType: 'TrainingSession', entityId: session.id }, { fields: Object.keys(input) });
      recordEvent(em, 'training.session.updated', { sessionId: session.id, trainingSlug: session.training.getEntity().slug }, now);
      return session;
    });
  }

  async cancelSession(sessionId: string, reason: string): Promise<TrainingSession> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const session = await lockSessionSeats(em, sessionId);
      assertChangeable(session, now);
      session.status = 'CANCELLED';
      session.cancelledAt = now;
      session.cancellationReason = validate.reason(reason);
      const active = await em.find(Enrollment, { session, status: { $in: ['REGISTERED', 'WAITLISTED'] } });
      for (const enrollment of active) {
        enrollment.status = 'CANCELLED';
        enrollment.cancelledAt = now;
      }
      recordAudit(em, actor, 'cancelTrainingSession', { entityType: 'TrainingSession', entityId: session.id }, { reason, enrollmentsCancelled: active.length });
      recordEvent(em, 'training.session.cancelled', { sessionId: session.id, trainingSlug: session.training.getEntity().slug }, now);
      return session;
    });
  }

  private requireAdmin(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    if (!isAdmin(this.ctx.actor)) throw forbidden('Seule la direction de la commande publique gère le catalogue des formations.');
    return this.ctx.actor;
  }
}

function assertChangeable(session: TrainingSession, now: Date): void {
  if (session.status === 'CANCELLED') throw new AppError('INVALID_TRANSITION', 'La session est annulée.', { status: session.status });
  if (now.getTime() >= session.startsAt.getTime()) {
    throw new AppError('INVALID_TRANSITION', 'La session a commencé : elle ne peut plus changer.');
  }
}

function assertShape(session: TrainingSession): void {
  const problem = sessionShapeProblem(session);
  if (problem) throw badInput(problem.field, problem.message);
}

async function trainerFor(em: EntityManager, staffMemberId: string): Promise<StaffMember> {
  const trainer = await em.findOne(StaffMember, { id: staffMemberId, active: true });
  if (!trainer || trainer.role !== 'TRAINER') throw badInput('trainerId', 'Le formateur doit être un agent actif ayant le rôle TRAINER.');
  return trainer;
}

async function freeSlug(em: EntityManager, title: string): Promise<string> {
  const base = slugify(title).slice(0, 100) || 'formation';
  for (let suffix = 1; ; suffix++) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await em.count(Training, { slug }))) return slug;
  }
}

/** The training a session is scheduled for: it exists and is not archived. */
async function activeTraining(em: EntityManager, slug: string): Promise<Training> {
  const training = await em.findOne(Training, { slug: slug.trim() });
  if (!training) throw badInput('trainingSlug', `Aucune formation ne s’appelle « ${slug} ».`);
  if (!training.active) throw badInput('trainingSlug', 'Cette formation est archivée.');
  return training;
}
