import DataLoader from 'dataloader';
import { Notice } from '../notices/notice.entity.js';
import { byId, perRequest } from '../shared/per-request.js';
import { PlannedPurchaseQueries } from './planned-purchase.queries.js';
import type { PlannedPurchase } from './planned-purchase.entity.js';

/** Batches, per request, the planned purchases of a page of notices and the notices of a page of planned purchases. */
export const planningLoaders = perRequest(({ em }) => ({
  planOfNotice: new DataLoader<string, PlannedPurchase | undefined>(async (ids) => {
    const plans = await new PlannedPurchaseQueries(em).byNotices(ids);
    return ids.map((id) => plans.get(id));
  }),
  notice: byId((ids) => em.find(Notice, { id: { $in: [...ids] } })),
}));
