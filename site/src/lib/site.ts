import type { Notice } from './hub/types.js';
import { Catalogue, type SiteData } from './notices/catalogue.js';
import { buildHubClient } from './hub/build-client.js';
import { loadSiteData } from './hub/load.js';

// Astro renders every page of a build in one process: one download of the hub's data, shared by all of them.
let catalogue: Promise<Catalogue> | undefined;

export function getCatalogue(): Promise<Catalogue> {
  catalogue ??= (async () => {
    const started = performance.now();
    const data = await loadSiteData(buildHubClient());
    // On stderr like the build script's own lines: how long the hub took is the first thing to know about a slow build.
    process.stderr.write(
      `[site build] read ${data.notices.length} public notices from the hub in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return new Catalogue(data);
  })();
  return catalogue;
}

/**
 * Hands the pages the data the renderer holds (src/render/site-renderer.ts), so they render it instead of reading
 * the hub: the publisher keeps the site's data between events and renders only what an event changes. With
 * `previous`, the read model of the version before and the notices that changed since, worked out from them.
 */
export function useSiteData(
  data: SiteData,
  previous?: { catalogue: Catalogue; changed: readonly string[]; notices?: ReadonlyMap<string, Notice | null> },
): Catalogue {
  const held = new Catalogue(data, previous);
  catalogue = Promise.resolve(held);
  return held;
}

export const SITE_NAME = 'Marchés publics de Dracénie Provence Verdon';
export const TERRITORY_NAME = 'Dracénie Provence Verdon agglomération';
