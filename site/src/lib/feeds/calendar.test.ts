import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
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
