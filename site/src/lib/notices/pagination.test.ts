import { describe, expect, it } from 'vitest';
import { archivePagePath, registerLinks, registerNeighbours, registerPage, LIST_PAGE_SIZE, listPage, listPages, pageCount, pageLinks, parsePageParam, rangeText } from './pagination.js';

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index);

describe('list pages', () => {
  it.each([
    [0, 1],
    [1, 1],
    [50, 1],
    [51, 2],
    [50_000, 1000],
  ])('%i notices make %i pages of 50', (total, pages) => {
    expect(pageCount(total)).toBe(pages);
    expect(listPages(numbers(total))).toHaveLength(pages);
  });

  it('cuts a list into pages of 50 in its own order, the last one shorter, none lost or repeated', () => {
    const items = numbers(123);
    const pages = listPages(items);
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 23]);
    expect(pages.flatMap((p) => p.items)).toEqual(items);
    expect(pages[2]).toMatchObject({ number: 3, last: 3, start: 100, total: 123 });
  });

  it('gives an empty list one empty first page', () => {
    expect(listPages([])).toEqual([{ number: 1, last: 1, items: [], start: 0, total: 0 }]);
  });

  it('uses the size it is given', () => {
    expect(listPage(numbers(10), 2, 4).items).toEqual([4, 5, 6, 7]);
    expect(LIST_PAGE_SIZE).toBe(50);
  });
});

describe('numbered links of a pagination bar', () => {
  const render = (current: number, last: number) =>
    pageLinks(current, last)
      .map((link) => (link.kind === 'gap' ? '…' : String(link.number)))
      .join(' ');

  it.each([
    [1, 1, '1'],
    [1, 3, '1 2 3'],
    [1, 10, '1 2 3 … 10'],
    [5, 10, '1 2 3 4 5 6 7 … 10'],
    [6, 10, '1 … 4 5 6 7 8 9 10'],
    [500, 1000, '1 … 498 499 500 501 502 … 1000'],
    [1000, 1000, '1 … 998 999 1000'],
    [4, 1000, '1 2 3 4 5 6 … 1000'],
  ])('page %i of %i shows %s', (current, last, expected) => {
    expect(render(current, last)).toBe(expected);
  });

  it('never shows a gap for a single missing page: the page itself is shown instead', () => {
    for (let last = 1; last <= 30; last += 1) {
      for (let current = 1; current <= last; current += 1) {
        const links = pageLinks(current, last);
        const shown = links.flatMap((l) => (l.kind === 'page' ? [l.number] : []));
        expect(shown).toEqual([...shown].sort((a, b) => a - b));
        expect(shown).toContain(current);
        expect(shown[0]).toBe(1);
        expect(shown.at(-1)).toBe(last);
        links.forEach((link, index) => {
          if (link.kind !== 'gap') return;
          const before = links[index - 1] as { number: number };
          const after = links[index + 1] as { number: number };
          expect(after.number - before.number).toBeGreaterThan(2);
        });
      }
    }
  });
});

describe('page numbers in URLs', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['2', 2],
    ['1000', 1000],
    ['1', null],
    ['0', null],
    ['02', null],
    ['x', null],
    ['2/3', null],
  ])('%s is page %s', (param, expected) => {
    expect(parsePageParam(param)).toBe(expected);
  });
});

describe('the range a page of a longer list shows', () => {
  it('says where the page is in the list, and nothing for a list of one page', () => {
    expect(rangeText(listPage(numbers(1234), 2))).toBe('Avis 51 à 100 sur 1\u202f234, page 2 sur 25.');
    expect(rangeText(listPage(numbers(120), 3), 'Achats prévus')).toBe('Achats prévus 101 à 120 sur 120, page 3 sur 3.');
    expect(rangeText(listPage(numbers(20), 1))).toBeNull();
  });
});

describe('the archives, numbered from the oldest', () => {
  // Newest first, as the archives list them: 0 is the newest of 123.
  const archived = numbers(123);
  const render = (page: Parameters<typeof registerLinks>[0]) =>
    registerLinks(page)
      .map((link) => (link.kind === 'gap' ? '…' : link.kind === 'front' ? 'front' : String(link.number)))
      .join(' ');

  it('puts the newest on the front page and fifty a page on the numbered ones, page 1 the oldest', () => {
    expect(registerPage(archived, null)).toMatchObject({ number: 3, front: true, items: numbers(23), total: 123, reach: 3 });
    expect(registerPage(archived, 2)).toMatchObject({ number: 2, front: false, items: numbers(73).slice(23), total: null });
    expect(registerPage(archived, 1).items).toEqual(numbers(123).slice(73));
    expect(registerPage([], null)).toMatchObject({ number: 1, front: true, items: [], total: 0 });
  });

  it('leaves every numbered page as it was when a notice is archived on the front page', () => {
    const before = [...archived];
    const after = [-1, ...archived];
    for (const number of [1, 2]) expect(registerPage(after, number)).toEqual(registerPage(before, number));
    expect(registerPage(after, null)).not.toEqual(registerPage(before, null));
  });

  it('links newer pages (rel=prev, up to the front page) and older ones (rel=next)', () => {
    expect(registerNeighbours(registerPage(archived, null), archivePagePath)).toEqual({ next: '/archives/2/' });
    expect(registerNeighbours(registerPage(archived, 2), archivePagePath)).toEqual({ prev: '/archives/', next: '/archives/1/' });
    expect(registerNeighbours(registerPage(archived, 1), archivePagePath)).toEqual({ prev: '/archives/2/' });
    const many = numbers(50_000);
    expect(registerNeighbours(registerPage(many, 500), archivePagePath)).toEqual({ prev: '/archives/501/', next: '/archives/499/' });
  });

  it.each([
    [null, 'front 999 998 … 1'],
    [999, 'front 999 998 997 … 1'],
    [997, 'front 999 998 997 996 995 … 1'],
    [996, 'front … 998 997 996 995 994 … 1'],
    [995, 'front … 997 996 995 994 993 … 1'],
    [500, 'front … 502 501 500 499 498 … 1'],
    [4, 'front … 6 5 4 3 2 1'],
    [1, 'front … 3 2 1'],
  ])('page %s of 1,000 shows %s', (number, expected) => {
    expect(render(registerPage(numbers(50_000), number))).toBe(expected);
  });
});
