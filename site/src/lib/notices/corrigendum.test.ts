import { describe, expect, it } from 'vitest';
import { formatChangeValue } from './corrigendum.js';

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('corrected values as a reader sees them', () => {
  it.each([
    ['submissionDeadline', '2026-12-14T11:00:00.000Z', 'lundi 14 décembre 2026 à 12 h 00'],
    ['submissionDeadline', '2026-12-14T12:00:00+01:00', 'lundi 14 décembre 2026 à 12 h 00'],
    ['awardedOn', '2026-07-03', '3 juillet 2026'],
    ['socialClause', 'true', 'oui'],
    ['environmentalClause', 'false', 'non'],
    ['estimatedValue', '1250000', '1 250 000 €'],
    ['title', 'Réfection de la voirie', 'Réfection de la voirie'],
    ['title', '2026', '2026'], // a number in a text field stays text
    ['estimatedValue', null, '—'],
    ['description', '', '—'],
  ])('%s: %j reads "%s"', (field, value, expected) => {
    expect(plain(formatChangeValue(field, value))).toBe(expected);
  });
});
