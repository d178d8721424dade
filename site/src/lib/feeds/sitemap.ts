import { escapeXml, xmlDocument } from './xml-text.js';

export { escapeXml };

/** A sitemaps.org document listing `locations`, each once and sorted so two builds of the same data give the same file. */
function locationList(root: 'urlset' | 'sitemapindex', entry: 'url' | 'sitemap', locations: readonly string[]): string {
  const entries = [...new Set(locations)].sort().map((url) => `  <${entry}><loc>${escapeXml(url)}</loc></${entry}>`);
  return xmlDocument(
    ['<?xml version="1.0" encoding="UTF-8"?>', `<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, ...entries, `</${root}>`, ''].join('\n'),
  );
}

/** A sitemaps.org `urlset` of the pages at `urls`. */
export function buildSitemap(urls: readonly string[]): string {
  return locationList('urlset', 'url', urls);
}

/** A sitemaps.org `sitemapindex` of the sitemap files at `locations`. */
export function buildSitemapIndex(locations: readonly string[]): string {
  return locationList('sitemapindex', 'sitemap', locations);
}

/** The site's sitemap index, at the address robots.txt gives. */
export const SITEMAP_FILE = 'sitemap.xml';
/** The folder of the sitemap files the index lists. */
export const SITEMAP_DIR = 'sitemaps';
/** sitemaps.org allows 50,000 URLs (and 50 MB) a file; a group larger than this is cut into numbered parts. */
export const SITEMAP_MAX_URLS = 40_000;

/**
 * The sitemap file a page belongs to: a notice's page (`/avis/2026-DRA-0042/`) to its buyer's and year's
 * (`avis-2026-dra`, from its reference without the number), any other page to `pages`. A publication then rewrites
 * one file of a few thousand addresses, not one of every page of the territory (which sitemaps.org would refuse
 * past 50,000 anyway).
 */
export function sitemapGroup(pathname: string): string {
  const notice = /^\/avis\/([^/]+)\/$/.exec(pathname);
  if (!notice || notice[1] === 'suite') return 'pages';
  const prefix = decodeURIComponent(notice[1]!)
    .replace(/[0-9]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return prefix === '' ? 'avis' : `avis-${prefix}`;
}

/**
 * Every file of the site's sitemap for the pages at `urls` (absolute): the index (`sitemap.xml`) and one urlset per
 * group under `sitemaps/`, each group of more than SITEMAP_MAX_URLS cut into numbered parts in address order.
 * Keyed by path in the release, in a stable order.
 */
export function sitemapFiles(urls: readonly string[], siteUrl: string): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const url of new Set(urls)) {
    const group = groupOfUrl(url);
    const members = groups.get(group);
    if (members) members.push(url);
    else groups.set(group, [url]);
  }
  const files = new Map<string, string>();
  for (const group of [...groups.keys()].sort()) {
    const members = groups.get(group)!.sort();
    const parts = Math.ceil(members.length / SITEMAP_MAX_URLS);
    for (let part = 0; part < parts; part += 1) {
      const name = `${SITEMAP_DIR}/${parts === 1 ? group : `${group}-${part + 1}`}.xml`;
      files.set(name, sitemapOnce(name, members.slice(part * SITEMAP_MAX_URLS, (part + 1) * SITEMAP_MAX_URLS)));
    }
  }
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  const index = buildSitemapIndex([...files.keys()].map((name) => new URL(name, base).toString()));
  return new Map([[SITEMAP_FILE, index], ...files]);
}

/**
 * Each address's group, parsed once: the publisher makes the sitemap again at every release, from every page's
 * address (60,000 at 50,000 notices), most of them the same each time. Forgotten whole past a bound.
 */
const groups = new Map<string, string>();

function groupOfUrl(url: string): string {
  let group = groups.get(url);
  if (group === undefined) {
    if (groups.size >= 500_000) groups.clear();
    group = sitemapGroup(new URL(url).pathname);
    groups.set(url, group);
  }
  return group;
}

/** The last file written under each name, and its addresses: a file whose addresses did not change is not written again. */
const written = new Map<string, { urls: readonly string[]; xml: string }>();

function sitemapOnce(name: string, urls: readonly string[]): string {
  const last = written.get(name);
  if (last && last.urls.length === urls.length && last.urls.every((url, index) => url === urls[index])) return last.xml;
  const xml = buildSitemap(urls);
  written.set(name, { urls, xml });
  return xml;
}
