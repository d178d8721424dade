import { describe, expect, it } from 'vitest';
import { disclosedFigures, discloseStaffFigures, groupWithheldReason, type StaffFigure, type WithheldReason } from './staff-figures-disclosure.js';

/** [headcount, count] per organisation. */
type Territory = Array<[number, number]>;
const figures = (territory: Territory): StaffFigure[] => territory.map(([headcount, count]) => ({ headcount, count }));
const outcome = (territory: Territory) => {
  const { total, rows } = discloseStaffFigures(figures(territory));
  return { total: total ?? 'published', rows: rows.map((reason) => reason ?? 'published') };
};

describe('withholding the figures of one organisation', () => {
  it.each<[string, StaffFigure, WithheldReason | null]>([
    ['publishes three accounts of which some but not all did it', { headcount: 3, count: 1 }, null],
    ['publishes a large organisation of which some but not all did it', { headcount: 40, count: 39 }, null],
    ['withholds two accounts, whatever they did', { headcount: 2, count: 1 }, 'SMALL'],
    ['withholds one account', { headcount: 1, count: 0 }, 'SMALL'],
    ['withholds an organisation without any account', { headcount: 0, count: 0 }, 'SMALL'],
    ['withholds an organisation where no one did it, however large', { headcount: 12, count: 0 }, 'ALL_OR_NONE'],
    ['withholds an organisation where everyone did it, however large', { headcount: 12, count: 12 }, 'ALL_OR_NONE'],
  ])('%s', (_, figure, reason) => {
    expect(groupWithheldReason(figure)).toBe(reason);
  });

  it('takes another threshold when given one', () => {
    expect(groupWithheldReason({ headcount: 4, count: 2 }, 5)).toBe('SMALL');
    expect(groupWithheldReason({ headcount: 5, count: 2 }, 5)).toBeNull();
  });
});

describe('withholding the territory’s total with the rows', () => {
  it.each<[string, Territory, ReturnType<typeof outcome>]>([
    ['publishes every row and the total when each organisation is large and mixed', [[5, 2], [3, 1]], { total: 'published', rows: ['published', 'published'] }],
    [
      'withholds the total when, minus the published rows, it gives away the lone buyer of a commune',
      [[12, 5], [1, 1]],
      { total: 'COMPLEMENTARY', rows: ['published', 'SMALL'] },
    ],
    [
      'withholds the total when three communes of one buyer each all attended (the total minus the rows is three)',
      [[5, 2], [1, 1], [1, 1], [1, 1]],
      { total: 'COMPLEMENTARY', rows: ['published', 'SMALL', 'SMALL', 'SMALL'] },
    ],
    [
      'withholds the total when none of the small organisations’ staff attended',
      [[5, 2], [1, 0], [2, 0]],
      { total: 'COMPLEMENTARY', rows: ['published', 'SMALL', 'SMALL'] },
    ],
    [
      'publishes the total when the small organisations’ sum could be made in ways that single no one out',
      [[5, 2], [2, 1], [1, 0]],
      { total: 'published', rows: ['published', 'SMALL', 'SMALL'] },
    ],
    [
      'withholds the total that would tell whether the staff of a withheld « no one or everyone » organisation did it',
      [[5, 2], [4, 0], [2, 1]],
      { total: 'COMPLEMENTARY', rows: ['published', 'ALL_OR_NONE', 'SMALL'] },
    ],
    [
      'publishes the total when two « no one or everyone » organisations of the same size could be either',
      [[5, 2], [3, 0], [3, 3]],
      { total: 'published', rows: ['published', 'ALL_OR_NONE', 'ALL_OR_NONE'] },
    ],
    ['withholds the total of fewer than three accounts', [[1, 1], [1, 0]], { total: 'SMALL', rows: ['SMALL', 'SMALL'] }],
    ['withholds the total when no one did it', [[5, 0], [1, 0], [1, 0]], { total: 'ALL_OR_NONE', rows: ['ALL_OR_NONE', 'SMALL', 'SMALL'] }],
    ['withholds the total when everyone did it', [[1, 1], [1, 1], [1, 1]], { total: 'ALL_OR_NONE', rows: ['SMALL', 'SMALL', 'SMALL'] }],
    ['publishes the total of three lone buyers of whom some but not all did it', [[1, 1], [1, 0], [1, 1]], { total: 'published', rows: ['SMALL', 'SMALL', 'SMALL'] }],
    ['counts an organisation without account for nothing', [[4, 2], [0, 0]], { total: 'published', rows: ['published', 'SMALL'] }],
    ['withholds the total of no organisation', [], { total: 'SMALL', rows: [] }],
  ])('%s', (_, territory, expected) => {
    expect(outcome(territory)).toEqual(expected);
  });

  it('publishes, for every territory of up to four organisations of 0 to 4 accounts, no figure under three accounts nor any « no one » or « everyone »', () => {
    let territories: Territory[] = [[]];
    let checked = 0;
    const wrong: string[] = [];
    for (let length = 1; length <= 4; length++) {
      territories = territories.flatMap((territory) =>
        [0, 1, 2, 3, 4].flatMap((headcount) => Array.from({ length: headcount + 1 }, (_, count) => [...territory, [headcount, count]] as Territory)),
      );
      for (const territory of territories) {
        const { total, rows } = discloseStaffFigures(figures(territory));
        const published = [...territory.filter((_, index) => rows[index] === null)];
        if (total === null) published.push(territory.reduce(([h, c], [headcount, count]) => [h + headcount, c + count], [0, 0]));
        if (published.some(([headcount, count]) => headcount < 3 || count <= 0 || count >= headcount)) wrong.push(JSON.stringify(territory));
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(15 + 15 ** 2 + 15 ** 3 + 15 ** 4);
  });
});

describe('the figures a public view shows', () => {
  it('gives every value and the share of a published figure', () => {
    expect(disclosedFigures({ headcount: 8, count: 7 }, null)).toEqual({ withheld: null, headcount: 8, count: 7, share: 0.875 });
  });

  it('gives a share of 0 for a published figure of no account, not a division by zero', () => {
    expect(disclosedFigures({ headcount: 0, count: 0 }, null)).toEqual({ withheld: null, headcount: 0, count: 0, share: 0 });
  });

  it.each<WithheldReason>(['SMALL', 'ALL_OR_NONE', 'COMPLEMENTARY'])('gives no value at all of a figure withheld as %s, only the reason', (reason) => {
    expect(disclosedFigures({ headcount: 2, count: 1 }, reason)).toEqual({ withheld: reason, headcount: null, count: null, share: null });
  });
});
