import { describe, expect, it } from 'vitest';
import { PROCEDURES } from '../notices/response-times.js';
import { EMPTY_CRITERIA, checkCriteria, cpvDigits, foldText, matchesCriteria, type AlertCriteria, type MatchableNotice } from './alert-criteria.js';

const LORGUES = '83072';
const DRAGUIGNAN = '83050';

const notice: MatchableNotice = {
  communeInsee: LORGUES,
  buyerSlug: 'commune-de-lorgues',
  familySlug: 'espaces-verts',
  cpvCodes: ['77310000-6', '45112710-5'],
  text: 'Entretien des espaces verts du stade — Lot 1 : tonte ; Lot 2 : élagage des platanes',
  estimatedValue: 120_000,
  procedure: 'ADAPTED',
};
const criteria = (overrides: Partial<AlertCriteria>): AlertCriteria => ({ ...EMPTY_CRITERIA, ...overrides });

describe('matching a notice against alert criteria', () => {
  it('matches everything when no criterion is set', () => {
    expect(matchesCriteria(EMPTY_CRITERIA, notice)).toBe(true);
  });

  describe('where or who: communes and buyers are one criterion', () => {
    it.each([
      ['the notice’s commune', { communes: [LORGUES] }, true],
      ['one of several communes', { communes: [DRAGUIGNAN, LORGUES] }, true],
      ['another commune', { communes: [DRAGUIGNAN] }, false],
      ['the buyer', { buyers: ['commune-de-lorgues'] }, true],
      ['another buyer', { buyers: ['ville-de-draguignan'] }, false],
      ['another commune but the buyer', { communes: [DRAGUIGNAN], buyers: ['commune-de-lorgues'] }, true],
      ['another commune and another buyer', { communes: [DRAGUIGNAN], buyers: ['ville-de-draguignan'] }, false],
    ] as Array<[string, Partial<AlertCriteria>, boolean]>)('%s: %s', (_what, overrides, expected) => {
      expect(matchesCriteria(criteria(overrides), notice)).toBe(expected);
    });

    it('a notice with no commune matches a commune criterion only through its buyer', () => {
      const withoutCommune = { ...notice, communeInsee: null, buyerSlug: 'dracenie-provence-verdon-agglomeration' };
      expect(matchesCriteria(criteria({ communes: [LORGUES] }), withoutCommune)).toBe(false);
      expect(matchesCriteria(criteria({ communes: [LORGUES], buyers: ['dracenie-provence-verdon-agglomeration'] }), withoutCommune)).toBe(true);
    });
  });

  it.each([
    [['espaces-verts'], 'espaces-verts', true],
    [['nettoyage', 'espaces-verts'], 'espaces-verts', true],
    [['nettoyage'], 'espaces-verts', false],
    [['espaces-verts'], null, false],
    [[], null, true],
  ])('families %j against a notice of family %s: %s', (families, familySlug, expected) => {
    expect(matchesCriteria(criteria({ families }), { ...notice, familySlug })).toBe(expected);
  });

  it.each(PROCEDURES.flatMap((wanted) => PROCEDURES.map((actual) => [wanted, actual] as const)))('procedure %s wanted, notice in %s', (wanted, actual) => {
    expect(matchesCriteria(criteria({ procedures: [wanted] }), { ...notice, procedure: actual })).toBe(wanted === actual);
  });

  it.each([
    [['77'], true, 'a division'],
    [['7731'], true, 'a class'],
    [['77310000'], true, 'the whole code'],
    [['4511'], true, 'a lot’s code'],
    [['45112710'], true, 'a lot’s whole code'],
    [['773100001'], false, 'longer than the code'],
    [['7732'], false, 'a sibling class'],
    [['90', '45'], true, 'one of several'],
    [['90', '79'], false, 'none of several'],
  ])('CPV prefixes %j: %s (%s)', (cpvPrefixes, expected) => {
    expect(matchesCriteria(criteria({ cpvPrefixes }), notice)).toBe(expected);
  });

  it.each([
    [['espaces verts'], true, 'a phrase, in order'],
    [['verts espaces'], false, 'a phrase, out of order'],
    [['ELAGAGE'], true, 'case and accents ignored'],
    [['élag'], true, 'the start of a word'],
    [['lagage'], false, 'the middle of a word'],
    [['platane'], true, 'a singular finds a plural'],
    [['plomberie', 'tonte'], true, 'one of several'],
    [['plomberie', 'toiture'], false, 'none of several'],
    [['vert'], true, 'a word start'],
    [['ouvert'], false, 'absent'],
  ])('keywords %j: %s (%s)', (keywords, expected) => {
    expect(matchesCriteria(criteria({ keywords }), notice)).toBe(expected);
  });

  it.each([
    [null, null, 120_000, true],
    [100_000, null, 120_000, true],
    [120_000, null, 120_000, true],
    [120_001, null, 120_000, false],
    [null, 120_000, 120_000, true],
    [null, 119_999, 120_000, false],
    [50_000, 200_000, 120_000, true],
    [150_000, 200_000, 120_000, false],
    [150_000, 200_000, null, true],
    [null, 10_000, null, true],
  ])('amount from %s to %s, notice estimated at %s: %s', (minAmount, maxAmount, estimatedValue, expected) => {
    expect(matchesCriteria(criteria({ minAmount, maxAmount }), { ...notice, estimatedValue })).toBe(expected);
  });

  it('needs every criterion set to match', () => {
    const all = criteria({ communes: [LORGUES], families: ['espaces-verts'], cpvPrefixes: ['77'], keywords: ['tonte'], minAmount: 1, maxAmount: 1e6, procedures: ['ADAPTED'] });
    expect(matchesCriteria(all, notice)).toBe(true);
    const breakOne: Array<Partial<AlertCriteria>> = [
      { communes: [DRAGUIGNAN] },
      { families: ['nettoyage'] },
      { cpvPrefixes: ['30'] },
      { keywords: ['toiture'] },
      { minAmount: 200_000 },
      { maxAmount: 1_000 },
      { procedures: ['OPEN'] },
    ];
    for (const change of breakOne) expect(matchesCriteria({ ...all, ...change }, notice), JSON.stringify(change)).toBe(false);
  });
});

