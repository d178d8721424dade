import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Context } from '../shared/context.js';
import type { IndicatorNotice } from './indicator-records.js';
import { loadIndicatorRecords } from './indicator-records.query.js';

// Keyed by the request's context, so it is gone with the request: figures never outlive the data they came from.
const loads = new WeakMap<Context, Promise<IndicatorNotice[]>>();
const turns = new WeakMap<Context, Promise<unknown>>();

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

/**
 * Runs one scope's computation in a turn of the event loop of its own, after the request's previous ones: the
 * site asks for 30 scopes in one document, which all resolve once the records are read; computed in a row (over a
 * second at 50,000 notices) they held up every other request of the hub meanwhile (a publication's reads among
 * them). Each waits for the previous to end and then for the next turn, so other requests' callbacks run between
 * two scopes. (Immediates queued together would run together, in the same phase of the loop.)
 */
export function inItsOwnTurn<T>(ctx: Context, compute: () => T): Promise<T> {
  const previous = turns.get(ctx) ?? Promise.resolve();
  const mine = previous.then(() => nextTurn()).then(compute);
  turns.set(ctx, mine.catch(() => undefined));
  return mine;
}
