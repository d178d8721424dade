import { describe, expect, it } from 'vitest';
import {
  DRACENIE,
  LE_MUY,
  LORGUES,
  LORGUES_BUYER,
  aNotice,
  anAwardedNotice,
  siteData,
} from '../test-support/builders.js';
import { Catalogue } from './catalogue.js';

const inLorgues = aNotice({
  reference: '2026-LOR-0001',
  organisation: LORGUES_BUYER,
  submissionDeadline: '2026-12-20T11:00:00Z',
});
const atLeMuy = aNotice({
  reference: '2026-DRA-0002',
  placeOfPerformance: { inseeCode: LE_MUY.inseeCode, name: LE_MUY.name, slug: LE_MUY.slug },
  nature: 'WORKS',
  family: { slug: 'batiment', name: 'Bâtiment' },
  submissionDeadline: '2026-12-10T11:00:00Z',
});
const everywhere = aNotice({ reference: '2026-DRA-0003', submissionDeadline: '2026-12-15T11:00:00Z' });
const awarded = anAwardedNotice({ reference: '2026-DRA-0004', organisation: LORGUES_BUYER });
const catalogue = new Catalogue(siteData([inLorgues, atLeMuy, everywhere, awarded]));

describe('the site catalogue', () => {
  it('splits open and archived notices', () => {
    expect(catalogue.open.map((n) => n.reference)).toEqual(['2026-DRA-0002', '2026-DRA-0003', '2026-LOR-0001']);
    expect(catalogue.archived.map((n) => n.reference)).toEqual(['2026-DRA-0004']);
  });

  it('places a notice in its place of performance, else in the commune that buys, else nowhere', () => {
    expect(catalogue.communeOf(atLeMuy)?.slug).toBe('le-muy');
    expect(catalogue.communeOf(inLorgues)?.slug).toBe('lorgues');
    expect(catalogue.communeOf(everywhere)).toBeNull();
  });

  it('gives each notice its facet values', () => {
    expect(catalogue.facetsOf(atLeMuy)).toEqual({
      commune: 'le-muy',
      famille: 'batiment',
      nature: 'travaux',
      procedure: 'procedure-adaptee',
    });
  });

  it('counts open notices per facet value, listing values with none', () => {
    const options = catalogue.facetOptions();
    expect(options.commune).toEqual([
      { slug: 'le-muy', label: 'Le Muy', openCount: 1 },
      { slug: 'lorgues', label: 'Lorgues', openCount: 1 },
    ]);
    expect(options.nature.find((o) => o.slug === 'services')?.openCount).toBe(2);
    expect(options.procedure).toHaveLength(6);
    expect(catalogue.facetLabel('famille', 'espaces-verts')).toBe('Espaces verts');
  });

  it('groups notices per buyer and per family, open and past', () => {
    const lorgues = catalogue.noticesOfOrganisation('lorgues');
    expect(lorgues.open.map((n) => n.reference)).toEqual(['2026-LOR-0001']);
    expect(lorgues.past.map((n) => n.reference)).toEqual(['2026-DRA-0004']);
    expect(catalogue.noticesOfFamily('batiment').open.map((n) => n.reference)).toEqual(['2026-DRA-0002']);
  });

  it('finds things by slug and fails loudly on an unknown one', () => {
    expect(catalogue.commune('lorgues')).toEqual(LORGUES);
    expect(catalogue.organisation(DRACENIE.slug).name).toBe(DRACENIE.name);
    expect(catalogue.notice('2026-DRA-0003')).toBe(everywhere);
    expect(() => catalogue.commune('paris')).toThrow(/paris/);
    expect(() => catalogue.notice('2026-XXX-0001')).toThrow(/2026-XXX-0001/);
  });

  it('sorts communes by French name order', () => {
    expect(catalogue.communes.map((c) => c.name)).toEqual(['Le Muy', 'Lorgues']);
  });

  it('refuses data where two notices share a reference', () => {
    expect(() => new Catalogue(siteData([inLorgues, { ...inLorgues }]))).toThrow(/two notices/);
  });
});
