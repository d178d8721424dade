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
  const cuts: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    current.push(item);
    if (current.length >= cut.max || (current.length >= cut.min && anchorsEvery(keyOf(item), cut.spacing))) {
      cuts.push(current);
      current = [];
    }
  }
  if (current.length > 0 || cuts.length === 0) cuts.push(current);
  const names = cuts.map((_page, index) => (index === 0 ? null : keyOf(cuts[index - 1]!.at(-1)!)));
  return cuts.map((page, index) => ({
    after: names[index]!,
    items: page,
    prev: index === 0 ? undefined : names[index - 1],
    next: index + 1 < cuts.length ? (names[index + 1] as string) : undefined,
    total: index === 0 ? items.length : null,
    pages: index === 0 ? cuts.length : null,
  }));
}

/** The pages of `items` by name (`null` for the first page), each list cut once however many pages ask. */
export class AnchoredList<T> {
  readonly pages: AnchoredPage<T>[];
  readonly #byName: Map<string | null, AnchoredPage<T>>;

  constructor(items: readonly T[], keyOf: (item: T) => string, cut: AnchorCut = PAGE_CUT) {
    this.pages = anchoredPages(items, keyOf, cut);
    this.#byName = new Map(this.pages.map((page) => [page.after, page]));
  }

  /** The page named `after` (null: the first page); undefined when the list has no such page. */
  page(after: string | null): AnchoredPage<T> | undefined {
    return this.#byName.get(after);
  }
}
