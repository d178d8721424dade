import DataLoader from 'dataloader';
import type { Context } from './context.js';

/**
 * The one mechanism for per-request caches and batches. A feature declares its loaders with `perRequest` in its own
 * folder (`notices/notice.loaders.ts`, …); they are created the first time a request asks for them and are gone
 * with the request's context (a WeakMap keyed by it), so nothing leaks from one request to the next and `shared/`
 * knows no feature.
 */
export function perRequest<T>(create: (ctx: Context) => T): (ctx: Context) => T {
  const byContext = new WeakMap<Context, T>();
  return (ctx) => {
    let found = byContext.get(ctx);
    if (found === undefined) {
      found = create(ctx);
      byContext.set(ctx, found);
    }
    return found;
  };
}

/** A batch that loads rows by id: `load(ids)` returns the rows found, in any order; missing ids resolve to undefined. */
export function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | undefined> {
  return byKey(load, (row) => row.id);
}

/** A batch that loads one row per key (`key` reads it back from a row); missing keys resolve to undefined. */
export function byKey<T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string | null): DataLoader<string, T | undefined> {
  return new DataLoader(async (keys) => {
    const rows = new Map<string | null, T>();
    for (const row of await load(keys)) rows.set(key(row), row);
    return keys.map((wanted) => rows.get(wanted));
  });
}

/** A batch that loads the rows of each key (`key` reads a row's owner), in the order `load` returns them; none: []. */
export function groupBy<T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((wanted) => [wanted, []]));
    for (const row of await load(keys)) groups.get(key(row))?.push(row);
    return keys.map((wanted) => groups.get(wanted) ?? []);
  });
}
