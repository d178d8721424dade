// The open lists (every open notice, and each facet value's) are cut into pages by their content, not by position.
//
// Numbered pages of a list sorted by deadline move with every change: the notice whose deadline passes first leaves
// page 1 and every later page shifts by one; a publication shifts every page after its deadline. At 50,000 open
// notices that is a thousand pages to render again for each event, whatever its size. Here a page ends after an
// *anchor*, a notice whose reference hashes to a multiple of ANCHOR_SPACING, as content-defined chunking cuts files
// (rsync, restic): whether a notice ends a page depends on that notice alone and on the few before it, so adding or
// removing a notice changes its own page (and the first page, which counts the list), rarely one or two more, and
// every other page keeps its notices and its address. The cut is a pure function of the list: a full build and a chain of incremental releases give
// the same pages.
//
// A page is named by the notice that ends the page before it (`/avis/suite/<reference>/`: "the notices after this
// one"); the first page has no name. A page holds MIN_PAGE_SIZE to MAX_PAGE_SIZE notices, about 38 on average;
// the last one holds what is left, and an empty list has one empty first page.

/** One notice in ANCHOR_SPACING, on average, ends a page (past MIN_PAGE_SIZE). */
export const ANCHOR_SPACING = 32;
/** An anchor among a page's first notices does not end it: no page of one or two notices. */
export const MIN_PAGE_SIZE = 8;
/** A page without an anchor ends here anyway: a page stays small whatever the references. */
export const MAX_PAGE_SIZE = 100;

/** FNV-1a, 32 bits: the same answer on every machine and in every version of Node. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** How a list is cut: one item in `spacing` (a power of two) ends a part, which holds `min` to `max` items. */
export interface AnchorCut {
  spacing: number;
  min: number;
  max: number;
}

/** The pages of the open lists: about 38 notices each. */
export const PAGE_CUT: AnchorCut = { spacing: ANCHOR_SPACING, min: MIN_PAGE_SIZE, max: MAX_PAGE_SIZE };

/** Whether the notice `reference` ends its page (once the page holds MIN_PAGE_SIZE notices). */
export function isAnchor(reference: string): boolean {
  return anchorsEvery(reference, ANCHOR_SPACING);
}

/** Whether `reference` hashes to a multiple of `spacing`: the anchors of a larger spacing are anchors of a smaller. */
function anchorsEvery(reference: string, spacing: number): boolean {
  return fnv1a(reference) % spacing === 0;
}

export interface AnchoredPage<T> {
  /** null for the first page; else the key of the last item of the page before (the page's name) */
  after: string | null;
  items: T[];
  /** the page before: null for the first page (which has no name), undefined when there is none */
  prev: string | null | undefined;
  /** the page after (its `after`), undefined when there is none */
  next: string | undefined;
  /** the list's size and its number of pages, on the first page only: other pages do not move when the list grows */
  total: number | null;
  pages: number | null;
}

/** Every page of `items`, in order, the first one even when the list is empty. */
export function anchoredPages<T>(items: readonly T[], keyOf: (item: T) => string, cut: AnchorCut = PAGE_CUT): AnchoredPage<T>[] {
  return pagesOf(cutFrom(items, keyOf, cut, [], 0).cuts, items.length, keyOf);
}

/** Whether the item `item`, the `length`-th of its part, ends the part. */
function endsPart<T>(item: T, length: number, keyOf: (item: T) => string, cut: AnchorCut): boolean {
  return length >= cut.max || (length >= cut.min && anchorsEvery(keyOf(item), cut.spacing));
}

/**
 * `items` cut into parts from `start` (where a part begins), after the parts `cuts` already made before it. With
 * `resume(end)`, called after each part ending at `end` (exclusive), the cutting stops as soon as it returns the
 * parts that follow (those of an earlier cut of the same items from there on).
 */
