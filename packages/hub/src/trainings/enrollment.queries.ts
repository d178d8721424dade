import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { isAdmin } from '../auth/access-policy.js';
import { forbidden, notFound } from '../shared/errors.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { Enrollment } from './enrollment.entity.js';
import { TrainingSession } from './training-session.entity.js';

/** Read side of enrolments: each reader sees their own, the trainer their session's, admins everything. */
export class EnrollmentQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly actor: Actor,
  ) {}

  async ofSession(sessionId: string): Promise<Enrollment[]> {
    const session = await this.em.findOne(TrainingSession, { id: sessionId });
    if (!session) throw notFound('La session de formation');
    if (!isAdmin(this.actor) && session.trainer?.id !== this.actor.staffMemberId) {
      throw forbidden('La liste d’une session est réservée à son formateur et aux administrateurs.');
    }
    return this.em.find(Enrollment, { session }, { orderBy: { queuePosition: 'asc' } });
  }

  async mine(): Promise<Enrollment[]> {
    return this.em.find(
      Enrollment,
      { staffMember: this.actor.staffMemberId },
      { populate: ['session'], orderBy: { session: { startsAt: 'desc' } } },
    );
  }

  /** Requests waiting for the employer's agreement, soonest session first. */
  async pending(now: Date): Promise<Enrollment[]> {
    if (!isAdmin(this.actor)) throw forbidden();
    return this.em.find(
      Enrollment,
      { approval: 'PENDING', status: { $in: ['REGISTERED', 'WAITLISTED'] }, session: { status: 'SCHEDULED', startsAt: { $gt: now } } },
      { populate: ['session'], orderBy: { session: { startsAt: 'asc' }, queuePosition: 'asc' } },
    );
  }

  /** Livret de formation: the sessions a staff member attended, most recent first, with the training's hours. */
  async record(staffMemberId: string): Promise<{ member: StaffMember; attended: Enrollment[] }> {
    if (staffMemberId !== this.actor.staffMemberId && !isAdmin(this.actor)) throw forbidden('Un parcours de formation n’est lisible que par son titulaire et les administrateurs.');
    const member = await this.em.findOne(StaffMember, { id: staffMemberId });
    if (!member) throw notFound('Le compte de l’agent');
    const attended = await this.em.find(
      Enrollment,
      { staffMember: member, status: 'ATTENDED' },
      { populate: ['session', 'session.training'], orderBy: { session: { startsAt: 'desc' } } },
    );
    return { member, attended };
  }
}
