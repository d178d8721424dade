import { describe, expect, it } from 'vitest';
import { AnchoredList, anchoredPages, isAnchor, MAX_PAGE_SIZE, MIN_PAGE_SIZE, PAGE_CUT, type AnchorCut, type AnchoredPage } from './anchored-pages.js';

/** `count` references as the hub makes them, in a fixed shuffled order (a list sorted by deadline, not by number). */
function references(count: number, seed = 1): string[] {
  const made = Array.from({ length: count }, (_, index) => `2026-${['DRA', 'LOR', 'MUY', 'TRA'][index % 4]}-${String(index + 1).padStart(4, '0')}`);
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  for (let index = made.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [made[index], made[other]] = [made[other]!, made[index]!];
  }
  return made;
}

const same = (reference: string) => reference;
const pageKey = (page: AnchoredPage<string>) => `${page.after}|${page.prev}|${page.next}|${page.total}|${page.items.join(',')}`;

/** How many pages of `after` are not drawn exactly as a page of `before` (by name, neighbours and notices). */
function pagesChanged(before: readonly string[], after: readonly string[]): number {
  const old = new Set(anchoredPages(before, same).map(pageKey));
  const pages = anchoredPages(after, same);
  const added = pages.filter((page) => !old.has(pageKey(page))).length;
  const gone = [...old].filter((key) => !pages.some((page) => pageKey(page) === key)).length;
  return Math.max(added, gone);
}

describe('open lists cut into pages by their notices', () => {
  it('keeps every notice once and in order, each page of 8 to 100 notices but the last', () => {
    for (const count of [1, 9, 10, 61, 1_000, 5_000]) {
      const list = references(count, count);
      const pages = anchoredPages(list, same);
      expect(pages.flatMap((page) => page.items)).toEqual(list);
      for (const page of pages.slice(0, -1)) {
        expect(page.items.length).toBeGreaterThanOrEqual(MIN_PAGE_SIZE);
        expect(page.items.length).toBeLessThanOrEqual(MAX_PAGE_SIZE);
        // A page ends at an anchor, or at the largest size when none came.
        expect(isAnchor(page.items.at(-1)!) || page.items.length === MAX_PAGE_SIZE).toBe(true);
      }
      expect(pages.at(-1)!.items.length).toBeLessThanOrEqual(MAX_PAGE_SIZE);
    }
  });

  it('holds about forty notices a page', () => {
    const pages = anchoredPages(references(20_000), same);
    const mean = 20_000 / pages.length;
    expect(mean).toBeGreaterThan(25);
    expect(mean).toBeLessThan(45);
  });

  it('gives an empty list one empty, unnamed first page', () => {
    expect(anchoredPages([], same)).toEqual([{ after: null, items: [], prev: undefined, next: undefined, total: 0, pages: 1 }]);
  });

  it('names each page after the last notice of the page before, and links each page to its neighbours by name', () => {
    const list = references(500);
    const pages = anchoredPages(list, same);
    expect(pages[0]).toMatchObject({ after: null, prev: undefined, total: 500, pages: pages.length });
    pages.forEach((page, index) => {
      if (index > 0) {
        expect(page.after).toBe(pages[index - 1]!.items.at(-1));
        expect(page.prev).toBe(pages[index - 1]!.after);
        expect(page.total).toBeNull();
        expect(page.pages).toBeNull();
      }
      expect(page.next).toBe(pages[index + 1]?.after);
    });
    const named = new AnchoredList(list, same);
    expect(named.page(null)).toBe(named.pages[0]);
    expect(named.page(pages[3]!.after)).toEqual(pages[3]);
    expect(named.page('2099-XXX-0001')).toBeUndefined();
  });

  it('decides each anchor by its reference alone', () => {
    const anchors = references(3_000).filter(isAnchor);
    expect(anchors.length).toBeGreaterThan(50);
    expect(anchors.length).toBeLessThan(150);
    for (const reference of anchors) expect(isAnchor(reference)).toBe(true);
  });

  it('changes only a few pages of a long list when one notice is added or removed anywhere', () => {
    const list = references(2_000, 7);
    const counts: number[] = [];
    for (let step = 0; step < 100; step += 1) {
      const at = (step * 7_919) % list.length;
      const removed = [...list.slice(0, at), ...list.slice(at + 1)];
      counts.push(pagesChanged(list, removed));
      const added = [...list.slice(0, at), `2027-NEW-${String(step).padStart(4, '0')}`, ...list.slice(at)];
      counts.push(pagesChanged(list, added));
    }
    // Its own page and the first page (which counts the list), seldom more. Numbered pages of fifty would move 20
    // pages on average here (half of forty), and all 40 when the first notice leaves.
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
    expect(counts.reduce((sum, count) => sum + count, 0) / counts.length).toBeLessThan(2.5);
  });

  it('moves the first page, at most three, when the soonest deadline passes', () => {
    let list = references(2_000, 11);
    for (let step = 0; step < 100; step += 1) {
      const next = list.slice(1);
      expect(pagesChanged(list, next)).toBeLessThanOrEqual(3);
      list = next;
    }
  });
});

