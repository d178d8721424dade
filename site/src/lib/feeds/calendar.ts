import ical, { ICalCalendarMethod, type ICalCalendar } from 'ical-generator';
import { formatDateTime } from '../format/date.js';
import type { Notice } from '../hub/types.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { xmlDocument } from './xml-text.js';

const CALENDAR_NAME = 'Dates limites des avis ouverts — Dracénie Provence Verdon';
const END = 'END:VCALENDAR';

/**
 * One notice's VEVENT as text. ical-generator folds lines one character at a time (a TextEncoder per character): at
 * 10,000 open notices, writing the calendar took 7 s of every release, a third of an incremental release's CPU; it is
 * written directly here (eventBlock). A notice's event depends only on the notice and the site's address: the runs of
 * events below are kept between releases, and only a run whose notices changed is written again.
 */
function eventText(notice: Notice, siteUrl: string): string {
  // RFC 5545 forbids in text the same control characters as XML: a stray BEL must not make the file unreadable.
  // Removed per event, lines already folded, as they were from the whole file: no character spans two events.
  return xmlDocument(eventBlock(notice, siteUrl));
}

/** The calendar's head and tail (everything but the events) by site address: the same at every release. */
const frames = new Map<string, { head: Buffer; tail: Buffer }>();

function frameOf(siteUrl: string): { head: Buffer; tail: Buffer } {
  let frame = frames.get(siteUrl);
  if (!frame) {
    const empty = xmlDocument(calendarOf(siteUrl).toString());
    const at = empty.lastIndexOf(END);
    frame = { head: Buffer.from(empty.slice(0, at), 'utf8'), tail: Buffer.from(empty.slice(at), 'utf8') };
    frames.set(siteUrl, frame);
  }
  return frame;
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
 * Runs of consecutive events joined into one buffer, so that a release does not copy one piece per open notice
 * (50,000 pieces cost about a tenth of a second of each publication at 50,000 open notices, for a 25 MB file). A run
 * ends after a notice whose reference hashes to a boundary (about one in BLOCK_SPAN), whatever its place in the list:
 * a notice published or closed changes its own run only, and the runs around it are the previous release's buffers.
 */
const BLOCK_SPAN = 256;

/** Whether the calendar's runs end after the notice with this reference (FNV-1a of its code units). */
function endsBlock(reference: string): boolean {
  let hash = 0x811c9dc5;
  for (let index = 0; index < reference.length; index++) {
    hash ^= reference.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BLOCK_SPAN === 0;
}

interface Block {
  notices: readonly Notice[];
  bytes: Buffer;
}

/** The runs of the last calendar written, by site address and by their first notice. */
const blocksMade = new Map<string, Map<Notice, Block>>();

/** The events of `notices` as runs, each made again only when its notices are not the same objects as before. */
function eventBlocks(notices: readonly Notice[], siteUrl: string): Buffer[] {
  const before = blocksMade.get(siteUrl) ?? new Map<Notice, Block>();
  const kept = new Map<Notice, Block>();
  const blocks: Buffer[] = [];
  let from = 0;
  for (let index = 0; index < notices.length; index++) {
    if (index < notices.length - 1 && !endsBlock(notices[index]!.reference)) continue;
    const run = notices.slice(from, index + 1);
    const first = run[0]!;
    const previous = before.get(first);
    const block =
      previous && previous.notices.length === run.length && previous.notices.every((notice, at) => notice === run[at])
        ? previous
        : // Its events written again (about 256 of them), not kept one by one: the runs hold the file's bytes once
          // (25 MB at 50,000 open notices), each event's own bytes kept beside them held them twice.
          { notices: run, bytes: Buffer.from(run.map((notice) => eventText(notice, siteUrl)).join(''), 'utf8') };
    kept.set(first, block);
    blocks.push(block.bytes);
    from = index + 1;
  }
  // Only the runs of this calendar are kept: no notice of an older one is held.
  blocksMade.set(siteUrl, kept);
  return blocks;
}

/**
 * An iCalendar file with one event per open deadline, so a business can subscribe once and see every deadline in
 * its own calendar. Events are instants (the deadline itself), written in UTC so no client misreads the time zone.
 * `builtAt` is kept for the callers' symmetry with the feeds; the file changes only when an open notice does.
 */
export function deadlinesCalendarBytes(openNotices: readonly Notice[], options: { siteUrl: string; builtAt: Date }): Buffer {
  return Buffer.concat(deadlinesCalendarPieces(openNotices, options));
}

/**
 * The same calendar as the buffers it is joined from (its head, runs of events, its tail), for a page to answer as a
 * stream: 25 MB at 50,000 open notices, which a release then writes as it comes rather than copying it whole twice.
 */
export function deadlinesCalendarPieces(openNotices: readonly Notice[], { siteUrl }: { siteUrl: string; builtAt: Date }): Buffer[] {
  const { head, tail } = frameOf(siteUrl);
  return [head, ...eventBlocks(openNotices, siteUrl), tail];
}

/** The same calendar as text. */
export function deadlinesCalendar(openNotices: readonly Notice[], options: { siteUrl: string; builtAt: Date }): string {
  return deadlinesCalendarBytes(openNotices, options).toString('utf8');
}
