import { describe, expect, it } from 'vitest';
import { parseCsv } from '../test-support/csv.js';
import { PLAN_COLUMNS, planCsv } from './csv.js';
import { aPlannedPurchase } from './test-builders.js';
import { amountBandText } from './wording.js';

describe('the plan’s CSV', () => {
  it('writes one row per planned purchase with every documented column, the launched notice’s address included', () => {
    const launched = aPlannedPurchase({ status: 'LAUNCHED', notice: { reference: '2026-DRA-0003', title: 'Avis', publishedAt: '2026-11-01T08:00:00.000Z' } });
    const rows = parseCsv(planCsv([launched, aPlannedPurchase({ reference: 'PREV-2026-DRA-0002' })], 'https://marches.example.fr'));
    expect(rows[0]).toEqual(PLAN_COLUMNS.map((column) => column.name));
    const row = Object.fromEntries(PLAN_COLUMNS.map((column, index) => [column.name, rows[1]![index]]));
    expect(row).toMatchObject({
      reference: 'PREV-2026-DRA-0001',
      url: 'https://marches.example.fr/programmation/PREV-2026-DRA-0001/',
      status: 'LAUNCHED',
      amount_min: '216000',
      amount_max: '1000000',
      environmental_clause: 'oui',
      notice_reference: '2026-DRA-0003',
      notice_url: 'https://marches.example.fr/avis/2026-DRA-0003/',
    });
    expect(rows[2]![PLAN_COLUMNS.findIndex((column) => column.name === 'notice_url')]).toBe('');
  });

  it('keeps a subject that looks like a formula as text, and quotes commas, quotes and line breaks', () => {
    const rows = parseCsv(planCsv([aPlannedPurchase({ subject: '=SUM(A1) "x", y', description: 'a\r\nb' })], 'https://x.example'));
    expect(rows[1]![PLAN_COLUMNS.findIndex((column) => column.name === 'subject')]).toBe(`'=SUM(A1) "x", y`);
    expect(rows[1]![PLAN_COLUMNS.findIndex((column) => column.name === 'description')]).toBe('a\r\nb');
  });
});

describe('amount bands in French', () => {
  const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');
  it.each([
    [0, 40_000, 'moins de 40 000 € HT'],
    [40_000, 90_000, 'de 40 000 € à 90 000 € HT'],
    [5_000_000, null, 'plus de 5 000 000 € HT'],
  ])('reads %s to %s as « %s »', (amountMin, amountMax, expected) => {
    expect(plain(amountBandText({ amountMin, amountMax }))).toBe(expected);
  });
});