describe('a list cut again from the cut of its previous version', () => {
  it('gives the pages of a cut of the whole list, after publications, closures, corrections and several changes at once', () => {
    let state = 7;
    const random = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 2 ** 32;
    };
    const pool = references(6000, 3);
    for (const cut of [PAGE_CUT, { spacing: 256, min: 64, max: 1024 } satisfies AnchorCut]) {
      let items = pool.slice(0, 3000);
      let next = 3000;
      let list = new AnchoredList(items, same, cut);
      const done = new Set<string>();
      for (let step = 0; step < 80; step++) {
        const changed = items.slice();
        const draw = random();
        if (draw < 0.3) {
          changed.splice(Math.floor(random() * (changed.length + 1)), 0, pool[next++]!);
          done.add('publish');
        } else if (draw < 0.5) {
          changed.splice(0, 1 + Math.floor(random() * 5));
          done.add('close the soonest');
        } else if (draw < 0.7) {
          const [moved] = changed.splice(Math.floor(random() * changed.length), 1);
          changed.splice(Math.floor(random() * (changed.length + 1)), 0, moved!);
          done.add('move');
        } else if (draw < 0.85) {
          for (let count = 0; count < 3; count++) changed.splice(Math.floor(random() * changed.length), 1);
          changed.splice(Math.floor(random() * (changed.length + 1)), 0, pool[next++]!);
          done.add('several');
        } else if (draw < 0.95) {
          changed.push(pool[next++]!);
          done.add('at the end');
        } else {
          done.add('nothing');
        }
        const followed = new AnchoredList(changed, same, cut, { items, list });
        expect(followed.pages, `step ${step}`).toEqual(anchoredPages(changed, same, cut));
        items = changed;
        list = followed;
      }
      expect(done.size).toBe(6);
    }
  });

  it('keeps the notices of the pages away from the change as they were, not cut again', () => {
    const items = references(3000, 5);
    const list = new AnchoredList(items, same);
    const changed = [...items.slice(0, 1500), references(3001, 5).find((reference) => !items.includes(reference)) ?? '2027-NEW-0001', ...items.slice(1500)];
    const followed = new AnchoredList(changed, same, PAGE_CUT, { items, list });
    expect(followed.pages[0]!.items).toBe(list.pages[0]!.items);
    expect(followed.pages.at(-1)!.items).toBe(list.pages.at(-1)!.items);
  });

  it('cuts a list that was empty, or becomes empty, as a whole one', () => {
    const empty = new AnchoredList<string>([], same);
    const some = references(50);
    expect(new AnchoredList(some, same, PAGE_CUT, { items: [], list: empty }).pages).toEqual(anchoredPages(some, same));
    const full = new AnchoredList(some, same);
    expect(new AnchoredList([], same, PAGE_CUT, { items: some, list: full }).pages).toEqual(anchoredPages([], same));
  });
});
