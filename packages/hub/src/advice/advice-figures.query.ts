import type { EntityManager } from '@mikro-orm/sqlite';
import { AdviceMessage } from './advice-message.entity.js';
import { AdviceRequest } from './advice-request.entity.js';
import type { AdviceFigureRecord } from './advice-figures.js';
import type { AdviceStage } from './advice-stages.js';
import { columnsAs, dateOf } from '../shared/row-values.js';

/**
 * What the public advice figures are computed from: two statements whatever the number of requests, reading ids and
 * dates only (never a subject, a question or a name). The first answer's expert is the author of the earliest ANSWER
 * message: the expert named today may be another one.
 */
export async function adviceFigureRecords(em: EntityManager): Promise<AdviceFigureRecord[]> {
  const requests: Array<{ id: string; stage: AdviceStage; family_id: string; asked_by_id: string; submitted_at: unknown }> = await em
    .createQueryBuilder(AdviceRequest, 'r')
    .select(
      columnsAs({
        id: 'r.id',
        stage: 'r.stage',
        family_id: 'r.family_id',
        asked_by_id: 'r.asked_by_id',
        submitted_at: 'r.submitted_at',
      }),
    )
    .execute('all', false);
  const answers: Array<{ request_id: string; author_id: string; posted_at: unknown }> = await em
    .createQueryBuilder(AdviceMessage, 'm')
    .select(columnsAs({ request_id: 'm.request_id', author_id: 'm.author_id', posted_at: 'm.posted_at' }))
    .where({ kind: 'ANSWER' })
    .orderBy({ postedAt: 'asc', id: 'asc' })
    .execute('all', false);
  const firstAnswers = new Map<string, { at: Date; expertId: string }>();
  for (const answer of answers) {
    if (!firstAnswers.has(answer.request_id)) firstAnswers.set(answer.request_id, { at: dateOf(answer.posted_at), expertId: answer.author_id });
  }
  return requests.map((row) => ({
    stage: row.stage,
    familyId: row.family_id,
    askerId: row.asked_by_id,
    submittedAt: dateOf(row.submitted_at),
    firstAnswer: firstAnswers.get(row.id) ?? null,
  }));
}
