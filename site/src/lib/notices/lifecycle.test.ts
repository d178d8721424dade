import { describe, expect, it } from 'vitest';
import { aLot, aNotice, anAwardedNotice } from '../test-support/builders.js';
import { archivedNotices, awardedTotal, isListedOpen, latestPublished, openNotices, publicStatus } from './lifecycle.js';

const builtAt = new Date('2026-12-01T09:00:00Z');

describe('which notices the site lists as open', () => {
  it.each([
    ['published, open, deadline ahead', { status: 'PUBLISHED', isOpen: true, submissionDeadline: '2026-12-14T11:00:00Z' }, true],
    // The hub's scheduler may be late: the build's own clock still closes it.
    ['published and open for the hub, deadline already passed', { status: 'PUBLISHED', isOpen: true, submissionDeadline: '2026-12-01T08:59:59Z' }, false],
    ['deadline exactly at build time', { status: 'PUBLISHED', isOpen: true, submissionDeadline: '2026-12-01T09:00:00Z' }, false],
    ['published but the hub says not open', { status: 'PUBLISHED', isOpen: false, submissionDeadline: '2026-12-14T11:00:00Z' }, false],
    ['closed', { status: 'CLOSED', isOpen: false, submissionDeadline: '2026-11-14T11:00:00Z' }, false],
    ['cancelled before its deadline', { status: 'CANCELLED', isOpen: false, submissionDeadline: '2026-12-14T11:00:00Z' }, false],
  ] as const)('%s → open: %s', (_, fields, open) => {
    expect(isListedOpen(aNotice(fields), builtAt)).toBe(open);
  });

  it('shows a published notice past its deadline as closed', () => {
    expect(publicStatus(aNotice({ submissionDeadline: '2026-11-30T11:00:00Z' }), builtAt)).toBe('CLOSED');
    expect(publicStatus(aNotice(), builtAt)).toBe('PUBLISHED');
    expect(publicStatus(anAwardedNotice(), builtAt)).toBe('AWARDED');
  });

  it('refuses to show a draft at all', () => {
    expect(() => publicStatus(aNotice({ status: 'DRAFT', isOpen: false }), builtAt)).toThrow(/draft/);
  });
});

describe('ordering', () => {
  const soon = aNotice({ reference: 'B', submissionDeadline: '2026-12-05T11:00:00Z' });
  const later = aNotice({ reference: 'A', submissionDeadline: '2026-12-20T11:00:00Z' });
  const sameTimeAsSoon = aNotice({ reference: 'A2', submissionDeadline: '2026-12-05T12:00:00+01:00' });
  const passed = aNotice({ reference: 'C', submissionDeadline: '2026-11-20T11:00:00Z' });
  const awarded = anAwardedNotice({ reference: 'D' });

  it('lists open notices soonest deadline first, ties by reference', () => {
    expect(openNotices([later, passed, soon, awarded, sameTimeAsSoon], builtAt).map((n) => n.reference)).toEqual([
      'A2',
      'B',
      'A',
    ]);
  });

  it('archives everything else, most recent deadline first', () => {
    expect(archivedNotices([later, passed, soon, awarded], builtAt).map((n) => n.reference)).toEqual(['C', 'D']);
  });

  it('gives the latest published notices, newest first, skipping unpublished ones', () => {
    const a = aNotice({ reference: 'old', publishedAt: '2026-10-01T08:00:00Z' });
    const b = aNotice({ reference: 'new', publishedAt: '2026-11-20T08:00:00Z' });
    const c = aNotice({ reference: 'none', publishedAt: null });
    expect(latestPublished([a, c, b], 5).map((n) => n.reference)).toEqual(['new', 'old']);
    expect(latestPublished([a, c, b], 1).map((n) => n.reference)).toEqual(['new']);
  });

  it('picks the same latest notices as sorting them all would, the same instant ordered by reference', () => {
    // Instants repeat (ties) and arrive in no order; offsets other than Z sort by the instant they name.
    const instants = ['2026-11-20T08:00:00Z', '2026-11-20T09:00:00+01:00', '2026-10-01T08:00:00Z', '2026-12-01T00:00:00Z', null];
    const notices = Array.from({ length: 200 }, (_, index) =>
      aNotice({ reference: `R-${String((index * 37) % 200).padStart(3, '0')}`, publishedAt: instants[(index * 7) % instants.length]! }),
    );
    const sorted = notices
      .filter((notice) => notice.publishedAt !== null)
      .sort((x, y) => new Date(y.publishedAt!).getTime() - new Date(x.publishedAt!).getTime() || (x.reference < y.reference ? -1 : 1))
      .map((notice) => notice.reference);
    for (const count of [0, 1, 5, 20, 159, 160, 500]) {
      expect(latestPublished(notices, count).map((notice) => notice.reference)).toEqual(sorted.slice(0, count));
    }
  });
});

describe('awarded total', () => {
  it('adds the awards of the awarded lots only', () => {
    const notice = anAwardedNotice({
      lots: [
        aLot({ number: 1, status: 'AWARDED', award: { ...anAwardedNotice().lots[0]!.award!, amount: 1000 } }),
        aLot({ number: 2, status: 'UNSUCCESSFUL', unsuccessfulReason: 'Aucune offre' }),
        aLot({ number: 3, status: 'AWARDED', award: { ...anAwardedNotice().lots[0]!.award!, amount: 250.5 } }),
      ],
    });
    expect(awardedTotal(notice)).toBe(1250.5);
    expect(awardedTotal(aNotice())).toBeNull();
  });

  it('is unknown when an awarded amount was not communicated, rather than the sum of the known ones', () => {
    const award = anAwardedNotice().lots[0]!.award!;
    const notice = anAwardedNotice({
      lots: [
        aLot({ number: 1, status: 'AWARDED', award: { ...award, amount: 1000 } }),
        aLot({ number: 2, status: 'AWARDED', award: { ...award, amount: null } }),
      ],
    });
    expect(awardedTotal(notice)).toBeNull();
  });
});
