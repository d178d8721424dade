import { createRequire } from 'node:module';
import icalGenerator from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../format/date.js';
import type { Notice } from '../hub/types.js';
import { aNotice, LE_MUY } from '../test-support/builders.js';
import { deadlinesCalendar } from './calendar.js';

// node-ical is CommonJS; an independent parser checks what ical-generator writes.
const ical = createRequire(import.meta.url)('node-ical') as typeof import('node-ical');

describe('iCalendar of open deadlines', () => {
  const text = deadlinesCalendar(
    [
      aNotice({ reference: '2026-DRA-0001', title: 'Entretien, espaces verts; lot 1' }),
      aNotice({
        reference: '2026-DRA-0002',
        submissionDeadline: '2026-12-20T11:00:00Z',
        placeOfPerformance: { inseeCode: LE_MUY.inseeCode, name: LE_MUY.name, slug: LE_MUY.slug },
      }),
    ],
    { siteUrl: 'https://marches.example.org', builtAt: new Date('2026-12-01T09:00:00Z') },
  );
  const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as import('node-ical').VEvent[];

  it('has one event per notice, at the exact deadline', () => {
    expect(events).toHaveLength(2);
    const first = events.find((e) => e.uid === '2026-DRA-0001@marches.example.org')!;
    expect(first.start.toISOString()).toBe('2026-12-14T11:00:00.000Z');
    expect(first.summary).toBe('Date limite : Entretien, espaces verts; lot 1');
    expect(first.description).toContain('lundi 14 décembre 2026 à 12 h 00');
    const url = first.url as unknown as string | { val: string };
    expect(typeof url === 'string' ? url : url.val).toBe('https://marches.example.org/avis/2026-DRA-0001/');
  });

  it('gives the place of performance as location', () => {
    expect(events.find((e) => e.uid.startsWith('2026-DRA-0002'))!.location).toBe('Le Muy');
  });

  it('is a publishable calendar', () => {
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('METHOD:PUBLISH');
    expect(text).toContain('X-WR-CALNAME:Dates limites des avis ouverts');
  });
});

describe('iCalendar of open deadlines, from one release to the next', () => {
  const site = { siteUrl: 'https://marches.example.org', builtAt: new Date('2026-12-01T09:00:00Z') };
  const first = aNotice({ reference: '2026-DRA-0101', title: 'Réfection de la toiture de l’école' });
  const second = aNotice({ reference: '2026-DRA-0102', title: 'Fourniture de repas' });

  it('writes the same file for the same open notices, whatever was written before', () => {
    const once = deadlinesCalendar([first, second], site);
    deadlinesCalendar([second], site);
    expect(deadlinesCalendar([first, second], site)).toBe(once);
    expect(deadlinesCalendar([first, second], { ...site, builtAt: new Date('2026-12-02T09:00:00Z') })).toBe(once);
  });

  it('writes a corrected notice’s event again, and forgets a closed one', () => {
    deadlinesCalendar([first, second], site);
    const corrected = { ...first, title: 'Réfection de la toiture du gymnase', updatedAt: '2026-12-03T10:00:00Z' };
    const text = deadlinesCalendar([corrected], site);
    expect(text).toContain('Date limite : Réfection de la toiture du gymnase');
    expect(text).not.toContain('école');
    expect(text).not.toContain('2026-DRA-0102');
    const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as import('node-ical').VEvent[];
    expect(events.map((event) => event.uid)).toEqual(['2026-DRA-0101@marches.example.org']);
  });
});

