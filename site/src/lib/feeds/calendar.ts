import ical, { ICalCalendarMethod } from 'ical-generator';
import { formatDateTime } from '../format/date.js';
import type { Notice } from '../hub/types.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { xmlDocument } from './xml-text.js';

/**
 * An iCalendar file with one event per open deadline, so a business can subscribe once and see every deadline in
 * its own calendar. Events are instants (the deadline itself), written in UTC so no client misreads the time zone.
 */
export function deadlinesCalendar(
  openNotices: readonly Notice[],
  { siteUrl, builtAt }: { siteUrl: string; builtAt: Date },
): string {
  const host = new URL(siteUrl).host;
  const calendar = ical({
    name: 'Dates limites des avis ouverts — Dracénie Provence Verdon',
    description: 'Dates limites de remise des offres des marchés publics ouverts du territoire',
    prodId: { company: 'territoire-achats', product: 'site', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
    url: absoluteUrl('/avis/echeances.ics', siteUrl),
  });
  for (const notice of openNotices) {
    const url = absoluteUrl(noticePath(notice.reference), siteUrl);
    const deadline = new Date(notice.submissionDeadline);
    calendar.createEvent({
      id: `${notice.reference}@${host}`,
      start: deadline,
      end: deadline,
      stamp: builtAt,
      lastModified: new Date(notice.updatedAt),
      summary: `Date limite : ${notice.title}`,
      description: [
        `${notice.organisation.name} — avis ${notice.reference}.`,
        `Date limite de remise des offres : ${formatDateTime(deadline)}.`,
        url,
      ].join('\n'),
      location: notice.placeOfPerformance?.name ?? null,
      url,
    });
  }
  // RFC 5545 forbids in text the same control characters as XML: a stray BEL must not make the file unreadable.
  return xmlDocument(calendar.toString());
}
