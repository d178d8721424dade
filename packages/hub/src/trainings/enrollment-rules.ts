import type { StaffRole } from '../shared/actor.js';
import { UnreachableCaseError } from '../shared/unreachable.js';
import type { EnrollmentApproval, EnrollmentStatus } from './enrollment-enums.js';

/**
 * What may happen to an enrolment, as pure data. Seats are decided by `seatFor` and `promotions`; time by
 * `timingProblem`; the employer's agreement by `initialApproval`.
 */
export const ENROLLMENT_EVENTS = ['ENROL_AGAIN', 'CANCEL', 'REFUSE', 'APPROVE', 'PROMOTE', 'MARK_ATTENDED', 'MARK_ABSENT'] as const;
export type EnrollmentEvent = (typeof ENROLLMENT_EVENTS)[number];

export type EnrollmentTransition = { ok: true; status: EnrollmentStatus } | { ok: false; reason: string };

const allow = (status: EnrollmentStatus): EnrollmentTransition => ({ ok: true, status });
/** The staff member reads the refusal in French: the status as an adjective, the event as an infinitive. */
const STATUS_FR: Record<EnrollmentStatus, string> = {
  REGISTERED: 'confirmée',
  WAITLISTED: 'en liste d’attente',
  CANCELLED: 'annulée',
  ATTENDED: 'marquée présente',
  ABSENT: 'marquée absente',
};
const EVENT_FR: Record<EnrollmentEvent, string> = {
  ENROL_AGAIN: 'être renouvelée',
  CANCEL: 'être annulée',
  REFUSE: 'être refusée',
  APPROVE: 'être approuvée',
  PROMOTE: 'passer de la liste d’attente à une place',
  MARK_ATTENDED: 'être marquée présente',
  MARK_ABSENT: 'être marquée absente',
};
const refuse = (from: EnrollmentStatus, event: EnrollmentEvent): EnrollmentTransition => ({
  ok: false,
  reason: `Une inscription ${STATUS_FR[from]} ne peut pas ${EVENT_FR[event]}.`,
});

/** The whole table; ENROL_AGAIN returns the status the enrolment leaves, its new one is decided by the seats. */
export function enrollmentTransition(from: EnrollmentStatus, event: EnrollmentEvent): EnrollmentTransition {
  switch (from) {
    case 'REGISTERED':
      if (event === 'CANCEL' || event === 'REFUSE') return allow('CANCELLED');
      if (event === 'APPROVE') return allow('REGISTERED');
      if (event === 'MARK_ATTENDED') return allow('ATTENDED');
      if (event === 'MARK_ABSENT') return allow('ABSENT');
      return refuse(from, event);
    case 'WAITLISTED':
      if (event === 'CANCEL' || event === 'REFUSE') return allow('CANCELLED');
      if (event === 'APPROVE') return allow('WAITLISTED');
      if (event === 'PROMOTE') return allow('REGISTERED');
      return refuse(from, event);
    case 'CANCELLED':
      if (event === 'ENROL_AGAIN') return allow('CANCELLED');
      return refuse(from, event);
    case 'ATTENDED':
    case 'ABSENT':
      // A trainer may correct a mistaken roll call.
      if (event === 'MARK_ATTENDED') return allow('ATTENDED');
      if (event === 'MARK_ABSENT') return allow('ABSENT');
      return refuse(from, event);
    default:
      throw new UnreachableCaseError(from);
  }
}

/** Seats are taken and freed before the session starts; attendance is recorded once it has started. */
export function timingProblem(event: EnrollmentEvent, startsAt: Date, now: Date): string | null {
  const started = now.getTime() >= startsAt.getTime();
  switch (event) {
    case 'ENROL_AGAIN':
    case 'CANCEL':
    case 'REFUSE':
    case 'PROMOTE':
      return started ? 'La session a commencé : les inscriptions ne peuvent plus changer.' : null;
    case 'MARK_ATTENDED':
    case 'MARK_ABSENT':
      return started ? null : 'La présence se relève une fois la session commencée.';
    case 'APPROVE':
      return null;
    default:
      throw new UnreachableCaseError(event);
  }
}

/** A new request takes a free seat, or the next place on the waiting list. */
export function seatFor(seatsTaken: number, capacity: number): Extract<EnrollmentStatus, 'REGISTERED' | 'WAITLISTED'> {
  return seatsTaken < capacity ? 'REGISTERED' : 'WAITLISTED';
}

/** The first `free` of the waiting list, in request order. */
export function promotions<T extends { queuePosition: number }>(waitlist: readonly T[], seatsTaken: number, capacity: number): T[] {
  const free = Math.max(0, capacity - seatsTaken);
  return [...waitlist].sort((a, b) => a.queuePosition - b.queuePosition).slice(0, free);
}

/**
 * The employer agrees to a training request (territorial practice): the agglomeration's direction does, so a
 * request made by an admin, for themselves or for someone, is approved at once; any other waits for an admin.
 */
export function initialApproval(requesterRole: StaffRole): EnrollmentApproval {
  return requesterRole === 'ADMIN' ? 'APPROVED' : 'PENDING';
}
