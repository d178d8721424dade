import { parisDateOf } from '../shared/paris-calendar.js';

/** How long before its notice a planned purchase must have been announced to count as announced early. */
export const EARLY_ANNOUNCEMENT_MONTHS = 3;

export interface AnnouncedNotice {
  organisationId: string;
  publishedAt: Date;
  /** When the planned purchase the notice launched was published; null when it launched none. */
  planPublishedAt: Date | null;
}

export interface AnnouncementFigures {
  organisationId: string;
  publishedNotices: number;
  /** Launched a planned purchase, however late it was announced. */
  announcedNotices: number;
  announcedEarly: number;
  /** announcedEarly / publishedNotices, in percent, one decimal; null without a notice. */
  earlyShare: number | null;
}

/** The Paris calendar date `months` months after `date`, the day kept or brought back to the month's last (31 → 30). */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * Announced early: the planned purchase was published at least three calendar months before the notice, counted on
 * the Paris calendar (published 15 March, a notice of 15 June or later counts; of 14 June, not).
 */
export function announcedEarly(notice: Pick<AnnouncedNotice, 'publishedAt' | 'planPublishedAt'>): boolean {
  if (!notice.planPublishedAt) return false;
  return addCalendarMonths(parisDateOf(notice.planPublishedAt), EARLY_ANNOUNCEMENT_MONTHS) <= parisDateOf(notice.publishedAt);
}

/** Per buyer, of the notices published in `year` (Paris calendar; every year when null). */
export function announcementFigures(notices: readonly AnnouncedNotice[], year: number | null): AnnouncementFigures[] {
  const byOrganisation = new Map<string, AnnouncementFigures>();
  for (const notice of notices) {
    if (year !== null && Number(parisDateOf(notice.publishedAt).slice(0, 4)) !== year) continue;
    let figures = byOrganisation.get(notice.organisationId);
    if (!figures) {
      figures = { organisationId: notice.organisationId, publishedNotices: 0, announcedNotices: 0, announcedEarly: 0, earlyShare: null };
      byOrganisation.set(notice.organisationId, figures);
    }
    figures.publishedNotices++;
    if (notice.planPublishedAt) figures.announcedNotices++;
    if (announcedEarly(notice)) figures.announcedEarly++;
  }
  return [...byOrganisation.values()].map((figures) => ({ ...figures, earlyShare: share(figures.announcedEarly, figures.publishedNotices) }));
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
