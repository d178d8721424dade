import { byId, perRequest } from '../shared/per-request.js';
import { PurchasingGroup } from './purchasing-group.entity.js';

/** Groups of a page of notices, with their coordinators and members, in one batch per request. */
export const purchasingGroupLoaders = perRequest(({ em }) => ({
  purchasingGroup: byId((ids) => em.find(PurchasingGroup, { id: { $in: [...ids] } }, { populate: ['coordinator', 'members'] })),
}));
