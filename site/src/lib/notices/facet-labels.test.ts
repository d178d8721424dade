import { describe, expect, it } from 'vitest';
import { atPlace, feedLinkText, feedTitle, filterCountText, selectionTitle } from './facet-labels.js';

describe('French wording of selections', () => {
  it.each([
    ['Lorgues', 'à Lorgues'],
    ['Le Muy', 'au Muy'],
    ['Les Arcs-sur-Argens', 'aux Arcs-sur-Argens'],
    ['La Motte', 'à La Motte'],
  ])('says "%s" as "%s"', (name, expected) => {
    expect(atPlace(name)).toBe(expected);
  });

  it('titles filtered pages and feeds', () => {
    expect(selectionTitle('commune', 'Le Muy')).toBe('Avis ouverts au Muy');
    expect(selectionTitle('nature', 'Travaux')).toBe('Avis ouverts — travaux');
    expect(feedTitle(null)).toBe('Nouveaux avis du territoire');
    expect(feedTitle({ facet: 'famille', label: 'Espaces verts' })).toBe('Nouveaux avis — famille Espaces verts');
    expect(feedLinkText('Nouveaux avis à Lorgues')).toBe('S’abonner au flux RSS «\u00a0Nouveaux avis à Lorgues\u00a0»');
  });

  it.each([
    [0, false, 'Aucun avis ouvert pour le moment.'],
    [1, false, '1 avis ouvert.'],
    [12, false, '12 avis ouverts.'],
    [0, true, 'Aucun avis ouvert ne correspond à vos critères.'],
    [1, true, '1 avis ouvert correspond à vos critères.'],
    [3, true, '3 avis ouverts correspondent à vos critères.'],
  ])('announces %i results (filtered: %s) as "%s"', (count, filtered, text) => {
    expect(filterCountText(count, filtered)).toBe(text);
  });
});
