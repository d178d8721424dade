import DataLoader from 'dataloader';
import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import type { Context } from '../shared/context.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SEAT_HOLDING } from './enrollment-enums.js';
import { Enrollment } from './enrollment.entity.js';
import { TrainingSession } from './training-session.entity.js';
import { Training } from './training.entity.js';

/** Batches the relation loads of training types per request, like `shared/loaders.ts` does for notices. */
export interface TrainingLoaders {
  training: DataLoader<string, Training | undefined>;
  session: DataLoader<string, TrainingSession | undefined>;
  staffMember: DataLoader<string, StaffMember | undefined>;
  seatsTaken: DataLoader<string, number>;
  comingSessionsOfTraining: DataLoader<string, TrainingSession[]>;
}

const perRequest = new WeakMap<Context, TrainingLoaders>();

export function trainingLoaders(ctx: Context): TrainingLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = createTrainingLoaders(ctx.em, ctx.now);
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): Array<T | undefined> {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id));
}

function createTrainingLoaders(em: EntityManager, now: Date): TrainingLoaders {
  return {
    training: new DataLoader(async (ids) => byId(await em.find(Training, { id: { $in: [...ids] } }), ids)),
    session: new DataLoader(async (ids) => byId(await em.find(TrainingSession, { id: { $in: [...ids] } }), ids)),
    staffMember: new DataLoader(async (ids) => byId(await em.find(StaffMember, { id: { $in: [...ids] } }), ids)),
    seatsTaken: new DataLoader(async (ids) => {
      const rows: Array<{ session_id: string; taken: number | string }> = await em
        .createQueryBuilder(Enrollment, 'e')
        .select(['e.session', sql`count(*)`.as('taken')])
        .where({ session: { $in: [...ids] }, status: { $in: [...SEAT_HOLDING] } })
        .groupBy('e.session')
        .execute('all', false);
      const taken = new Map(rows.map((row) => [row.session_id, Number(row.taken)]));
      return ids.map((id) => taken.get(id) ?? 0);
    }),
    comingSessionsOfTraining: new DataLoader(async (ids) => {
      const sessions = await em.find(
        TrainingSession,
        { training: { $in: [...ids] }, status: 'SCHEDULED', startsAt: { $gt: now } },
        { orderBy: { startsAt: 'asc' } },
      );
      const groups = new Map<string, TrainingSession[]>(ids.map((id) => [id, []]));
      for (const session of sessions) groups.get(session.training.id)?.push(session);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  };
}
