import type { Context } from '../shared/context.js';
import type { IndicatorNotice } from './indicator-records.js';
import { loadIndicatorRecords } from './indicator-records.query.js';

// Keyed by the request's context, so it is gone with the request: figures never outlive the data they came from.
const loads = new WeakMap<Context, Promise<IndicatorNotice[]>>();

/**
 * The records, read once per GraphQL request: the site asks for many scopes in one document (aliases), and every
 * `indicators` field of it filters the same records. The promise is kept, as sibling fields resolve concurrently.
 */
export function indicatorRecordsOf(ctx: Context): Promise<IndicatorNotice[]> {
  let records = loads.get(ctx);
  if (!records) {
    records = loadIndicatorRecords(ctx.em);
    loads.set(ctx, records);
  }
  return records;
}
