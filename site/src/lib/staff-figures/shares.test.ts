import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatShare,
  publishableOrganisations,
  publishableTotal,
  type OrganisationFigure,
} from './shares.js';

const organisation = (name: string, headcount: number, count = headcount): OrganisationFigure => ({
  organisation: { slug: name.toLowerCase(), name, kind: 'COMMUNE' },
  headcount,
  count,
  share: headcount === 0 ? 0 : count / headcount,
});

/** What the reader sees per organisation: its share, or « small » / « complementary ». */
function outcome(rows: OrganisationFigure[]): Record<string, string> {
  return Object.fromEntries(
    publishableOrganisations(rows).map((row) => [row.organisation.name, row.published ? formatShare(row.share) : row.reason]),
  );
}

describe('formatting a share', () => {
  it.each([
    [0, '0\u202f%'],
    [1, '100\u202f%'],
    [0.875, '88\u202f%'],
    [0.87, '87\u202f%'],
    [1 / 3, '33\u202f%'],
    [0.5, '50\u202f%'],
    [0.996, '99\u202f%'],
    [0.004, '1\u202f%'],
  ])('writes %s as « %s »', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it.each([[-0.1], [1.2], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %s, which is not a share', (share) => {
    expect(() => formatShare(share)).toThrow(RangeError);
  });

  it('writes counts the French way', () => {
    expect(formatCount(1234)).toBe('1\u202f234');
    expect(formatCount(7)).toBe('7');
  });
});

describe('withholding the figures of organisations with few staff', () => {
  it.each<[string, OrganisationFigure[], Record<string, string>]>([
    ['publishes every organisation of three accounts or more', [organisation('Draguignan', 3, 2), organisation('Lorgues', 10, 5)], { Draguignan: '67\u202f%', Lorgues: '50\u202f%' }],
    [
      'withholds organisations of one or two accounts, the withheld ones adding up to three',
      [organisation('Agglo', 12, 9), organisation('Le Muy', 1), organisation('Lorgues', 2, 1)],
      { Agglo: '75\u202f%', 'Le Muy': 'small', Lorgues: 'small' },
    ],
    [
      'also withholds the smallest published organisation when the total would give away a lone small one',
      [organisation('Agglo', 12, 9), organisation('Draguignan', 4, 4), organisation('Le Muy', 1, 0)],
      { Agglo: '75\u202f%', Draguignan: 'complementary', 'Le Muy': 'small' },
    ],
    [
      'picks the smaller of two published organisations of the same size by name',
      [organisation('Vidauban', 5), organisation('Lorgues', 5), organisation('Le Muy', 2)],
      { Vidauban: '100\u202f%', Lorgues: 'complementary', 'Le Muy': 'small' },
    ],
    ['withholds everything when every organisation is small', [organisation('Le Muy', 1), organisation('Lorgues', 2)], { 'Le Muy': 'small', Lorgues: 'small' }],
    ['withholds an organisation without any account', [organisation('Agglo', 4, 1), organisation('Flayosc', 0)], { Agglo: '25\u202f%', Flayosc: 'small' }],
    ['publishes nothing for no organisation', [], {}],
  ])('%s', (_, rows, expected) => {
    expect(outcome(rows)).toEqual(expected);
  });

  it('keeps the hub’s order of organisations', () => {
    const rows = [organisation('Vidauban', 5), organisation('Agglo', 1), organisation('Lorgues', 7)];
    expect(publishableOrganisations(rows).map((row) => row.organisation.name)).toEqual(['Vidauban', 'Agglo', 'Lorgues']);
  });

  it.each([
    [{ headcount: 8, count: 7, share: 0.875 }, true],
    [{ headcount: 3, count: 0, share: 0 }, true],
    [{ headcount: 2, count: 1, share: 0.5 }, false],
    [{ headcount: 0, count: 0, share: 0 }, false],
  ])('publishes the territory’s total %o: %s', (total, published) => {
    expect(publishableTotal(total).published).toBe(published);
  });
});
