import { describe, expect, it } from 'vitest';
import { disclosedFigures, totalWithheldReason, withheldReasons, type DisclosureRow, type WithheldReason } from './staff-figures-disclosure.js';

const row = (name: string, headcount: number): DisclosureRow => ({ name, headcount });

/** Organisation → its reason, or « published ». */
function outcome(rows: DisclosureRow[], min?: number): Record<string, string> {
  const reasons = withheldReasons(rows, min);
  return Object.fromEntries(rows.map((r, index) => [r.name, reasons[index] ?? 'published']));
}

describe('withholding the figures of organisations with few staff', () => {
  // The cases of site/src/lib/staff-figures/shares.test.ts, which the site used to compute itself.
  it.each<[string, DisclosureRow[], Record<string, string>]>([
    ['publishes every organisation of three accounts or more', [row('Draguignan', 3), row('Lorgues', 10)], { Draguignan: 'published', Lorgues: 'published' }],
    [
      'withholds organisations of one or two accounts, the withheld ones adding up to three',
      [row('Agglo', 12), row('Le Muy', 1), row('Lorgues', 2)],
      { Agglo: 'published', 'Le Muy': 'SMALL', Lorgues: 'SMALL' },
    ],
    [
      'also withholds the smallest published organisation when the total would give away a lone small one',
      [row('Agglo', 12), row('Draguignan', 4), row('Le Muy', 1)],
      { Agglo: 'published', Draguignan: 'COMPLEMENTARY', 'Le Muy': 'SMALL' },
    ],
    [
      'picks the smaller of two published organisations of the same size by name',
      [row('Vidauban', 5), row('Lorgues', 5), row('Le Muy', 2)],
      { Vidauban: 'published', Lorgues: 'COMPLEMENTARY', 'Le Muy': 'SMALL' },
    ],
    ['withholds everything when every organisation is small', [row('Le Muy', 1), row('Lorgues', 2)], { 'Le Muy': 'SMALL', Lorgues: 'SMALL' }],
    ['withholds an organisation without any account', [row('Agglo', 4), row('Flayosc', 0)], { Agglo: 'published', Flayosc: 'SMALL' }],
    ['publishes nothing for no organisation', [], {}],
    // Edge cases.
    [
      'withholds no published organisation when small ones already add up to more than three',
      [row('Agglo', 12), row('Le Muy', 2), row('Lorgues', 2), row('Flayosc', 1)],
      { Agglo: 'published', 'Le Muy': 'SMALL', Lorgues: 'SMALL', Flayosc: 'SMALL' },
    ],
    [
      'withholds the one published organisation there is, leaving nothing published',
      [row('Agglo', 3), row('Le Muy', 2)],
      { Agglo: 'COMPLEMENTARY', 'Le Muy': 'SMALL' },
    ],
    [
      'withholds a single complementary organisation, since any has three accounts or more',
      [row('Agglo', 12), row('Draguignan', 3), row('Lorgues', 3), row('Le Muy', 1)],
      { Agglo: 'published', Draguignan: 'COMPLEMENTARY', Lorgues: 'published', 'Le Muy': 'SMALL' },
    ],
    [
      'picks by headcount before name',
      [row('Aups', 9), row('Vidauban', 4), row('Le Muy', 1)],
      { Aups: 'published', Vidauban: 'COMPLEMENTARY', 'Le Muy': 'SMALL' },
    ],
    [
      'compares names the French way, an accented capital next to its letter',
      [row('Entrecasteaux', 5), row('Éguilles', 5), row('Le Muy', 1)],
      { Entrecasteaux: 'published', Éguilles: 'COMPLEMENTARY', 'Le Muy': 'SMALL' },
    ],
    [
      'compares numbers in names by value and ignores case',
      [row('Secteur 10', 5), row('secteur 9', 5), row('Le Muy', 1)],
      { 'Secteur 10': 'published', 'secteur 9': 'COMPLEMENTARY', 'Le Muy': 'SMALL' },
    ],
    [
      'needs no complementary organisation when the only small ones have no account',
      [row('Agglo', 4), row('Flayosc', 0), row('Aups', 0)],
      { Agglo: 'published', Flayosc: 'SMALL', Aups: 'SMALL' },
    ],
    [
      'counts an account-less organisation for nothing in what the withheld ones add up to',
      [row('Agglo', 4), row('Flayosc', 0), row('Le Muy', 2)],
      { Agglo: 'COMPLEMENTARY', Flayosc: 'SMALL', 'Le Muy': 'SMALL' },
    ],
  ])('%s', (_, rows, expected) => {
    expect(outcome(rows)).toEqual(expected);
  });

  it('answers in the order it is given, whatever the order of withholding', () => {
    const rows = [row('Vidauban', 5), row('Agglo', 1), row('Lorgues', 7)];
    expect(withheldReasons(rows)).toEqual(['COMPLEMENTARY', 'SMALL', null]);
  });

  it('keeps the given order between organisations of the same headcount and name', () => {
    expect(withheldReasons([row('Le Luc', 4), row('le luc', 4), row('Le Muy', 1)])).toEqual(['COMPLEMENTARY', null, 'SMALL']);
    expect(withheldReasons([row('le luc', 4), row('Le Luc', 4), row('Le Muy', 1)])).toEqual(['COMPLEMENTARY', null, 'SMALL']);
  });

  it('takes another threshold when given one', () => {
    expect(outcome([row('Agglo', 12), row('Draguignan', 4), row('Lorgues', 5)], 5)).toEqual({ Agglo: 'published', Draguignan: 'SMALL', Lorgues: 'COMPLEMENTARY' });
  });

  it('leaves, for every territory of up to four organisations of 0 to 6 accounts, no published row below three and nothing the total would give away', () => {
    const sizes = [0, 1, 2, 3, 4, 5, 6];
    const territories: number[][] = [[]];
    for (let length = 1; length <= 4; length++) {
      for (const territory of territories.filter((t) => t.length === length - 1)) for (const size of sizes) territories.push([...territory, size]);
    }
    for (const headcounts of territories) {
      const rows = headcounts.map((headcount, index) => row(`Commune ${index}`, headcount));
      const reasons = withheldReasons(rows);
      const label = headcounts.join(',');
      const withheld = rows.filter((_, index) => reasons[index] !== null);
      const withheldHeadcount = withheld.reduce((sum, r) => sum + r.headcount, 0);
      rows.forEach((r, index) => expect(reasons[index] === 'SMALL', label).toBe(r.headcount < 3));
      // The total minus the published rows is either nothing or three accounts or more; else everything is withheld.
      if (withheldHeadcount > 0 && withheldHeadcount < 3) expect(withheld.length, label).toBe(rows.length);
      // A complementary row is withheld only when needed, at most one, and the smallest of the others.
      const complementary = rows.filter((_, index) => reasons[index] === 'COMPLEMENTARY');
      expect(complementary.length, label).toBeLessThanOrEqual(1);
      const smallHeadcount = rows.filter((r) => r.headcount < 3).reduce((sum, r) => sum + r.headcount, 0);
      expect(complementary.length, label).toBe(smallHeadcount > 0 && smallHeadcount < 3 && rows.some((r) => r.headcount >= 3) ? 1 : 0);
      for (const c of complementary) for (const other of rows.filter((r) => r.headcount >= 3)) expect(c.headcount, label).toBeLessThanOrEqual(other.headcount);
    }
    expect(territories.length).toBe(1 + 7 + 49 + 343 + 2401);
  });
});

describe('withholding the territory’s total', () => {
  it.each<[number, WithheldReason | null]>([
    [8, null],
    [3, null],
    [2, 'SMALL'],
    [1, 'SMALL'],
    [0, 'SMALL'],
  ])('a territory of %i accounts: %s', (headcount, reason) => {
    expect(totalWithheldReason(headcount)).toBe(reason);
  });
});

describe('the figures a public view shows', () => {
  it('gives every value and the share of a published figure', () => {
    expect(disclosedFigures({ headcount: 8, count: 7 }, null)).toEqual({ withheld: null, headcount: 8, count: 7, share: 0.875 });
  });

  it('gives a share of 0 for a published figure of no account, not a division by zero', () => {
    expect(disclosedFigures({ headcount: 0, count: 0 }, null)).toEqual({ withheld: null, headcount: 0, count: 0, share: 0 });
  });

  it.each<WithheldReason>(['SMALL', 'COMPLEMENTARY'])('gives no value at all of a figure withheld as %s, only the reason', (reason) => {
    expect(disclosedFigures({ headcount: 2, count: 1 }, reason)).toEqual({ withheld: reason, headcount: null, count: null, share: null });
  });
});
