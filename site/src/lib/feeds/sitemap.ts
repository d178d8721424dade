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
  return new SitemapBook(urls, siteUrl).files().files;
}

/**
 * The sitemap of one version of the site, kept for the next: pages are added and removed by address, and only the
 * files of the groups they belong to are made again (a publication: its buyer's and year's file, of a few thousand
 * addresses). Grouping and sorting every page of the territory again (60,000 at 50,000 notices) took a tenth of a
 * second of each publication.
 */
export class SitemapBook {
  readonly #siteUrl: string;
  /** Each group's addresses. */
  readonly #groups = new Map<string, Set<string>>();
  /** The groups whose addresses changed since their files were last made. */
  readonly #dirty = new Set<string>();
  /** Each group's files as last made: name → XML. */
  readonly #made = new Map<string, Map<string, string>>();
  #index: string | undefined;

  constructor(urls: Iterable<string>, siteUrl: string) {
    this.#siteUrl = siteUrl;
    for (const url of urls) this.add(url);
  }

  add(url: string): void {
    const group = groupOfUrl(url);
    let members = this.#groups.get(group);
    if (!members) {
      members = new Set();
      this.#groups.set(group, members);
    }
    if (members.has(url)) return;
    members.add(url);
    this.#dirty.add(group);
  }

  delete(url: string): void {
    const group = groupOfUrl(url);
    const members = this.#groups.get(group);
    if (!members?.delete(url)) return;
    if (members.size === 0) this.#groups.delete(group);
    this.#dirty.add(group);
  }

  /**
   * Every file, as `sitemapFiles` gives them, and the names of those whose XML changed since the last call (every
   * file at the first): the files a release must write.
   */
  files(): { files: Map<string, string>; changed: Set<string> } {
    const changed = new Set<string>();
    const first = this.#index === undefined;
    for (const group of this.#dirty) {
      const before = this.#made.get(group) ?? new Map<string, string>();
      const members = this.#groups.get(group);
      const now = new Map<string, string>();
      if (members) {
        const sorted = [...members].sort();
        const parts = Math.ceil(sorted.length / SITEMAP_MAX_URLS);
        for (let part = 0; part < parts; part += 1) {
          const name = `${SITEMAP_DIR}/${parts === 1 ? group : `${group}-${part + 1}`}.xml`;
          now.set(name, buildSitemap(sorted.slice(part * SITEMAP_MAX_URLS, (part + 1) * SITEMAP_MAX_URLS)));
        }
      }
      for (const [name, xml] of now) if (before.get(name) !== xml) changed.add(name);
      for (const name of before.keys()) if (!now.has(name)) changed.add(name);
      if (now.size > 0) this.#made.set(group, now);
      else this.#made.delete(group);
    }
    this.#dirty.clear();
    const files = new Map<string, string>();
    for (const group of [...this.#made.keys()].sort()) for (const [name, xml] of this.#made.get(group)!) files.set(name, xml);
    const base = this.#siteUrl.endsWith('/') ? this.#siteUrl : `${this.#siteUrl}/`;
    const index = buildSitemapIndex([...files.keys()].map((name) => new URL(name, base).toString()));
    if (first || index !== this.#index) changed.add(SITEMAP_FILE);
    if (first) for (const name of files.keys()) changed.add(name);
    this.#index = index;
    return { files: new Map([[SITEMAP_FILE, index], ...files]), changed };
  }
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
