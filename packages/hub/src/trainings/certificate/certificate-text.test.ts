import { describe, expect, it } from 'vitest';
import { frenchDay, frenchHours, frenchSessionDates, frenchTime } from './certificate-text.js';
import { toWinAnsi } from './certificate-pdf.js';

describe('French wording of a certificate', () => {
  it.each([
    ['2026-03-12T08:00:00Z', 'jeudi 12 mars 2026', '9 h 00'],
    ['2026-07-01T12:30:00Z', 'mercredi 1er juillet 2026', '14 h 30'],
    // 23:30 UTC on 31 October is already 1 November in Paris.
    ['2026-10-31T23:30:00Z', 'dimanche 1er novembre 2026', '0 h 30'],
  ])('reads %s in Europe/Paris as %s at %s', (instant, day, time) => {
    expect(frenchDay(new Date(instant))).toBe(day);
    expect(frenchTime(new Date(instant))).toBe(time);
  });

  it('says one day with its hours, or the span of several days', () => {
    expect(frenchSessionDates(new Date('2026-03-12T08:00:00Z'), new Date('2026-03-12T16:00:00Z'))).toBe('le jeudi 12 mars 2026, de 9 h 00 à 17 h 00');
    expect(frenchSessionDates(new Date('2026-03-12T08:00:00Z'), new Date('2026-03-13T15:30:00Z'))).toBe(
      'du jeudi 12 mars 2026 à 9 h 00 au vendredi 13 mars 2026 à 16 h 30',
    );
  });

  it.each([
    [1, '1 heure'],
    [1.5, '1,5 heure'],
    [3.5, '3,5 heures'],
    [14, '14 heures'],
  ])('writes %d hours as « %s »', (hours, text) => {
    expect(frenchHours(hours)).toBe(text);
  });

  it('keeps French letters and punctuation for the standard fonts, and folds the others', () => {
    expect(toWinAnsi('Hélène Lefèvre-Œuvré « déontologie » — l’œil, 12 000 €')).toBe('Hélène Lefèvre-Œuvré « déontologie » — l’œil, 12 000 €');
    expect(toWinAnsi('Łukasz Wałęsa, Antonín Dvořák, Ştefan')).toBe('Lukasz Walesa, Antonín Dvorák, Stefan');
    expect(toWinAnsi('王')).toBe('?');
  });
});
