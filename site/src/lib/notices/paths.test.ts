import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  archivesPath,
  familyPath,
  feedPath,
  filterDataPath,
  filterPagePath,
  openListPath,
  noticePath,
  organisationIndicatorsPath,
  organisationPath,
} from './paths.js';

describe('site paths', () => {
  it.each([
    [noticePath('2026-DRA-0042'), '/avis/2026-DRA-0042/'],
    [noticePath('A/B C'), '/avis/A%2FB%20C/'],
    [filterPagePath('commune', 'le-muy'), '/avis/commune/le-muy/'],
    [filterPagePath('procedure', 'procedure-adaptee'), '/avis/procedure/procedure-adaptee/'],
    [feedPath(null), '/flux/avis.xml'],
    [feedPath({ facet: 'famille', slug: 'espaces-verts' }), '/flux/famille/espaces-verts.xml'],
    [archivesPath(1), '/archives/'],
    [archivesPath(3), '/archives/3/'],
    [openListPath(), '/avis/'],
    [openListPath(null), '/avis/'],
    [openListPath('2026-DRA-0042'), '/avis/suite/2026-DRA-0042/'],
    [filterPagePath('commune', 'le-muy', null), '/avis/commune/le-muy/'],
    [filterPagePath('commune', 'le-muy', '2026-DRA-0042'), '/avis/commune/le-muy/suite/2026-DRA-0042/'],
    [filterDataPath('nature', 'travaux'), '/avis/nature/travaux.json'],
  ])('%s is %s', (path, expected) => {
    expect(path).toBe(expected);
  });

  it.each([
    ['https://marches.example.org', 'https://marches.example.org/avis/X/'],
    ['https://marches.example.org/', 'https://marches.example.org/avis/X/'],
    ['https://example.org/achats/', 'https://example.org/avis/X/'],
  ])('makes absolute URLs on %s', (site, expected) => {
    expect(absoluteUrl('/avis/X/', site)).toBe(expected);
  });
});

describe('paginated buyer and family pages', () => {
  it.each([
    [organisationPath('lorgues'), '/acheteurs/lorgues/'],
    [organisationPath('lorgues', 1), '/acheteurs/lorgues/'],
    [organisationPath('lorgues', 2), '/acheteurs/lorgues/2/'],
    [familyPath('espaces-verts', 3), '/familles/espaces-verts/3/'],
  ])('%s is %s', (path, expected) => {
    expect(path).toBe(expected);
  });
});

describe('a buyer’s indicators page', () => {
  it('is under /indicateurs/acheteurs/ for a buyer with a SIREN', () => {
    expect(organisationIndicatorsPath({ slug: 'lorgues', siren: '218300721' })).toBe('/indicateurs/acheteurs/lorgues/');
  });

  it('does not exist for a buyer imported without a SIREN, whose figures the hub cannot compute', () => {
    expect(organisationIndicatorsPath({ slug: 'ville-de-nice-import', siren: null })).toBeNull();
  });
});
