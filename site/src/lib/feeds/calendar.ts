import ical, { ICalCalendarMethod, type ICalCalendar } from 'ical-generator';
import { formatDateTime } from '../format/date.js';
import type { Notice } from '../hub/types.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { xmlDocument } from './xml-text.js';

const CALENDAR_NAME = 'Dates limites des avis ouverts — Dracénie Provence Verdon';
const END = 'END:VCALENDAR';

/**
 * Each open notice's VEVENT as written, by what it is drawn from. ical-generator folds lines one character at a
 * time (a TextEncoder per character): at 10,000 open notices, writing the calendar took 7 s of every release, a
 * third of an incremental release's CPU. A notice's event depends only on the notice and the site's address, so
 * it is written once and kept while the notice stays open; a release writes the events of the notices that changed.
 */
let eventCache = new Map<string, string>();

function eventKey(notice: Notice, siteUrl: string): string {
  return JSON.stringify([
    siteUrl,
    notice.reference,
    notice.updatedAt,
    notice.submissionDeadline,
    notice.title,
    notice.organisation.name,
    notice.placeOfPerformance?.name ?? null,
  ]);
}

function calendarOf(siteUrl: string): ICalCalendar {
  return ical({
    name: CALENDAR_NAME,
    description: 'Dates limites de remise des offres des marchés publics ouverts du territoire',
    prodId: { company: 'territoire-achats', product: 'site', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
    url: absoluteUrl('/avis/echeances.ics', siteUrl),
  });
}

/** The VEVENT block of one notice (folded, CRLF-terminated lines), written through ical-generator. */
function eventBlock(notice: Notice, siteUrl: string): string {
  const host = new URL(siteUrl).host;
  const calendar = calendarOf(siteUrl);
  const url = absoluteUrl(noticePath(notice.reference), siteUrl);
  const deadline = new Date(notice.submissionDeadline);
  const modified = new Date(notice.updatedAt);
  calendar.createEvent({
    id: `${notice.reference}@${host}`,
    start: deadline,
    end: deadline,
    // When this version of the event was written: the notice's last change (a calendar published by METHOD:PUBLISH
    // is a snapshot of the events, each stamped with the version it describes).
    stamp: modified,
    lastModified: modified,
    summary: `Date limite : ${notice.title}`,
    description: [
      `${notice.organisation.name} — avis ${notice.reference}.`,
      `Date limite de remise des offres : ${formatDateTime(deadline)}.`,
      url,
    ].join('\n'),
    location: notice.placeOfPerformance?.name ?? null,
    url,
  });
  const text = calendar.toString();
  const start = text.indexOf('BEGIN:VEVENT');
  const end = text.lastIndexOf('END:VEVENT');
  if (start < 0 || end < 0) throw new Error(`ical-generator wrote no event for ${notice.reference}`);
  return text.slice(start, end + 'END:VEVENT'.length) + '\r\n';
}

/**
 * An iCalendar file with one event per open deadline, so a business can subscribe once and see every deadline in
 * its own calendar. Events are instants (the deadline itself), written in UTC so no client misreads the time zone.
 * `builtAt` is kept for the callers' symmetry with the feeds; the file changes only when an open notice does.
 */
export function deadlinesCalendar(
  openNotices: readonly Notice[],
  { siteUrl }: { siteUrl: string; builtAt: Date },
): string {
  const kept = new Map<string, string>();
  const events: string[] = [];
  for (const notice of openNotices) {
    const key = eventKey(notice, siteUrl);
    const block = kept.get(key) ?? eventCache.get(key) ?? eventBlock(notice, siteUrl);
    kept.set(key, block);
    events.push(block);
  }
  // Only the events of notices still open are kept for the next release.
  eventCache = kept;
  const empty = calendarOf(siteUrl).toString();
  const at = empty.lastIndexOf(END);
  // RFC 5545 forbids in text the same control characters as XML: a stray BEL must not make the file unreadable.
  return xmlDocument(empty.slice(0, at) + events.join('') + empty.slice(at));
}
