import { columnsAs } from '../shared/row-values.js';
import type { EntityManager } from '@mikro-orm/sqlite';
import { activeHeadcountByOrganisation } from '../staff/staff-headcount.js';
import { Enrollment } from './enrollment.entity.js';

export const TRAINED_WINDOW_MONTHS = 24;

export interface OrganisationTrainingFigures {
  organisationId: string;
  headcount: number;
  trainedCount: number;
}

export interface TrainingFigures {
  since: Date;
  headcount: number;
  trainedCount: number;
  sessionsHeld: number;
  hoursOfTraining: number;
  organisations: OrganisationTrainingFigures[];
}

/** Counts only: how many current staff attended at least one session that started in the last 24 months. */
export async function trainingFigures(em: EntityManager, now: Date): Promise<TrainingFigures> {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - TRAINED_WINDOW_MONTHS);
  const rows: Array<{ staff_member_id: string; organisation_id: string; active: boolean | number; session_id: string; duration_hours: number }> = await em
    .createQueryBuilder(Enrollment, 'e')
    .select(
      columnsAs({
        staff_member_id: 'e.staff_member_id',
        session_id: 'e.session_id',
        organisation_id: 'm.organisation_id',
        active: 'm.active',
        duration_hours: 't.duration_hours',
      }),
    )
    .join('e.session', 's')
    .join('s.training', 't')
    .join('e.staffMember', 'm')
    .where({ status: 'ATTENDED', 's.startsAt': { $gt: since, $lte: now } })
    .execute('all', false);
  const attendances = rows.map((row) => ({
    staffMember: row.staff_member_id,
    organisation: row.organisation_id,
    active: row.active,
    session: row.session_id,
    durationHours: Number(row.duration_hours),
  }));
  return summarise(since, await activeHeadcountByOrganisation(em), attendances);
}

/** Pure part, tested on its own. */
export function summarise(
  since: Date,
  headcounts: Map<string, number>,
  attendances: ReadonlyArray<{ staffMember: string; organisation: string; active: boolean | number; session: string; durationHours: number }>,
): TrainingFigures {
  const trained = new Map<string, Set<string>>();
  for (const row of attendances) {
    if (!row.active) continue; // figures describe today's staff; someone who left is in neither count
    trained.set(row.organisation, (trained.get(row.organisation) ?? new Set()).add(row.staffMember));
  }
  const organisations = [...headcounts].map(([organisationId, headcount]) => ({
    organisationId,
    headcount,
    trainedCount: trained.get(organisationId)?.size ?? 0,
  }));
  return {
    since,
    headcount: organisations.reduce((sum, row) => sum + row.headcount, 0),
    trainedCount: organisations.reduce((sum, row) => sum + row.trainedCount, 0),
    sessionsHeld: new Set(attendances.map((row) => row.session)).size,
    hoursOfTraining: attendances.reduce((sum, row) => sum + Number(row.durationHours), 0),
    organisations,
  };
}
