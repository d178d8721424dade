import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { buildSitemap } from '../lib/feeds/sitemap.js';

/**
 * Writes /sitemap.xml from the pages Astro has just built (HTML pages only: feeds, calendars and data files are
 * linked from the pages, and the 404 page is not a page to index).
 */
export function sitemap(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'territoire-achats:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
      },
      'astro:build:done': async ({ dir, pages }) => {
        if (!site) throw new Error('the sitemap needs `site` in the Astro configuration');
        const base = site;
        const urls = pages
          .map((page) => page.pathname)
          .filter((pathname) => !/\.[a-z0-9]+$/i.test(pathname) && !/^404\/?$/.test(pathname))
          .map((pathname) => new URL(pathname, base).toString());
        await writeFile(new URL('sitemap.xml', dir), buildSitemap(urls));
      },
    },
  };
}
