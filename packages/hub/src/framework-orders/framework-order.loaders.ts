import { groupBy, perRequest } from '../shared/per-request.js';
import { FrameworkOrder } from './framework-order.entity.js';

/** Orders of a page of framework notices, oldest first, in one batch per request. */
export const frameworkOrderLoaders = perRequest(({ em }) => ({
  frameworkOrdersOfNotice: groupBy(
    (noticeIds) => em.find(FrameworkOrder, { notice: { $in: [...noticeIds] } }, { orderBy: [{ orderedOn: 'asc' }, { reference: 'asc' }] }),
    (order) => order.notice.id,
  ),
}));
