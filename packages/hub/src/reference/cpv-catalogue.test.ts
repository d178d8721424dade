import { describe, expect, it } from 'vitest';
import { CpvCatalogue, getCpvCatalogue } from './cpv-catalogue.js';

const catalogue = getCpvCatalogue();
const codes = (text: string, limit?: number) => catalogue.search(text, limit).map((entry) => entry.code);

describe('the CPV 2008 reference file', () => {
  it('holds the 9,454 codes of the main vocabulary, each with a French label', () => {
    expect(catalogue.size).toBe(9454);
    for (const entry of catalogue.all()) {
      expect(entry.code).toMatch(/^\d{8}-\d$/);
      expect(entry.code8).toBe(entry.code.slice(0, 8));
      expect(entry.label.trim()).not.toBe('');
    }
  });

  it('is read once: the singleton is the same object on every call', () => {
    expect(getCpvCatalogue()).toBe(catalogue);
  });

  it('keeps the official labels, accents included', () => {
    expect(catalogue.get('45210000-2')?.label).toBe('Travaux de construction de bâtiments');
    expect(catalogue.get('90910000')?.label).toBe('Services de nettoyage');
    expect(catalogue.get('77310000')?.label).toBe("Réalisation et entretien d'espaces verts");
  });
});

describe('CpvCatalogue.get and normalise', () => {
  it.each([
    ['45210000', '45210000-2'],
    ['45210000-2', '45210000-2'],
    ['  45210000-2 ', '45210000-2'],
    ['03000000-1', '03000000-1'],
    ['98900000', '98900000-2'],
  ])('finds %j as %s', (input, canonical) => {
    expect(catalogue.get(input)?.code).toBe(canonical);
    expect(catalogue.normalise(input)).toBe(canonical);
  });

  it.each([
    ['45210000-3', 'a check digit that is not the list’s'],
    ['45210001', 'a code that is not in the list'],
    ['4521', 'a prefix'],
    ['452100000', 'nine digits'],
    ['45210000-', 'a hyphen without check digit'],
    ['45 210 000', 'inner spaces'],
    ['', 'an empty string'],
    ['AA01-1', 'a supplementary-vocabulary code'],
  ])('finds nothing for %j (%s)', (input) => {
    expect(catalogue.get(input)).toBeUndefined();
    expect(catalogue.normalise(input)).toBeUndefined();
  });
});

describe('CpvCatalogue.search', () => {
  it('puts the exact code first, whether or not the check digit is given', () => {
    expect(codes('45210000')[0]).toBe('45210000-2');
    expect(codes('45210000-2')).toEqual(['45210000-2']);
    expect(codes(' 90910000-9 ')[0]).toBe('90910000-9');
  });

  it('lists a code prefix from the broadest code down', () => {
    const results = codes('4521', 50);
    expect(results[0]).toBe('45210000-2');
    expect(results.every((code) => code.startsWith('4521'))).toBe(true);
    const depth = (code: string) => code.slice(0, 8).replace(/0+$/, '').length;
    expect(results.map(depth)).toEqual([...results.map(depth)].sort((a, b) => a - b));
  });

  it('ignores accents and case in the query and in the labels', () => {
    expect(codes('ELECTRICITE')).toEqual(codes('électricité'));
    expect(codes('electricite')[0]).toBe('09310000-5');
    expect(codes('oeuvres art')).toContain('92311000-4');
  });

  it('requires every word of the query, each matching the start of a label word', () => {
    const results = catalogue.search('nettoyage bureaux', 50);
    expect(results.map((entry) => entry.code)).toContain('90919200-4');
    for (const entry of results) {
      expect(entry.label.toLowerCase()).toMatch(/nettoyage/);
      expect(entry.label.toLowerCase()).toMatch(/bureau/);
    }
    expect(codes('nettoy')).toContain('90910000-9');
    expect(codes('toyage')).toEqual([]);
  });

  it('does not require articles and prepositions, which labels use inconsistently', () => {
    expect(codes('nettoyage des bureaux')).toEqual(codes('nettoyage bureaux'));
    expect(codes("entretien d'espaces verts")).toContain('77310000-6');
  });

  it('puts labels that start with the query before labels that merely contain it', () => {
    const results = catalogue.search('nettoyage', 100);
    const startsWith = (label: string) => /^nettoyage/i.test(label);
    const firstOther = results.findIndex((entry) => !startsWith(entry.label));
    expect(firstOther).toBeGreaterThan(0);
    expect(results.slice(firstOther).some((entry) => startsWith(entry.label))).toBe(false);
    expect(results.slice(firstOther).map((entry) => entry.code)).toContain('90910000-9');
    expect(codes('travaux de construction')[0]).toBe('45000000-7');
  });

  it('mixes code prefixes and words', () => {
    const results = catalogue.search('45 toiture', 50);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((entry) => entry.code.startsWith('45') && /toiture/i.test(entry.label))).toBe(true);
  });

  it.each([
    ['restauration scolaire', '55523100-3'],
    ['téléphonie mobile', '64212000-5'],
    ['espaces verts', '77310000-6'],
    ['collecte ordures menageres', '90511200-4'],
    ['leasing', '66114000-2'],
  ])('finds what a buyer would type: %j', (text, expected) => {
    expect(codes(text)).toContain(expected);
  });

  it('returns at most `limit` results, 20 by default', () => {
    expect(codes('services')).toHaveLength(20);
    expect(codes('services', 5)).toHaveLength(5);
    expect(codes('services', 0)).toEqual([]);
  });

  it.each(['', '   ', "'-", 'xyzzy', '45210000-3'])('returns nothing for %j', (text) => {
    expect(codes(text)).toEqual([]);
  });
});

describe('CpvCatalogue built from its own pairs', () => {
  it('rejects malformed and duplicate codes, so a bad data refresh fails at load', () => {
    expect(() => new CpvCatalogue([['45210000', 'Sans chiffre de contrôle']])).toThrow(/Malformed CPV code/);
    expect(() => new CpvCatalogue([['4521000-2', 'Sept chiffres']])).toThrow(/Malformed CPV code/);
    expect(
      () =>
        new CpvCatalogue([
          ['45210000-2', 'Travaux'],
          ['45210000-2', 'Travaux encore'],
        ]),
    ).toThrow(/Duplicate CPV code/);
  });

  it('ranks equal codes by label length, then by code', () => {
    const small = new CpvCatalogue([
      ['90000000-7', 'Services de nettoyage et autres services très longs'],
      ['91000000-0', 'Nettoyage'],
      ['92000000-1', 'Services de nettoyage'],
      ['93000000-2', 'Services de nettoyage'],
    ]);
    expect(small.search('nettoyage').map((entry) => entry.code)).toEqual([
      '91000000-0',
      '92000000-1',
      '93000000-2',
      '90000000-7',
    ]);
  });
});
