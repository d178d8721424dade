import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { notFound } from '../shared/errors.js';
import { SEAT_HOLDING } from './enrollment-enums.js';
import { promotions } from './enrollment-rules.js';
import { Enrollment } from './enrollment.entity.js';
import { TrainingSession } from './training-session.entity.js';

/**
 * Takes the session's seats for the rest of the transaction, then reads the session afresh.
 *
 * The first statement is a write to the session row: on SQLite it takes the database's write lock before anything
 * is read (so a second writer, even in another process, waits on busy_timeout instead of counting the same free
 * seat); on PostgreSQL it locks this row until commit, so enrolments of one session queue up while others run.
 * There `findOne(..., { lockMode: LockMode.PESSIMISTIC_WRITE })` (select … for update) would take the same row lock;
 * the update does it on both databases. Every seat count happens after this call, inside the same transaction.
 */
export async function lockSessionSeats(em: EntityManager, sessionId: string): Promise<TrainingSession> {
  const claimed = await em.nativeUpdate(TrainingSession, { id: sessionId }, { seatVersion: raw('seat_version + 1') });
  if (!claimed) throw notFound('La session de formation');
  return em.findOneOrFail(TrainingSession, { id: sessionId }, { populate: ['training'], refresh: true });
}

export async function seatsTaken(em: EntityManager, session: TrainingSession): Promise<number> {
  return em.count(Enrollment, { session, status: { $in: [...SEAT_HOLDING] } });
}

export async function nextQueuePosition(em: EntityManager, session: TrainingSession): Promise<number> {
  const last = await em.findOne(Enrollment, { session }, { orderBy: { queuePosition: 'desc' }, fields: ['queuePosition'] });
  return (last?.queuePosition ?? 0) + 1;
}

/** Gives free seats to the waiting list in request order; call with the seats locked. Returns who moved up. */
export async function promoteWaitlist(em: EntityManager, session: TrainingSession): Promise<Enrollment[]> {
  await em.flush(); // counts below must see this transaction's own changes
  const taken = await seatsTaken(em, session);
  if (taken >= session.capacity) return [];
  const waitlist = await em.find(
    Enrollment,
    { session, status: 'WAITLISTED' },
    { orderBy: { queuePosition: 'asc' }, limit: session.capacity - taken },
  );
  const promoted = promotions(waitlist, taken, session.capacity);
  for (const enrollment of promoted) enrollment.status = 'REGISTERED';
  return promoted;
}
