import { describe, expect, it } from 'vitest';
import { aLot, aNotice, anAwardedNotice } from '../test-support/builders.js';
import { parseCsv } from '../test-support/csv.js';
import { toCsv } from './csv.js';
import { LOT_COLUMNS, lotsCsv, lotsCsvChunks, noticesJson, noticesJsonChunks } from './notice-rows.js';

const builtAt = new Date('2026-12-01T09:00:00Z');
const siteUrl = 'https://marches.example.org';

describe('the lots CSV', () => {
  const twoLots = aNotice({
    reference: '2026-DRA-0007',
    title: 'Voirie, "lot" et réseaux',
    lots: [aLot({ number: 1, title: 'Voirie' }), aLot({ number: 2, title: 'Réseaux', estimatedValue: null })],
  });
  const awarded = anAwardedNotice({ reference: '2026-DRA-0008' });
  const rows = parseCsv(lotsCsv([twoLots, awarded], { siteUrl, builtAt }));
  const header = rows[0]!;
  const column = (row: string[], name: string) => row[header.indexOf(name)];

  it('has one row per lot, after a header naming every documented column', () => {
    expect(header).toEqual(LOT_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(1 + 3);
    expect(rows.slice(1).map((r) => [column(r, 'reference'), column(r, 'lot_number')])).toEqual([
      ['2026-DRA-0007', '1'],
      ['2026-DRA-0007', '2'],
      ['2026-DRA-0008', '1'],
    ]);
  });

  it('keeps commas and quotes of titles intact', () => {
    expect(column(rows[1]!, 'title')).toBe('Voirie, "lot" et réseaux');
  });

  it('leaves unpublished values empty and fills awards', () => {
    expect(column(rows[2]!, 'lot_estimated_value')).toBe('');
    expect(column(rows[3]!, 'supplier_name')).toBe('Jardins du Var SARL');
    expect(column(rows[3]!, 'award_amount')).toBe('76500');
    expect(column(rows[3]!, 'supplier_sme')).toBe('oui');
    expect(column(rows[1]!, 'supplier_sme')).toBe('');
    expect(column(rows[3]!, 'url')).toBe('https://marches.example.org/avis/2026-DRA-0008/');
  });

  it('leaves empty what an imported award or buyer did not give: SIREN, SIRET, SME, amount', () => {
    const imported = anAwardedNotice({ reference: 'import', organisation: { ...aNotice().organisation, siren: null } });
    const award = imported.lots[0]!.award!;
    imported.lots[0]!.award = { ...award, supplierSiret: null, sme: null, amount: null };
    const [head, row] = parseCsv(lotsCsv([imported], { siteUrl, builtAt }));
    const value = (name: string) => row![head!.indexOf(name)];
    expect(['buyer_siren', 'supplier_siret', 'supplier_sme', 'award_amount'].map(value)).toEqual(['', '', '', '']);
    expect(value('supplier_name')).toBe('Jardins du Var SARL');
  });

  it('gives the status at build time', () => {
    const late = aNotice({ reference: 'late', submissionDeadline: '2026-11-30T11:00:00Z' });
    const [head, row] = parseCsv(lotsCsv([late], { siteUrl, builtAt }));
    expect(row![head!.indexOf('status')]).toBe('CLOSED');
  });
});

describe('the notices JSON', () => {
  it('gives every notice with its page, its status at build time and the licence', () => {
    const late = aNotice({ reference: 'late', submissionDeadline: '2026-11-30T11:00:00Z' });
    const json = noticesJson([aNotice(), late], { siteUrl, builtAt });
    expect(json.count).toBe(2);
    expect(json.generatedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(json.licence.name).toMatch(/Licence Ouverte/);
    expect(json.notices[0]).toMatchObject({ url: 'https://marches.example.org/avis/2026-DRA-0001/', status: 'PUBLISHED', isOpen: true });
    expect(json.notices[1]).toMatchObject({ status: 'CLOSED', isOpen: false });
    expect(JSON.parse(JSON.stringify(json)).notices[0].lots[0].cpv.code).toBe('77310000-6');
  });
});

describe('the open-data files made a piece at a time', () => {
  const notices = [
    aNotice({ reference: '2026-DRA-0001', title: 'Entretien de l’éclairage, "lot" unique' }),
    aNotice({ reference: '2026-DRA-0002', submissionDeadline: '2026-11-30T11:00:00Z' }),
    anAwardedNotice({ reference: '2026-DRA-0003' }),
  ];

  it('makes the notices JSON, piece by piece, byte for byte the whole file indented by one space', () => {
    for (const count of [0, 1, 2, 3]) {
      const some = notices.slice(0, count);
      const whole = JSON.stringify(noticesJson(some, { siteUrl, builtAt }), null, 1);
      for (const perPiece of [1, 2, 500]) expect([...noticesJsonChunks(some, { siteUrl, builtAt }, perPiece)].join(''), `${count} notices by ${perPiece}`).toBe(whole);
    }
  });

  it('makes the lots CSV, piece by piece, byte for byte the file of every row at once', () => {
    for (const count of [0, 1, 3]) {
      const some = notices.slice(0, count);
      const rows = some.flatMap((notice) => notice.lots.map((lot) => LOT_COLUMNS.map((column) => column.value({ notice, lot, siteUrl, builtAt }))));
      const whole = toCsv(
        LOT_COLUMNS.map((column) => column.name),
        rows,
      );
      for (const perPiece of [1, 2, 500]) expect([...lotsCsvChunks(some, { siteUrl, builtAt }, perPiece)].join(''), `${count} notices by ${perPiece}`).toBe(whole);
      expect(lotsCsv(some, { siteUrl, builtAt })).toBe(whole);
    }
  });
});
