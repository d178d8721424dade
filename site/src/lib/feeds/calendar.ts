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

/** Text as ical-generator escapes it in a property value (backslash, comma, semicolon; line breaks as `\n`). */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/(?:\r\n|\r|\n)/g, '\\n');
}

/** An instant in UTC as iCalendar writes it: `20261214T110000Z`. */
function utcStamp(instant: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${instant.getUTCFullYear()}${two(instant.getUTCMonth() + 1)}${two(instant.getUTCDate())}` +
    `T${two(instant.getUTCHours())}${two(instant.getUTCMinutes())}${two(instant.getUTCSeconds())}Z`
  );
}

/** The UTF-8 length of a code unit outside a surrogate pair (a lone surrogate encodes as U+FFFD, three octets). */
function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
}

/**
 * One content line folded as ical-generator folds it (RFC 5545 § 3.1): a break before the character that would take
 * the line past 74 octets, the next line starting with a space; a character (a surrogate pair) is never split.
 */
export function foldLine(line: string): string {
  // At most three octets per code unit: a line this short needs no fold.
  if (line.length * 3 <= 74) return line;
  let result = '';
  let from = 0;
  let octets = 0;
  for (let index = 0; index < line.length; index++) {
    const start = index;
    const code = line.charCodeAt(index);
    let size: number;
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < line.length) {
      // ical-generator takes the next code unit with a high surrogate, whatever it is.
      const next = line.charCodeAt(++index);
      size = next >= 0xdc00 && next <= 0xdfff ? 4 : 3 + utf8Length(next);
    } else size = utf8Length(code);
    octets += size;
    if (octets > 74) {
      result += `${line.slice(from, start)}\r\n `;
      from = start;
      octets = size;
    }
  }
  return result + line.slice(from);
}

/**
 * The VEVENT block of one notice (folded, CRLF-terminated lines), byte for byte what ical-generator writes for it
 * (calendar.test.ts compares them), written directly: ical-generator folds lines with a TextEncoder per character,
 * which took 18 s of a full build at 10,000 open notices.
 */
function eventBlock(notice: Notice, siteUrl: string): string {
  const host = new URL(siteUrl).host;
  const url = absoluteUrl(noticePath(notice.reference), siteUrl);
  const deadline = utcStamp(new Date(notice.submissionDeadline));
  // When this version of the event was written: the notice's last change (a calendar published by METHOD:PUBLISH
  // is a snapshot of the events, each stamped with the version it describes).
  const modified = utcStamp(new Date(notice.updatedAt));
  const description = [
    `${notice.organisation.name} — avis ${notice.reference}.`,
    `Date limite de remise des offres : ${formatDateTime(notice.submissionDeadline)}.`,
    url,
  ].join('\n');
  const location = notice.placeOfPerformance?.name;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${notice.reference}@${host}`,
    'SEQUENCE:0',
    `DTSTAMP:${modified}`,
    `DTSTART:${deadline}`,
    `DTEND:${deadline}`,
    `SUMMARY:${escapeText(`Date limite : ${notice.title}`)}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    `DESCRIPTION:${escapeText(description)}`,
    `URL;VALUE=URI:${escapeText(url)}`,
    `LAST-MODIFIED:${modified}`,
    'END:VEVENT',
  ];
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
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
