import { describe, expect, it } from 'vitest';
import { assign, canonicalJson, sameValue, type RowState } from './notice-store.js';

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

  it('marks a row changed only by values whose content differs', () => {
    const row = stored({ contract: { b: 1, a: 2 }, title: 'T' });
    expect(assign(row, { contract: { a: 2, b: 1 }, title: 'T' })).toBe(false);
    expect(row.changed.size).toBe(0);
    expect(assign(row, { contract: { a: 3, b: 1 } })).toBe(true);
    expect([...row.changed]).toEqual(['contract']);
  });
});
