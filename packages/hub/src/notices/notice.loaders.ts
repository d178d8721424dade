import { groupBy, perRequest } from '../shared/per-request.js';
import { Corrigendum } from './corrigendum.entity.js';
import { Lot } from './lot.entity.js';
import { LOT_FIELDS_WITHOUT_AWARD, lotRecordsOfNotices } from './lot.read-model.js';

/**
 * What a page of notices shows beside each one, batched per request: its lots (with awards) and corrigenda in one
 * statement each, whatever the page size. Lots for views come as plain records read from SQL rows.
 */
export const noticeLoaders = perRequest(({ em }) => ({
  /** Lots with their awards, for views. */
  lotRecordsOfNotice: groupBy((ids) => lotRecordsOfNotices(em, ids), (lot) => lot.noticeId),
  /** Lots for views that do not show awards (`award` is null). */
  lotRecordsWithoutAwardOfNotice: groupBy((ids) => lotRecordsOfNotices(em, ids, LOT_FIELDS_WITHOUT_AWARD), (lot) => lot.noticeId),
  /** Lot entities, for rules that need them (a framework agreement's consumption). */
  lotsOfNotice: groupBy(
    (ids) => em.find(Lot, { notice: { $in: [...ids] } }, { populate: ['award'], strategy: 'joined', orderBy: { number: 'asc' } }),
    (lot) => lot.notice.id,
  ),
  corrigendaOfNotice: groupBy(
    (ids) => em.find(Corrigendum, { notice: { $in: [...ids] } }, { orderBy: { publishedAt: 'asc' } }),
    (corrigendum) => corrigendum.notice.id,
  ),
}));
