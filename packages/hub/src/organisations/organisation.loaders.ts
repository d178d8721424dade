import { byId, byKey, perRequest } from '../shared/per-request.js';
import { communeOrganisationRecords, organisationRecordsByIds } from './organisation.read-model.js';

/**
 * Organisations as plain records read from SQL rows, batched per request: a page of public notices shows hundreds
 * of them, and hydrating entities cost more than the rest of the request.
 */
export const organisationLoaders = perRequest(({ em }) => ({
  organisation: byId((ids) => organisationRecordsByIds(em, ids)),
  /** The commune's own organisation, by its INSEE code. */
  organisationByInsee: byKey((codes) => communeOrganisationRecords(em, codes), (row) => row.inseeCode),
}));
