import { describe, expect, it } from 'vitest';
import { addCalendarMonths, announcedEarly, announcementFigures, share } from './plan-announcement.js';

const at = (iso: string) => new Date(iso);

describe('announced in the plan at least three months ahead', () => {
  it.each([
    ['2026-03-15', 3, '2026-06-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s plus %d months is %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-03-15T09:00:00Z', '2026-06-15T08:00:00Z', true],
    ['2026-03-15T09:00:00Z', '2026-06-14T21:59:59Z', false],
    // 23:30 UTC on 14 June is already 15 June in Paris (summer time).
    ['2026-03-15T09:00:00Z', '2026-06-14T23:30:00Z', true],
    // 23:30 UTC on 14 March is 15 March in Paris (winter time): counted from the 15th.
    ['2026-03-14T23:30:00Z', '2026-06-14T12:00:00Z', false],
  ])('a plan published %s, its notice %s: early is %s', (plan, notice, expected) => {
    expect(announcedEarly({ planPublishedAt: at(plan), publishedAt: at(notice) })).toBe(expected);
  });

  it('a notice that launched no planned purchase was not announced', () => {
    expect(announcedEarly({ planPublishedAt: null, publishedAt: at('2026-06-15T08:00:00Z') })).toBe(false);
  });

  it('counts per buyer the notices of the year, those announced, and those announced early, with their share', () => {
    const notices = [
      { organisationId: 'dra', publishedAt: at('2026-06-20T08:00:00Z'), planPublishedAt: at('2026-01-10T08:00:00Z') },
      { organisationId: 'dra', publishedAt: at('2026-06-20T08:00:00Z'), planPublishedAt: at('2026-05-10T08:00:00Z') },
      { organisationId: 'dra', publishedAt: at('2026-07-01T08:00:00Z'), planPublishedAt: null },
      { organisationId: 'lor', publishedAt: at('2026-02-01T08:00:00Z'), planPublishedAt: null },
      // Published on 1 January 2027 in Paris: another year.
      { organisationId: 'lor', publishedAt: at('2026-12-31T23:30:00Z'), planPublishedAt: at('2026-01-01T08:00:00Z') },
    ];
    expect(announcementFigures(notices, 2026)).toEqual([
      { organisationId: 'dra', publishedNotices: 3, announcedNotices: 2, announcedEarly: 1, earlyShare: 33.3 },
      { organisationId: 'lor', publishedNotices: 1, announcedNotices: 0, announcedEarly: 0, earlyShare: 0 },
    ]);
    expect(announcementFigures(notices, null).find((figures) => figures.organisationId === 'lor')).toMatchObject({ publishedNotices: 2, announcedEarly: 1, earlyShare: 50 });
    expect(announcementFigures(notices, 2030)).toEqual([]);
  });

  it('has no share without a notice', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(2, 3)).toBe(66.7);
  });
});
