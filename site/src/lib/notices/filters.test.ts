import { describe, expect, it } from 'vitest';
import {
  buildFilterQuery,
  feedForSelection,
  matchesSelection,
  parseFilterQuery,
  selectedFacets,
  type FilterFacet,
  type NoticeFacets,
} from './filters.js';

const allowed: Record<FilterFacet, ReadonlySet<string>> = {
  commune: new Set(['lorgues', 'le-muy']),
  famille: new Set(['espaces-verts']),
  nature: new Set(['travaux', 'services']),
  procedure: new Set(['procedure-adaptee']),
};

describe('filter choices in the URL', () => {
  it.each([
    ['', {}],
    ['?commune=lorgues', { commune: 'lorgues' }],
    ['?nature=travaux&commune=le-muy', { commune: 'le-muy', nature: 'travaux' }],
    ['?commune=paris', {}], // unknown value: ignored, not trusted
    ['?couleur=bleu&famille=espaces-verts', { famille: 'espaces-verts' }], // unknown facet ignored
    ['?commune=', {}],
    ['commune=lorgues', { commune: 'lorgues' }], // without the leading "?"
  ])('reads %j as %j', (search, selection) => {
    expect(parseFilterQuery(search, allowed)).toEqual(selection);
  });

  it.each([
    [{}, ''],
    [{ commune: 'lorgues' }, '?commune=lorgues'],
    // Always the same order, whatever order the choices were made in: one URL per selection.
    [{ procedure: 'procedure-adaptee', commune: 'lorgues' }, '?commune=lorgues&procedure=procedure-adaptee'],
    [{ commune: '' }, ''],
  ])('writes %j as %j', (selection, query) => {
    expect(buildFilterQuery(selection)).toBe(query);
  });

  it('reads back what it writes', () => {
    const selection = { commune: 'le-muy', famille: 'espaces-verts', nature: 'services' };
    expect(parseFilterQuery(buildFilterQuery(selection), allowed)).toEqual(selection);
  });
});

describe('matching a notice against a selection', () => {
  const notice: NoticeFacets = { commune: 'lorgues', famille: null, nature: 'travaux', procedure: 'procedure-adaptee' };

  it.each([
    [{}, true],
    [{ commune: 'lorgues' }, true],
    [{ commune: 'lorgues', nature: 'travaux' }, true],
    [{ commune: 'lorgues', nature: 'services' }, false],
    [{ commune: 'le-muy' }, false],
    [{ famille: 'espaces-verts' }, false], // a notice without family matches no family
  ])('with %j: %s', (selection, matches) => {
    expect(matchesSelection(notice, selection)).toBe(matches);
  });
});

describe('the feed of a selection', () => {
  it('is the territory feed without selection', () => {
    expect(feedForSelection({})).toBeNull();
  });

  it('is the feed of the only chosen facet', () => {
    expect(feedForSelection({ nature: 'travaux' })).toEqual({ facet: 'nature', slug: 'travaux' });
  });

  it('is the commune feed first when several facets are chosen', () => {
    expect(feedForSelection({ nature: 'travaux', commune: 'lorgues' })).toEqual({ facet: 'commune', slug: 'lorgues' });
    expect(selectedFacets({ nature: 'travaux', commune: 'lorgues' })).toEqual(['commune', 'nature']);
  });
});