function cutFrom<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  cut: AnchorCut,
  cuts: T[][],
  start: number,
  resume?: (end: number) => readonly T[][] | undefined,
): { cuts: T[][] } {
  let current: T[] = [];
  for (let index = start; index < items.length; index++) {
    const item = items[index]!;
    current.push(item);
    if (!endsPart(item, current.length, keyOf, cut)) continue;
    cuts.push(current);
    current = [];
    const rest = resume?.(index + 1);
    if (rest) {
      cuts.push(...rest);
      return { cuts };
    }
  }
  if (current.length > 0 || cuts.length === 0) cuts.push(current);
  return { cuts };
}

/**
 * The parts of `items` from the parts `before` of an earlier version of the list (`beforeItems`), which it differs
 * from in one stretch (a publication, a closure, a correction: the same objects elsewhere): the same parts as cutting
 * `items` whole, the earlier parts wholly before the stretch kept, then cut again from there until a cut falls where
 * an earlier part began in the stretch of items both versions end with — whether an item ends its part depends on
 * that item and on the part's length only, so every part from there on is the earlier one.
 */
function followedCuts<T>(beforeItems: readonly T[], before: readonly T[][], items: readonly T[], keyOf: (item: T) => string, cut: AnchorCut): T[][] {
  const shorter = Math.min(beforeItems.length, items.length);
  let head = 0;
  while (head < shorter && beforeItems[head] === items[head]) head++;
  let tail = 0;
  while (tail < shorter - head && beforeItems[beforeItems.length - 1 - tail] === items[items.length - 1 - tail]) tail++;
  const cuts: T[][] = [];
  let start = 0;
  // The parts ended by a cut (every part but the last) wholly in the stretch both versions begin with.
  for (let part = 0; part < before.length - 1 && start + before[part]!.length <= head; part++) {
    cuts.push(before[part]!);
    start += before[part]!.length;
  }
  // Where each earlier part began, in the stretch both versions end with.
  const startsAt = new Map<number, number>();
  let at = 0;
  for (let part = 0; part < before.length; part++) {
    if (at >= beforeItems.length - tail && part > 0) startsAt.set(at, part);
    at += before[part]!.length;
  }
  const shift = items.length - beforeItems.length;
  return cutFrom(items, keyOf, cut, cuts, start, (end) => {
    if (end < items.length - tail) return undefined;
    const part = startsAt.get(end - shift);
    return part === undefined ? undefined : before.slice(part);
  }).cuts;
}

/** The pages of the parts `cuts` of a list of `total` items. */
function pagesOf<T>(cuts: readonly T[][], total: number, keyOf: (item: T) => string): AnchoredPage<T>[] {
  const names = cuts.map((_page, index) => (index === 0 ? null : keyOf(cuts[index - 1]!.at(-1)!)));
  return cuts.map((page, index) => ({
    after: names[index]!,
    items: page,
    prev: index === 0 ? undefined : names[index - 1],
    next: index + 1 < cuts.length ? (names[index + 1] as string) : undefined,
    total: index === 0 ? total : null,
    pages: index === 0 ? cuts.length : null,
  }));
}

/** The pages of `items` by name (`null` for the first page), each list cut once however many pages ask. */
export class AnchoredList<T> {
  readonly pages: AnchoredPage<T>[];
  readonly #byName: Map<string | null, AnchoredPage<T>>;

  /**
   * `previous`: an earlier version of the list and its pages, cut the same way, which `items` differs from in one
   * stretch: its pages outside the stretch are not cut again (at 50,000 notices, cutting the open list and the
   * values' lists of a publication whole went over every open notice several times).
   */
  constructor(items: readonly T[], keyOf: (item: T) => string, cut: AnchorCut = PAGE_CUT, previous?: { items: readonly T[]; list: AnchoredList<T> }) {
    const cuts =
      previous && previous.items.length > 0 && items.length > 0
        ? followedCuts(previous.items, previous.list.pages.map((page) => page.items), items, keyOf, cut)
        : cutFrom(items, keyOf, cut, [], 0).cuts;
    this.pages = pagesOf(cuts, items.length, keyOf);
    this.#byName = new Map(this.pages.map((page) => [page.after, page]));
  }

  /** The page named `after` (null: the first page); undefined when the list has no such page. */
  page(after: string | null): AnchoredPage<T> | undefined {
    return this.#byName.get(after);
  }
}
