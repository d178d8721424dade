import DataLoader from 'dataloader';
import { sql } from '@mikro-orm/core';
import { byId, groupBy, perRequest } from '../shared/per-request.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SEAT_HOLDING } from './enrollment-enums.js';
import { Enrollment } from './enrollment.entity.js';
import { TrainingSession } from './training-session.entity.js';
import { Training } from './training.entity.js';

/** Batches the relation loads of training types per request. */
export const trainingLoaders = perRequest(({ em, now }) => ({
  training: byId((ids) => em.find(Training, { id: { $in: [...ids] } })),
  session: byId((ids) => em.find(TrainingSession, { id: { $in: [...ids] } })),
  staffMember: byId((ids) => em.find(StaffMember, { id: { $in: [...ids] } })),
  seatsTaken: new DataLoader<string, number>(async (ids) => {
    const rows: Array<{ session_id: string; taken: number | string }> = await em
      .createQueryBuilder(Enrollment, 'e')
      .select(['e.session', sql`count(*)`.as('taken')])
      .where({ session: { $in: [...ids] }, status: { $in: [...SEAT_HOLDING] } })
      .groupBy('e.session')
      .execute('all', false);
    const taken = new Map(rows.map((row) => [row.session_id, Number(row.taken)]));
    return ids.map((id) => taken.get(id) ?? 0);
  }),
  comingSessionsOfTraining: groupBy(
    (ids) =>
      em.find(
        TrainingSession,
        { training: { $in: [...ids] }, status: 'SCHEDULED', startsAt: { $gt: now } },
        { orderBy: { startsAt: 'asc' } },
      ),
    (session) => session.training.id,
  ),
}));