describe('iCalendar of many open deadlines, joined from the runs of events kept between releases', () => {
  const site = { siteUrl: 'https://marches.example.org', builtAt: new Date('2026-12-01T09:00:00Z') };
  const many = Array.from({ length: 3_000 }, (_, index) => aNotice({ reference: `2026-DRA-${String(index + 1).padStart(4, '0')}`, title: `Marché n° ${index + 1}` }));
  /** The calendar of `notices` from each one's own event, as a calendar of that notice alone gives it. */
  const eachAlone = (notices: readonly Notice[]) => {
    const empty = deadlinesCalendar([], site);
    const events = notices.map((notice) => {
      const alone = deadlinesCalendar([notice], site);
      return alone.slice(alone.indexOf('BEGIN:VEVENT'), alone.lastIndexOf('END:VCALENDAR'));
    });
    const end = empty.lastIndexOf('END:VCALENDAR');
    return `${empty.slice(0, end)}${events.join('')}${empty.slice(end)}`;
  };

  it('gives every event once, in order, after notices are published, corrected and closed between two calendars', () => {
    const first = deadlinesCalendar(many, site);
    const corrected = { ...many[1_500]!, title: 'Marché corrigé', updatedAt: '2026-12-03T10:00:00Z' };
    const published = aNotice({ reference: '2026-DRA-9999', title: 'Marché publié' });
    const next = [...many.slice(0, 10), published, ...many.slice(10, 1_500), corrected, ...many.slice(1_501, 2_990)];
    const second = deadlinesCalendar(next, site);
    expect(second).toContain('Marché corrigé');
    expect(second).not.toContain('2026-DRA-2995');
    expect(first).toBe(eachAlone(many));
    expect(second).toBe(eachAlone(next));
    expect(deadlinesCalendar(many, site)).toBe(first);
  });
});

describe('iCalendar events, written without ical-generator', () => {
  const siteUrl = 'https://marches.example.org';

  /** A notice's VEVENT as ical-generator writes it (the calendar once wrote each event through it). */
  function asIcalGeneratorWrites(notice: Notice): string {
    const calendar = icalGenerator({ name: 'x' });
    const url = `${siteUrl}/avis/${notice.reference}/`;
    const deadline = new Date(notice.submissionDeadline);
    const modified = new Date(notice.updatedAt);
    calendar.createEvent({
      id: `${notice.reference}@marches.example.org`,
      start: deadline,
      end: deadline,
      stamp: modified,
      lastModified: modified,
      summary: `Date limite : ${notice.title}`,
      description: [`${notice.organisation.name} — avis ${notice.reference}.`, `Date limite de remise des offres : ${formatDateTime(deadline)}.`, url].join('\n'),
      location: notice.placeOfPerformance?.name ?? null,
      url,
    });
    const text = calendar.toString();
    return text.slice(text.indexOf('BEGIN:VEVENT'), text.lastIndexOf('END:VEVENT') + 'END:VEVENT'.length) + '\r\n';
  }

  const place = (name: string) => ({ inseeCode: LE_MUY.inseeCode, name, slug: LE_MUY.slug });
  const notices = [
    aNotice({ reference: '2026-DRA-0201' }),
    aNotice({ reference: '2026-DRA-0202', title: 'Court', placeOfPerformance: place('Le Muy'), updatedAt: '2026-11-12T09:30:45.678Z' }),
    // Folded lines: accents (two octets), a euro sign (three), emoji (surrogate pairs, four) across the 74-octet limit.
    aNotice({ reference: '2026-DRA-0203', title: `Réfection ${'é'.repeat(40)} des toitures — lot à 1 000 € ${'😀'.repeat(30)}` }),
    aNotice({ reference: '2026-DRA-0204', title: `${'a'.repeat(73)}é${'b'.repeat(80)}€${'c'.repeat(72)}😀😀` }),
    // Escapes: backslash, comma, semicolon, line breaks; a lone surrogate (three octets once encoded).
    aNotice({ reference: '2026-DRA-0205', title: 'Lot 1, lot 2; lot 3 \\ suite\r\nligne 2\rligne 3\nfin', placeOfPerformance: place('Saint-Antonin, Var; sud') }),
    aNotice({ reference: '2026-DRA-0206', title: `${'x'.repeat(58)}\ud83d€${'z'.repeat(70)}\ud83d` }),
    aNotice({ reference: '2026-DRA-0207', organisation: { ...aNotice().organisation, name: `Syndicat ${'intercommunal '.repeat(12)}` } }),
  ];

  it('writes each event byte for byte as ical-generator did, folded lines and escapes included', () => {
    const text = deadlinesCalendar(notices, { siteUrl, builtAt: new Date('2026-12-01T09:00:00Z') });
    const events = text.slice(text.indexOf('BEGIN:VEVENT'), text.lastIndexOf('END:VCALENDAR'));
    expect(events).toBe(notices.map(asIcalGeneratorWrites).join('').replace(/\ud83d(?![\udc00-\udfff])/g, ''));
    // No line longer than 75 octets.
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
