import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Trans-en-Provence', 'trans-en-provence'],
    ['CA Dracénie Provence Verdon Agglomération', 'ca-dracenie-provence-verdon-agglomeration'],
    ["Les Adrets-de-l'Estérel", 'les-adrets-de-l-esterel'],
    ['La Roque-Esclapon', 'la-roque-esclapon'],
    ['Châteaudouble', 'chateaudouble'],
    ['Entretien des espaces verts', 'entretien-des-espaces-verts'],
    ['  Œuvres  —  2026 / lot n°3 ', 'oeuvres-2026-lot-n-3'],
    ['Fournitures l’été', 'fournitures-l-ete'],
    ['---', ''],
    ['', ''],
  ])('turns %j into %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('gives only lowercase ASCII letters, digits and single inner hyphens', () => {
    for (const name of ['Saint-Antonin-du-Var', 'Comps-sur-Artuby', 'Sillans-la-Cascade', 'Bargème']) {
      expect(slugify(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
