import { describe, expect, it } from 'vitest';
import { REFERENCE_CODE, ReferenceCodes } from './reference-codes.js';

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const EVERY_THREE_LETTER_CODE = LETTERS.flatMap((a) => LETTERS.flatMap((b) => LETTERS.map((c) => a + b + c)));

describe('reference codes of organisations', () => {
  it('takes the first three letters of the name’s first significant word, then other letters of the name', () => {
    const codes = new ReferenceCodes(['DRA']);
    expect(codes.take('Le Muy')).toBe('MUY');
    expect(codes.take('Draguignan')).toBe('DRG');
    expect(codes.take('Draguignan')).toBe('DRU');
  });

  it('gives the first free three-letter code in alphabetical order when the name’s letters are all taken', () => {
    const codes = new ReferenceCodes(['VIL', 'VIE', 'VLL', 'VLE', 'VEL', 'AAA', 'AAC']);
    expect([codes.take('Ville'), codes.take('Ville'), codes.take('Ville')]).toEqual(['AAB', 'AAD', 'AAE']);
  });

  it('gives four letters, from the name first, once every three-letter code is taken, and never a code twice', () => {
    const codes = new ReferenceCodes(EVERY_THREE_LETTER_CODE);
    const given = [codes.take('Marseille'), codes.take('Marseille'), codes.take('Ville de Marseille'), codes.take('Y'), codes.take('Y')];
    expect(given).toEqual(['MARS', 'MARE', 'VILL', 'AAAA', 'AAAB']);
    for (const code of given) expect(code).toMatch(REFERENCE_CODE);
    // Every letter of « Mars » taken in four-letter codes too: the first free four-letter code.
    expect(codes.take('Mars')).toBe('AAAC');
  });

  it('keeps giving distinct codes past the 17,576 three-letter ones, each matching the reference format', () => {
    const codes = new ReferenceCodes();
    const given = Array.from({ length: 20_000 }, (_, i) => codes.take(`Commune ${i % 7 === 0 ? 'de Saint-Cyr' : 'du Luc'}`));
    expect(new Set(given).size).toBe(20_000);
    expect(given.filter((code) => code.length === 3)).toHaveLength(17_576);
    expect(given.slice(17_576).every((code) => code.length === 4 && REFERENCE_CODE.test(code))).toBe(true);
  });
});
