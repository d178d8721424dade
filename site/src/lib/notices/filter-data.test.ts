import { describe, expect, it } from 'vitest';
import { aNotice } from '../test-support/builders.js';
import type { Notice } from '../hub/types.js';
import type { OpenCardData } from './card-html.js';
import { FILTER_DATA_CUT, fetchFilterRows, filterDataIndex, filterDataParts, filterIndexJson, filterPartJson } from './filter-data.js';

const list = (size: number, prefix = 'R'): Notice[] =>
  Array.from({ length: size }, (_, index) =>
    aNotice({
      reference: `2026-${prefix}-${String(index).padStart(6, '0')}`,
      submissionDeadline: new Date(Date.parse('2026-12-10T11:00:00Z') + index * 60_000).toISOString(),
    }),
  );
const row = (notice: Notice): OpenCardData => [notice.reference, notice.title, '', notice.submissionDeadline, [], null, null, 'travaux', 'procedure-adaptee', null, null];
const references = (notices: readonly Notice[]) => notices.map((notice) => notice.reference);

describe('a facet value’s JSON rows, in parts', () => {
  it('keeps every notice once and in order, each part but the last of its bounded size', () => {
    const notices = list(20_000);
    const { pages } = filterDataParts(notices);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.flatMap((page) => references(page.items))).toEqual(references(notices));
    for (const page of pages.slice(0, -1)) {
      expect(page.items.length).toBeGreaterThanOrEqual(FILTER_DATA_CUT.min);
      expect(page.items.length).toBeLessThanOrEqual(FILTER_DATA_CUT.max);
    }
    expect(filterDataIndex(notices)).toMatchObject({ total: 20_000, parts: pages.slice(1).map((page) => page.after) });
  });

  it('changes one part, at most two, when a notice joins the list anywhere: the others keep their notices and names', () => {
    const notices = list(20_000);
    const before = filterDataParts(notices).pages;
    const joined = aNotice({ reference: '2026-NEW-000001', submissionDeadline: notices[12_345]!.submissionDeadline });
    const after = filterDataParts([...notices.slice(0, 12_346), joined, ...notices.slice(12_346)]).pages;
    const kept = new Map(before.map((page) => [page.after, references(page.items).join()]));
    const changed = after.filter((page) => kept.get(page.after) !== references(page.items).join());
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(changed.some((page) => page.items.includes(joined))).toBe(true);
  });

  it('gives the browser every row in order, from the first file and the parts it names', async () => {
    const notices = list(3_000);
    const { pages } = filterDataParts(notices);
    const files = new Map<string, string>([
      ['/avis/nature/travaux.json', filterIndexJson(notices.length, pages.slice(1).map((page) => `/part/${page.after}.json`), pages[0]!.items.map(row))],
      ...pages.slice(1).map((page) => [`/part/${page.after}.json`, filterPartJson(page.items.map(row))] as const),
    ]);
    const asked: string[] = [];
    const rows = await fetchFilterRows('/avis/nature/travaux.json', async (path) => {
      asked.push(path);
      return JSON.parse(files.get(path)!);
    });
    expect(rows.map((data) => data[0])).toEqual(references(notices));
    expect(asked).toHaveLength(pages.length);
  });
});
