import { byId, perRequest } from '../shared/per-request.js';
import { purchasingFamilyRecordsByIds } from './purchasing-family.read-model.js';

/** Purchasing families as plain records, batched per request. */
export const purchasingFamilyLoaders = perRequest(({ em }) => ({
  family: byId((ids) => purchasingFamilyRecordsByIds(em, ids)),
}));