describe('texts and codes as compared', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldText('Élagage — des PLATANES, cœur de ville !')).toBe(' elagage des platanes coeur de ville ');
    expect(cpvDigits('45261000-4')).toBe('45261000');
    expect(cpvDigits('4526')).toBe('4526');
  });
});

describe('checking criteria from a form', () => {
  it('trims, deduplicates and keeps the CPV digits', () => {
    const result = checkCriteria(criteria({ keywords: [' tonte ', 'tonte', ''], cpvPrefixes: ['77310000-6', '4526'], communes: [LORGUES, LORGUES] }));
    expect(result).toEqual({ ok: true, criteria: criteria({ keywords: ['tonte'], cpvPrefixes: ['77310000', '4526'], communes: [LORGUES] }) });
  });

  it.each([
    ['communes', { communes: ['Lorgues'] }],
    ['buyers', { buyers: ['<script>'] }],
    ['families', { families: ['Espaces Verts'] }],
    ['cpvPrefixes', { cpvPrefixes: ['7'] }],
    ['cpvPrefixes', { cpvPrefixes: ['abc'] }],
    ['procedures', { procedures: ['AUCTION' as never] }],
    ['keywords', { keywords: ['x'.repeat(81)] }],
    ['keywords', { keywords: ['—'] }],
    ['keywords', { keywords: Array.from({ length: 21 }, (_, index) => `mot${index}`) }],
    ['communes', { communes: Array.from({ length: 51 }, (_, index) => String(83000 + index)) }],
    ['minAmount', { minAmount: -1 }],
    ['maxAmount', { maxAmount: Number.NaN }],
    ['maxAmount', { minAmount: 10, maxAmount: 5 }],
  ] as const)('refuses a bad %s, naming it', (field, overrides) => {
    const result = checkCriteria(criteria(overrides as Partial<AlertCriteria>));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.message).toMatch(/[a-zé]/);
    }
  });

  describe('a planned purchase: its amount is a band, matched by overlap', () => {
    const plan: MatchableNotice = { ...notice, estimatedValue: null, amountRange: { min: 40_000, max: 90_000 } };
    it.each([
      ['no range', null, null, true],
      ['a range inside the band', 50_000, 60_000, true],
      ['a minimum below the band', 10_000, null, true],
      ['a minimum at the band’s upper edge (excluded)', 90_000, null, false],
      ['a minimum above the band', 100_000, null, false],
      ['a maximum at the band’s lower edge (included)', null, 40_000, true],
      ['a maximum below the band', null, 39_999, false],
    ] as Array<[string, number | null, number | null, boolean]>)('%s: %s', (_what, minAmount, maxAmount, expected) => {
      expect(matchesCriteria(criteria({ minAmount, maxAmount }), plan)).toBe(expected);
    });
    it('a band with no upper edge matches any minimum', () => {
      expect(matchesCriteria(criteria({ minAmount: 50_000_000 }), { ...plan, amountRange: { min: 5_000_000, max: null } })).toBe(true);
    });
  });
});
