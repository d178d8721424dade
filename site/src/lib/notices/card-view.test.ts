import { describe, expect, it } from 'vitest';
import { LE_MUY, LORGUES_BUYER, aNotice, anAwardedNotice, siteData } from '../test-support/builders.js';
import { noticeCardView } from './card-view.js';
import { Catalogue } from './catalogue.js';

const open = aNotice({
  reference: '2026-DRA-0009',
  placeOfPerformance: { inseeCode: LE_MUY.inseeCode, name: LE_MUY.name, slug: LE_MUY.slug },
  socialClause: true,
  environmentalClause: false,
  reservedFor: 'DISABILITY',
});
const awarded = anAwardedNotice({ reference: '2026-LOR-0002', organisation: LORGUES_BUYER });
const catalogue = new Catalogue(siteData([open, awarded]));

describe('what a notice card shows', () => {
  it('gives an open notice its deadline, days left, place and clauses', () => {
    expect(noticeCardView(open, catalogue)).toEqual({
      reference: '2026-DRA-0009',
      title: 'Entretien des espaces verts',
      href: '/avis/2026-DRA-0009/',
      status: 'PUBLISHED',
      statusModifier: 'open',
      statusLabel: 'Ouvert',
      open: true,
      meta: 'Dracénie Provence Verdon agglomération · au Muy · Services · Procédure adaptée (MAPA)',
      deadlineIso: '2026-12-14T11:00:00.000Z',
      deadlineText: 'lundi 14 décembre 2026 à 12 h 00',
      deadlineShortText: '14 décembre 2026',
      daysLeftText: 'encore 13 jours',
      valueText: '120\u202f000\u00a0€ HT',
      correctedText: null,
      clauses: ['Clause sociale', 'Réservé aux entreprises adaptées et ESAT'],
      facets: { commune: 'le-muy', famille: 'espaces-verts', nature: 'services', procedure: 'procedure-adaptee' },
    });
  });

  it('gives a past notice no days left, and does not repeat a commune that is the buyer itself', () => {
    const view = noticeCardView(awarded, catalogue);
    expect(view).toMatchObject({ status: 'AWARDED', statusLabel: 'Attribué', open: false, daysLeftText: null });
    expect(view.meta).toBe('Lorgues · Services · Procédure adaptée (MAPA)');
  });

  it('gives a notice corrected after publication the date of its latest correction, and no value the buyer keeps private', () => {
    const corrected = aNotice({
      reference: '2026-DRA-0010',
      estimatedValue: null,
      corrigenda: [
        { publishedAt: '2026-12-03T09:00:00.000Z', reason: 'Report de la date limite', changes: [] },
        { publishedAt: '2026-11-28T09:00:00.000Z', reason: 'Coquille', changes: [] },
      ],
    });
    const view = noticeCardView(corrected, new Catalogue(siteData([corrected])));
    expect(view).toMatchObject({ correctedText: 'Rectifié le 3 décembre 2026', valueText: null });
  });

  it('works a card out once per notice', () => {
    expect(noticeCardView(open, catalogue)).toBe(noticeCardView(open, catalogue));
  });
});
