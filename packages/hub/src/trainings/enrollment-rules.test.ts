import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../shared/actor.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from './enrollment-enums.js';
import {
  ENROLLMENT_EVENTS,
  enrollmentTransition,
  initialApproval,
  promotions,
  seatFor,
  timingProblem,
  type EnrollmentEvent,
} from './enrollment-rules.js';

const ALLOWED: Record<EnrollmentStatus, Partial<Record<EnrollmentEvent, EnrollmentStatus>>> = {
  REGISTERED: { CANCEL: 'CANCELLED', REFUSE: 'CANCELLED', APPROVE: 'REGISTERED', MARK_ATTENDED: 'ATTENDED', MARK_ABSENT: 'ABSENT' },
  WAITLISTED: { CANCEL: 'CANCELLED', REFUSE: 'CANCELLED', APPROVE: 'WAITLISTED', PROMOTE: 'REGISTERED' },
  CANCELLED: { ENROL_AGAIN: 'CANCELLED' },
  ATTENDED: { MARK_ATTENDED: 'ATTENDED', MARK_ABSENT: 'ABSENT' },
  ABSENT: { MARK_ATTENDED: 'ATTENDED', MARK_ABSENT: 'ABSENT' },
};

describe('the enrolment lifecycle', () => {
  const pairs = ENROLLMENT_STATUSES.flatMap((status) => ENROLLMENT_EVENTS.map((event) => [status, event] as const));

  it.each(pairs)('decides %s × %s as the table says', (status, event) => {
    const expected = ALLOWED[status][event];
    const result = enrollmentTransition(status, event);
    if (expected) expect(result).toEqual({ ok: true, status: expected });
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Une? .+ ne peut pas .+\.$/) });
  });

  it('only lets someone on the waiting list be promoted, and nobody be promoted twice', () => {
    expect(ENROLLMENT_STATUSES.filter((status) => enrollmentTransition(status, 'PROMOTE').ok)).toEqual(['WAITLISTED']);
  });
});

describe('when enrolments may change', () => {
  const startsAt = new Date('2026-03-12T08:00:00Z');
  const before = new Date('2026-03-12T07:59:59Z');

  it.each(ENROLLMENT_EVENTS)('decides %s before and at the start', (event) => {
    const attendance = event === 'MARK_ATTENDED' || event === 'MARK_ABSENT';
    if (event === 'APPROVE') {
      expect([timingProblem(event, startsAt, before), timingProblem(event, startsAt, startsAt)]).toEqual([null, null]);
    } else if (attendance) {
      expect(timingProblem(event, startsAt, before)).toMatch(/une fois la session commencée/);
      expect(timingProblem(event, startsAt, startsAt)).toBeNull();
    } else {
      expect(timingProblem(event, startsAt, before)).toBeNull();
      expect(timingProblem(event, startsAt, startsAt)).toMatch(/a commencé/);
    }
  });
});

describe('seats', () => {
  it.each([
    [0, 5, 'REGISTERED'],
    [4, 5, 'REGISTERED'],
    [5, 5, 'WAITLISTED'],
    [7, 5, 'WAITLISTED'],
  ] as const)('with %i of %i seats taken a request is %s', (taken, capacity, expected) => {
    expect(seatFor(taken, capacity)).toBe(expected);
  });

  it('promotes the earliest requests first, as many as there are free seats', () => {
    const waitlist = [{ queuePosition: 9 }, { queuePosition: 3 }, { queuePosition: 7 }];
    expect(promotions(waitlist, 4, 5)).toEqual([{ queuePosition: 3 }]);
    expect(promotions(waitlist, 3, 5)).toEqual([{ queuePosition: 3 }, { queuePosition: 7 }]);
    expect(promotions(waitlist, 5, 5)).toEqual([]);
    expect(promotions(waitlist, 6, 5)).toEqual([]);
  });
});

describe('the employer’s agreement', () => {
  it.each(STAFF_ROLES)('a request made by a %s is approved only when an admin made it', (role) => {
    expect(initialApproval(role)).toBe(role === 'ADMIN' ? 'APPROVED' : 'PENDING');
  });
});
