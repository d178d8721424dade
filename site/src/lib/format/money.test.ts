import { describe, expect, it } from 'vitest';
import { formatEuros, formatOptionalEuros } from './money.js';

// Intl writes French group separators as narrow no-break spaces and puts a no-break space before the sign.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('amounts in euros', () => {
  it.each([
    [1250000, '1 250 000 €'],
    [0, '0 €'],
    [999, '999 €'],
    [1250.5, '1 250,50 €'],
    [76500.25, '76 500,25 €'],
  ])('writes %d as "%s"', (amount, expected) => {
    expect(plain(formatEuros(amount))).toBe(expected);
  });

  it('keeps the spaces unbreakable so an amount never wraps across two lines', () => {
    expect(formatEuros(1250000)).toBe('1\u202f250\u202f000\u00a0€');
  });

  it('says an unpublished amount is not public instead of writing zero', () => {
    expect(formatOptionalEuros(null)).toBe('non communiqué');
    expect(formatOptionalEuros(null, 'non communiquée')).toBe('non communiquée');
    expect(plain(formatOptionalEuros(80000))).toBe('80 000 €');
  });

  it('refuses amounts that are not numbers', () => {
    expect(() => formatEuros(Number.NaN)).toThrow(RangeError);
  });
});
