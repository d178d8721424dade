// Which earlier list a list of the read model was worked out from (catalogue.ts, after an event): the open lists are
// then cut into pages from the earlier list's pages (anchored-pages.ts), not whole again. One generation only: a list
// forgets what its own earlier list came from, so no chain of past versions is kept alive.

const derived = new WeakMap<readonly object[], readonly object[]>();

/** Notes that `list` is `from` with a few notices taken out or put in. */
export function noteDerived<T extends object>(list: readonly T[], from: readonly T[]): void {
  if (list === from) return;
  derived.delete(from);
  derived.set(list, from);
}

/** The list `list` was worked out from, if noted. */
export function derivedFrom<T extends object>(list: readonly T[]): readonly T[] | undefined {
  return derived.get(list) as readonly T[] | undefined;
}
