import type { FilterFacet } from './filters.js';

export const FACET_LABELS = {
  commune: 'Commune',
  famille: 'Famille d’achats',
  nature: 'Nature du marché',
  procedure: 'Procédure',
} as const satisfies Record<FilterFacet, string>;

export const FACET_ALL_LABELS = {
  commune: 'Toutes les communes',
  famille: 'Toutes les familles',
  nature: 'Toutes les natures',
  procedure: 'Toutes les procédures',
} as const satisfies Record<FilterFacet, string>;

/** "à Lorgues", "au Muy", "aux Arcs-sur-Argens": the French preposition contracts with the article of a name. */
export function atPlace(name: string): string {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

/** "Avis ouverts à Lorgues", "Avis ouverts en travaux": the title of a page or feed filtered on one value. */
export function selectionTitle(facet: FilterFacet, label: string): string {
  switch (facet) {
    case 'commune':
      return `Avis ouverts ${atPlace(label)}`;
    case 'famille':
      return `Avis ouverts — famille ${label}`;
    case 'nature':
      return `Avis ouverts — ${label.toLowerCase()}`;
    case 'procedure':
      return `Avis ouverts — ${label}`;
  }
}

/** The feed title for a selection; feeds carry new notices, open or not. */
export function feedTitle(selection: { facet: FilterFacet; label: string } | null): string {
  if (!selection) return 'Nouveaux avis du territoire';
  switch (selection.facet) {
    case 'commune':
      return `Nouveaux avis ${atPlace(selection.label)}`;
    case 'famille':
      return `Nouveaux avis — famille ${selection.label}`;
    case 'nature':
      return `Nouveaux avis — ${selection.label.toLowerCase()}`;
    case 'procedure':
      return `Nouveaux avis — ${selection.label}`;
  }
}

/** What the live region says after filtering: screen readers hear how many open notices match. */
export function filterCountText(count: number, filtered: boolean): string {
  if (!filtered) {
    if (count === 0) return 'Aucun avis ouvert pour le moment.';
    return count === 1 ? '1 avis ouvert.' : `${count} avis ouverts.`;
  }
  if (count === 0) return 'Aucun avis ouvert ne correspond à vos critères.';
  return count === 1 ? '1 avis ouvert correspond à vos critères.' : `${count} avis ouverts correspondent à vos critères.`;
}

export function feedLinkText(title: string): string {
  return `S’abonner au flux RSS «\u00a0${title}\u00a0»`;
}
