import { describe, expect, it } from 'vitest';
import { HubError } from '../hub/client.js';
import {
  formatCount,
  formatShare,
  MASK_REASON_LABELS,
  publishedFigure,
  publishedStaffFigures,
  type HubStaffFigure,
  type HubWithheldReason,
} from './shares.js';

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

describe('showing what the hub withholds', () => {
  const ref = (name: string) => ({ slug: name.toLowerCase(), name, kind: 'COMMUNE' as const });
  const shown = (headcount: number, count: number): HubStaffFigure => ({ withheld: null, headcount, count, share: count / headcount });
  const withheld = (reason: HubWithheldReason): HubStaffFigure => ({ withheld: reason, headcount: null, count: null, share: null });

  it('shows the territory’s total and each organisation’s figures or why they are withheld, in the hub’s order', () => {
    const figures = publishedStaffFigures(shown(12, 9), [
      { organisation: ref('Vidauban'), ...withheld('COMPLEMENTARY') },
      { organisation: ref('Agglo'), ...shown(8, 7) },
      { organisation: ref('Le Muy'), ...withheld('SMALL') },
      { organisation: ref('Aups'), ...withheld('ALL_OR_NONE') },
    ]);
    expect(figures).toEqual({
      territory: { published: true, headcount: 12, count: 9, share: 0.75 },
      organisations: [
        { organisation: ref('Vidauban'), published: false, reason: 'complementary' },
        { organisation: ref('Agglo'), published: true, headcount: 8, count: 7, share: 0.875 },
        { organisation: ref('Le Muy'), published: false, reason: 'small' },
        { organisation: ref('Aups'), published: false, reason: 'all-or-none' },
      ],
    });
  });

  it('shows a territory’s total the hub withholds as too small', () => {
    expect(publishedStaffFigures(withheld('SMALL'), [{ organisation: ref('Le Muy'), ...withheld('SMALL') }]).territory).toEqual({ published: false, reason: 'small' });
  });

  it('publishes nothing for no organisation', () => {
    expect(publishedStaffFigures(withheld('SMALL'), []).organisations).toEqual([]);
  });

  it.each<[string, HubStaffFigure]>([
    ['figures of fewer than three accounts the hub would publish', shown(2, 1)],
    ['figures of no account the hub would publish', { withheld: null, headcount: 0, count: 0, share: 0 }],
    ['figures the hub would publish of which no one did it', shown(3, 0)],
    ['figures the hub would publish of which everyone did it', shown(12, 12)],
    ['no figures without a reason', { withheld: null, headcount: null, count: null, share: null }],
    ['a reason the site does not know', { withheld: 'SECRET' as HubWithheldReason, headcount: null, count: null, share: null }],
  ])('fails the build on %s, rather than publish or guess', (_, figure) => {
    expect(() => publishedFigure(figure, 'Le Muy')).toThrow(HubError);
    expect(() => publishedFigure(figure, 'Le Muy')).toThrow(/^Le Muy: /);
  });

  it('publishes figures of three accounts, the threshold the page’s note gives', () => {
    expect(publishedFigure(shown(3, 1), 'Lorgues')).toEqual({ published: true, headcount: 3, count: 1, share: 1 / 3 });
  });

  it('has a French mention for every reason the hub may give', () => {
    for (const reason of ['SMALL', 'ALL_OR_NONE', 'COMPLEMENTARY'] satisfies HubWithheldReason[]) {
      const figure = publishedFigure(withheld(reason), 'Aups');
      expect(figure.published).toBe(false);
      if (!figure.published) expect(MASK_REASON_LABELS[figure.reason]).toMatch(/publié/);
    }
  });
});
