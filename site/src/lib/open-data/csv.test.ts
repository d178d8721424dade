import { describe, expect, it } from 'vitest';
import { escapeCsvField, toCsv } from './csv.js';

describe('CSV escaping (RFC 4180)', () => {
  it.each([
    ['simple', 'simple'],
    ['Entretien, tonte', '"Entretien, tonte"'],
    ['Le "Clos" fleuri', '"Le ""Clos"" fleuri"'],
    ['ligne 1\nligne 2', '"ligne 1\nligne 2"'],
    ['retour\r', '"retour\r"'],
    [' espace devant', '" espace devant"'],
    ['accents é à ç', 'accents é à ç'],
    [1250000.5, '1250000.5'], // a dot, not the French comma, so every reader parses it
    [0, '0'],
    [true, 'oui'],
    [false, 'non'],
    [null, ''],
    [undefined, ''],
  ])('writes %j as %j', (value, expected) => {
    expect(escapeCsvField(value)).toBe(expected);
  });

  it('writes a BOM, a header and CRLF-terminated rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'z']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n,z\r\n');
  });
});
