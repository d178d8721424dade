import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { isAdmin } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { AppError, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { enrollmentTransition, initialApproval, seatFor, timingProblem, type EnrollmentEvent } from './enrollment-rules.js';
import type { EnrollmentApproval } from './enrollment-enums.js';
import { Enrollment } from './enrollment.entity.js';
import { lockSessionSeats, nextQueuePosition, promoteWaitlist, seatsTaken } from './session-seats.js';
import type { TrainingSession } from './training-session.entity.js';
import { validateTraining } from './training-validation.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock; config: HubConfig };

/** An employer's decision, as the staff member reads it. */
const APPROVAL_FR: Record<EnrollmentApproval, string> = { PENDING: 'en attente', APPROVED: 'approuvée', REFUSED: 'refusée' };

/**
 * Seats, the waiting list, the employer's agreement and attendance. Every change that moves a seat runs with the
 * session's seats locked (`lockSessionSeats`), so capacity holds whatever the concurrency.
 */
export class EnrollmentService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A staff member asks for a seat (an admin may ask for someone); the answer is a seat or a waiting-list place. */
  async enrol(sessionId: string, staffMemberId?: string | null): Promise<Enrollment> {
    const actor = this.requireActor();
    const memberId = staffMemberId?.trim() || actor.staffMemberId;
    if (memberId !== actor.staffMemberId && !isAdmin(actor)) throw forbidden('Seul un administrateur inscrit un autre agent.');
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const session = await lockSessionSeats(em, sessionId);
      if (session.status === 'CANCELLED') throw new AppError('INVALID_TRANSITION', 'La session est annulée.');
      const tooLate = timingProblem('ENROL_AGAIN', session.startsAt, now);
      if (tooLate) throw new AppError('INVALID_TRANSITION', tooLate);
      const member = await em.findOne(StaffMember, { id: memberId, active: true });
      if (!member) throw badInput('staffMemberId', 'Aucun agent actif n’a cet identifiant.');
      if (session.trainer?.id === member.id) throw badInput('staffMemberId', 'Le formateur d’une session ne s’y inscrit pas.');

      const status = seatFor(await seatsTaken(em, session), session.capacity);
      const values = {
        status,
        approval: initialApproval(actor.role),
        queuePosition: await nextQueuePosition(em, session),
        requestedAt: now,
        cancelledAt: null,
        attendanceRecordedAt: null,
      };
      // One row per person and session (unique): enrolling again after a cancellation reuses it, at the back of the queue.
      let enrollment = await em.findOne(Enrollment, { session, staffMember: member });
      if (enrollment) {
        this.transition(enrollment, 'ENROL_AGAIN');
        Object.assign(enrollment, values);
      } else {
        enrollment = em.create(Enrollment, { session, staffMember: member, ...values });
      }
      recordAudit(em, actor, 'enrollInTrainingSession', { entityType: 'Enrollment', entityId: enrollment.id }, { sessionId, status });
      if (status === 'REGISTERED') this.seatsChanged(em, session, now);
      return enrollment;
    });
  }

  /** The staff member withdraws (or an admin for them) before the start; a freed seat goes to the waiting list. */
  async cancel(enrollmentId: string): Promise<Enrollment> {
    const actor = this.requireActor();
    return this.changeSeat(enrollmentId, 'CANCEL', (em, enrollment) => {
      if (enrollment.staffMember.id !== actor.staffMemberId && !isAdmin(actor)) throw forbidden('Cette inscription est celle d’un autre agent.');
      recordAudit(em, actor, 'cancelEnrollment', { entityType: 'Enrollment', entityId: enrollment.id });
    });
  }

  /** The employer refuses the request: the enrolment ends and its seat, if it held one, goes to the waiting list. */
  async refuse(enrollmentId: string, reason: string): Promise<Enrollment> {
    const actor = this.requireAdmin();
    const why = validateTraining.reason(reason);
    return this.changeSeat(enrollmentId, 'REFUSE', (em, enrollment) => {
      if (enrollment.approval !== 'PENDING') {
        throw new AppError('INVALID_TRANSITION', `La demande est déjà ${APPROVAL_FR[enrollment.approval]}.`);
      }
      enrollment.approval = 'REFUSED';
      recordAudit(em, actor, 'refuseEnrollment', { entityType: 'Enrollment', entityId: enrollment.id }, { reason: why });
    });
  }

  async approve(enrollmentId: string): Promise<Enrollment> {
    const actor = this.requireAdmin();
    return this.ctx.em.transactional(async (em) => {
      const enrollment = await this.load(em, enrollmentId);
      this.transition(enrollment, 'APPROVE');
      if (enrollment.approval !== 'PENDING') {
        throw new AppError('INVALID_TRANSITION', `La demande est déjà ${APPROVAL_FR[enrollment.approval]}.`);
      }
      enrollment.approval = 'APPROVED';
      recordAudit(em, actor, 'approveEnrollment', { entityType: 'Enrollment', entityId: enrollment.id });
      return enrollment;
    });
  }

  /** Roll call, after the start, by the session's trainer or an admin; a mistaken mark may be corrected. */
  async recordAttendance(enrollmentId: string, attended: boolean): Promise<Enrollment> {
    const actor = this.requireActor();
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const enrollment = await this.load(em, enrollmentId);
      const session = enrollment.session.getEntity();
      if (!isAdmin(actor) && session.trainer?.id !== actor.staffMemberId) {
        throw forbidden('La présence est relevée par le formateur de la session ou un administrateur.');
      }
      if (session.status === 'CANCELLED') throw new AppError('INVALID_TRANSITION', 'La session est annulée.');
      const event: EnrollmentEvent = attended ? 'MARK_ATTENDED' : 'MARK_ABSENT';
      const tooEarly = timingProblem(event, session.startsAt, now);
      if (tooEarly) throw new AppError('INVALID_TRANSITION', tooEarly);
      if (enrollment.approval !== 'APPROVED') {
        throw new AppError('INVALID_TRANSITION', 'La demande n’a pas été approuvée : un administrateur l’approuve avant que la présence soit relevée.');
      }
      this.transition(enrollment, event);
      enrollment.attendanceRecordedAt = now;
      recordAudit(em, actor, 'recordAttendance', { entityType: 'Enrollment', entityId: enrollment.id }, { attended });
      // The public count of trained staff follows attendance.
      recordEvent(em, 'training.session.updated', { sessionId: session.id, trainingSlug: session.training.getEntity().slug, change: 'attendance' }, now);
      return enrollment;
    });
  }

  /** Ends an enrolment before the start, with the seats locked, and gives a freed seat to the waiting list. */
  private async changeSeat(
    enrollmentId: string,
    event: Extract<EnrollmentEvent, 'CANCEL' | 'REFUSE'>,
    authorise: (em: EntityManager, enrollment: Enrollment) => void,
  ): Promise<Enrollment> {
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const found = await em.findOne(Enrollment, { id: enrollmentId }, { fields: ['session'] });
      if (!found) throw notFound('L’inscription');
      const session = await lockSessionSeats(em, found.session.id);
      const enrollment = await this.load(em, enrollmentId);
      authorise(em, enrollment);
      const tooLate = timingProblem(event, session.startsAt, now);
      if (tooLate) throw new AppError('INVALID_TRANSITION', tooLate);
      const heldSeat = enrollment.status === 'REGISTERED';
      this.transition(enrollment, event);
      enrollment.cancelledAt = now;
      if (heldSeat) {
        await promoteWaitlist(em, session);
        this.seatsChanged(em, session, now);
      }
      return enrollment;
    });
  }

  private seatsChanged(em: EntityManager, session: TrainingSession, now: Date): void {
    recordEvent(em, 'training.session.updated', { sessionId: session.id, trainingSlug: session.training.getEntity().slug, change: 'seats' }, now);
  }

  private transition(enrollment: Enrollment, event: EnrollmentEvent): void {
    const result = enrollmentTransition(enrollment.status, event);
    if (!result.ok) throw new AppError('INVALID_TRANSITION', result.reason, { status: enrollment.status });
    enrollment.status = result.status;
  }

  private async load(em: EntityManager, enrollmentId: string): Promise<Enrollment> {
    const enrollment = await em.findOne(Enrollment, { id: enrollmentId }, { populate: ['session', 'session.training'], refresh: true });
    if (!enrollment) throw notFound('L’inscription');
    return enrollment;
  }

  private requireActor(): Actor {
    if (!this.ctx.actor) throw unauthenticated();
    return this.ctx.actor;
  }

  private requireAdmin(): Actor {
    const actor = this.requireActor();
    if (!isAdmin(actor)) throw forbidden('Seul un administrateur statue sur les demandes de formation.');
    return actor;
  }
}
