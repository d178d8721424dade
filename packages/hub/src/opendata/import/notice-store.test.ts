import { describe, expect, it } from 'vitest';
import { assign, canonicalJson, sameJson, sameValue, timeOrderedId, unpackedRows, type RowState } from './notice-store.js';

const stored = (values: Record<string, unknown>): RowState => ({ values, isNew: false, changed: new Set() });

describe('comparing a stored value with an imported one', () => {
  it('takes JSON objects with the same content as the same, whatever the order of their keys', () => {
    const imported = { placeOfPerformance: { typeCode: 'Code commune', code: '83050' }, mainSupplierId: { type: 'TVA', id: 'FR1' } };
    // As PostgreSQL's jsonb gives it back: keys sorted shortest first.
    const fromJsonb = { mainSupplierId: { id: 'FR1', type: 'TVA' }, placeOfPerformance: { code: '83050', typeCode: 'Code commune' } };
    expect(sameValue(fromJsonb, imported)).toBe(true);
    expect(sameValue([{ siret: null, name: 'A' }], [{ name: 'A', siret: null }])).toBe(true);
  });

  it('leaves out keys holding undefined, as storing the value does', () => {
    expect(sameValue({ name: 'A' }, { name: 'A', siret: undefined })).toBe(true);
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it('still tells apart different content: another value, a missing key, arrays in another order', () => {
    expect(sameValue({ name: 'A', siret: null }, { name: 'A' })).toBe(false);
    expect(sameValue({ name: 'A' }, { name: 'B' })).toBe(false);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue({ amount: 1 }, { amount: '1' })).toBe(false);
  });

  it('compares instants by time, and takes null and undefined as the same absence', () => {
    expect(sameValue(new Date('2026-01-01T00:00:00Z'), new Date(Date.parse('2026-01-01T00:00:00Z')))).toBe(true);
    expect(sameValue(new Date('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z')).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
  });

  it('says of every pair of JSON values what comparing their canonical text says', () => {
    const values: unknown[] = [
      null, 0, 1, '1', '', true, false, [], {}, [null], [undefined], [1, 2], [2, 1], ['a'], { a: 1 }, { a: '1' }, { a: 1, b: undefined },
      { b: 1, a: 2 }, { a: 2, b: 1 }, { a: null }, { a: [] }, { a: {} }, { a: { b: [1, { c: null }] } }, { a: { b: [1, { c: undefined }] } },
      { a: { b: [1, {}] } }, [{ name: 'A', siret: null }], [{ siret: null, name: 'A' }], [{ name: 'A' }], { d: new Date('2026-01-01T00:00:00Z') },
      { d: '2026-01-01T00:00:00.000Z' }, { a: 1, b: 2, c: 3 }, { a: 1, b: 2 },
    ];
    for (const a of values) {
      for (const b of values) {
        const expected = a === null && b === null ? true : canonicalJson(a) === canonicalJson(b);
        expect(sameJson(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).toBe(expected);
      }
    }
  });

  it('marks a row changed only by values whose content differs', () => {
    const row = stored({ contract: { b: 1, a: 2 }, title: 'T' });
    expect(assign(row, { contract: { a: 2, b: 1 }, title: 'T' })).toBe(false);
    expect(row.changed.size).toBe(0);
    expect(assign(row, { contract: { a: 3, b: 1 } })).toBe(true);
    expect([...row.changed]).toEqual(['contract']);
  });
});

describe('ids of imported rows', () => {
  it('are UUIDs of version 7 that increase with time, and within one millisecond too', () => {
    const ids = [timeOrderedId(Date.parse('2026-12-06T10:00:00Z')), ...Array.from({ length: 5000 }, () => timeOrderedId(Date.parse('2026-12-06T10:00:00.001Z')))];
    ids.push(timeOrderedId(Date.parse('2026-12-06T10:00:01Z')));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 5,000 ids in one millisecond overflow its 4,096 sequence numbers: still increasing, still unique.
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The first 48 bits are the creation time, in milliseconds since 1970.
    expect(parseInt(ids[0]!.replace('-', '').slice(0, 12), 16)).toBe(Date.parse('2026-12-06T10:00:00Z'));
  });

  it('never go back when the clock does', () => {
    const later = timeOrderedId(Date.parse('2030-01-01T00:00:00Z'));
    expect(timeOrderedId(Date.parse('2029-12-31T23:59:59Z')) > later).toBe(true);
  });
});

describe('assigning values to a row to insert', () => {
  it('takes every value and reports the row as changed, without comparing', () => {
    const row: RowState = { values: { title: 'T' }, isNew: true, changed: new Set() };
    expect(assign(row, { title: 'T', amount: 1 })).toBe(true);
    expect(row.values).toEqual({ title: 'T', amount: 1 });
  });
});

describe('a chunk of new rows sent to SQLite', () => {
  it('binds once each column that holds the same value in every row, and sends only the others per row', () => {
    const { select, bindings } = unpackedRows([
      ['a', 'DECP', null, 1, 'x'],
      ['b', 'DECP', null, 1, 'y'],
      ['c', 'DECP', null, 2, 'x'],
    ]);
    expect(select).toBe('select value ->> 0, ?, ?, value ->> 1, value ->> 2 from json_each(?)');
    expect(bindings).toEqual(['DECP', null, JSON.stringify([['a', 1, 'x'], ['b', 1, 'y'], ['c', 2, 'x']])]);
  });

  it('still yields one row per row when every column is the same (a chunk of one row)', () => {
    const { select, bindings } = unpackedRows([['a', null]]);
    expect(select).toBe('select ?, ? from json_each(?)');
    expect(bindings).toEqual(['a', null, '[[]]']);
  });
});
