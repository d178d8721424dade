import { Catalogue } from './notices/catalogue.js';
import { DEFAULT_HUB_URL, loadSiteData } from './hub/load.js';

// Astro renders every page of a build in one process: one download of the hub's data, shared by all of them.
let catalogue: Promise<Catalogue> | undefined;

export function getCatalogue(): Promise<Catalogue> {
  catalogue ??= loadSiteData({ endpoint: process.env.HUB_URL || DEFAULT_HUB_URL }).then((data) => new Catalogue(data));
  return catalogue;
}

export const SITE_NAME = 'Marchés publics de Dracénie Provence Verdon';
export const TERRITORY_NAME = 'Dracénie Provence Verdon agglomération';
