import { describe, expect, it } from 'vitest';
import type { ImportedNotice } from './imported-notice.js';
import { recordProblems } from './notice-rules.js';

const NOW = new Date('2026-12-01T09:00:00Z');

function record(changes: Partial<ImportedNotice> = {}): ImportedNotice {
  return {
    sourceSystem: 'DECP',
    sourceId: 'X1',
    kind: 'contract',
    location: 'line 2',
    buyer: { name: 'Draguignan', siret: '21830050700017', siren: '218300507', country: 'FR' },
    title: 'Travaux de voirie',
    description: 'Travaux de voirie',
    nature: 'WORKS',
    procedure: 'OPEN',
    mainCpv: '45233140',
    additionalCpvs: [],
    estimatedValue: null,
    publishedAt: new Date('2025-05-15T00:00:00+02:00'),
    submissionDeadline: null,
    electronicSubmission: true,
    buyerProfileUrl: null,
    contactEmail: null,
    socialClause: false,
    environmentalClause: false,
    reservedFor: 'NONE',
    framework: null,
    lots: [
      {
        number: 1,
        title: 'Lot unique',
        cpv: null,
        estimatedValue: null,
        award: { suppliers: [{ name: 'Routes d’Azur TP', siret: '85678901100017' }], sme: null, amount: 312000, awardedOn: '2025-05-02', contract: null },
        unsuccessfulReason: null,
      },
    ],
    cancelled: false,
    warnings: [],
    ...changes,
  };
}

const withAward = (changes: Partial<NonNullable<ImportedNotice['lots'][number]['award']>>) => {
  const base = record();
  return record({ lots: [{ ...base.lots[0]!, award: { ...base.lots[0]!.award!, ...changes } }] });
};

const fields = (notice: ImportedNotice, callPublishedAt: Date | null = null) => recordProblems(notice, NOW, callPublishedAt).map((problem) => problem.field);

describe('the rules an imported record meets before it is written', () => {
  it('accepts a plausible record: past dates from 2000, amounts from 0 to 100 billion euros, plain text', () => {
    expect(recordProblems(record(), NOW, null)).toEqual([]);
    expect(fields(withAward({ amount: 0 }))).toEqual([]);
    expect(fields(withAward({ amount: 100_000_000_000 }))).toEqual([]);
    expect(fields(record({ publishedAt: new Date('2000-01-01T00:00:00+01:00') }))).toEqual([]);
  });

  it('refuses a publication before 2000 or after today, naming the field', () => {
    expect(recordProblems(record({ publishedAt: new Date('1900-01-01T00:00:00Z') }), NOW, null)).toEqual([
      { field: 'publishedAt', reason: 'ne peut précéder le 1 janvier 2000' },
    ]);
    expect(fields(record({ publishedAt: new Date('2026-12-02T09:00:00Z') }))).toEqual(['publishedAt']);
  });

  it('refuses a deadline more than five years ahead or before 2000, but keeps a past one (imports are mostly closed calls)', () => {
    expect(fields(record({ submissionDeadline: new Date('2032-01-01T00:00:00Z') }))).toEqual(['submissionDeadline']);
    expect(fields(record({ submissionDeadline: new Date('1999-12-30T00:00:00Z') }))).toEqual(['submissionDeadline']);
    expect(fields(record({ submissionDeadline: new Date('2017-02-07T11:00:00Z') }))).toEqual([]);
  });

  it('refuses amounts that are negative, not finite or above 100 billion euros, wherever they are', () => {
    expect(fields(withAward({ amount: 1e308 }))).toEqual(['lot 1.award.amount']);
    expect(fields(withAward({ amount: -1 }))).toEqual(['lot 1.award.amount']);
    expect(fields(withAward({ amount: Number.POSITIVE_INFINITY }))).toEqual(['lot 1.award.amount']);
    expect(fields(record({ estimatedValue: 100_000_000_001 }))).toEqual(['estimatedValue']);
    expect(fields(record({ framework: { maximumAmount: -5, durationMonths: 12, supplierMode: 'SINGLE' } }))).toEqual(['framework.maximumAmount']);
    const base = record();
    expect(fields(record({ lots: [{ ...base.lots[0]!, estimatedValue: Number.NaN }] }))).toEqual(['lot 1.estimatedValue']);
  });

  it('refuses an award date before 2000, in the future, or before the publication of the call it follows', () => {
    expect(fields(withAward({ awardedOn: '1999-12-31' }))).toEqual(['lot 1.award.awardedOn']);
    expect(fields(withAward({ awardedOn: '2026-12-02' }))).toEqual(['lot 1.award.awardedOn']);
    const call = new Date('2025-05-10T00:00:00+02:00');
    expect(recordProblems(withAward({ awardedOn: '2025-05-02' }), NOW, call)).toEqual([
      { field: 'lot 1.award.awardedOn', reason: 'ne peut précéder la publication de l’avis (le 10 mai 2025)' },
    ]);
    expect(fields(withAward({ awardedOn: '2025-05-10' }), call)).toEqual([]);
    // Without a known call, the award data's own publication date (after the award by nature) is not compared.
    expect(fields(withAward({ awardedOn: '2025-05-02' }), null)).toEqual([]);
  });

  it('refuses C0 control and bidirectional override characters in every text it stores', () => {
    const rlo = String.fromCharCode(0x202e);
    const nul = String.fromCharCode(0);
    expect(fields(record({ title: `Voirie ${rlo}fdp.exe` }))).toEqual(['title']);
    expect(fields(record({ description: `a${nul}b` }))).toEqual(['description']);
    expect(fields(record({ buyer: { ...record().buyer, name: `Ville${String.fromCharCode(0x1b)}[2J` } }))).toEqual(['buyer.name']);
    expect(fields(withAward({ suppliers: [{ name: `SARL ${String.fromCharCode(0x2066)}X`, siret: null }] }))).toEqual(['lot 1.award.suppliers[0].name']);
    expect(fields(record({ title: 'Ligne 1\r\nLigne 2\tfin' }))).toEqual([]);
  });

  it('lists every refused field of a record at once', () => {
    expect(fields(record({ publishedAt: new Date('1900-01-01T00:00:00Z'), estimatedValue: -1, title: String.fromCharCode(7) }))).toEqual([
      'publishedAt',
      'estimatedValue',
      'title',
    ]);
  });
});
