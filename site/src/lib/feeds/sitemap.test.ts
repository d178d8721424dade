import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildSitemap, escapeXml, SITEMAP_MAX_URLS, SitemapBook, sitemapFiles, sitemapGroup } from './sitemap.js';

describe('sitemap', () => {
  it('lists each URL once, sorted, escaped', () => {
    const xml = buildSitemap([
      'https://example.org/b/',
      'https://example.org/a/?x=1&y=2',
      'https://example.org/b/',
    ]);
    const parsed = new XMLParser().parse(xml);
    expect(parsed.urlset.url.map((u: { loc: string }) => u.loc)).toEqual([
      'https://example.org/a/?x=1&y=2',
      'https://example.org/b/',
    ]);
    expect(xml).toContain('&amp;y=2');
  });

  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('the sitemap of a large territory', () => {
  const site = 'https://marches.example.org/';
  const urls = [
    `${site}`,
    `${site}avis/`,
    `${site}avis/suite/2026-DRA-0042/`,
    `${site}avis/commune/lorgues/`,
    `${site}avis/2026-DRA-0042/`,
    `${site}avis/2026-DRA-0043/`,
    `${site}avis/2025-LOR-0001/`,
    `${site}programmation/2027-DRA-P-0001/`,
  ];

  it('puts a notice page with its buyer’s and year’s, and every other page together', () => {
    expect(sitemapGroup('/avis/2026-DRA-0042/')).toBe('avis-2026-dra');
    expect(sitemapGroup('/avis/2026-DRA-10000/')).toBe('avis-2026-dra');
    // A buyer created once every three-letter code was taken has four letters, in a file of its own.
    expect(sitemapGroup('/avis/2026-DRAG-0001/')).toBe('avis-2026-drag');
    expect(sitemapGroup('/avis/IMPORT%2FX-12/')).toBe('avis-import-x');
    expect(sitemapGroup('/avis/42/')).toBe('avis');
    for (const other of ['/', '/avis/', '/avis/suite/2026-DRA-0042/', '/avis/commune/lorgues/', '/avis/echeances.ics', '/acheteurs/lorgues/']) {
      expect(sitemapGroup(other), other).toBe('pages');
    }
  });

  it('writes an index at sitemap.xml listing one file per group, each listing its pages once', () => {
    const files = sitemapFiles([...urls, urls[4]!], site);
    expect([...files.keys()]).toEqual(['sitemap.xml', 'sitemaps/avis-2025-lor.xml', 'sitemaps/avis-2026-dra.xml', 'sitemaps/pages.xml']);
    const index = new XMLParser().parse(files.get('sitemap.xml')!);
    expect(index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc)).toEqual([
      `${site}sitemaps/avis-2025-lor.xml`,
      `${site}sitemaps/avis-2026-dra.xml`,
      `${site}sitemaps/pages.xml`,
    ]);
    const listed = [...files].filter(([name]) => name !== 'sitemap.xml').flatMap(([, xml]) => [new XMLParser().parse(xml).urlset.url].flat().map((u: { loc: string }) => u.loc));
    expect(listed.sort()).toEqual([...urls].sort());
    expect(files.get('sitemaps/avis-2026-dra.xml')).not.toContain('2025-LOR');
  });

  it('cuts a group larger than sitemaps.org allows into numbered parts', () => {
    const many = Array.from({ length: SITEMAP_MAX_URLS + 5 }, (_, index) => `${site}avis/2026-DRA-${String(index).padStart(6, '0')}/`);
    const files = sitemapFiles(many, site);
    expect([...files.keys()]).toEqual(['sitemap.xml', 'sitemaps/avis-2026-dra-1.xml', 'sitemaps/avis-2026-dra-2.xml']);
    expect([new XMLParser().parse(files.get('sitemaps/avis-2026-dra-2.xml')!).urlset.url].flat()).toHaveLength(5);
  });

  it('leaves the other groups’ files as they were when a notice is published', () => {
    const before = sitemapFiles(urls, site);
    const after = sitemapFiles([...urls, `${site}avis/2026-DRA-0044/`], site);
    const changed = [...after.keys()].filter((name) => after.get(name) !== before.get(name));
    expect(changed).toEqual(['sitemaps/avis-2026-dra.xml']);
  });
});

describe('the sitemap from one release to the next', () => {
  const site = 'https://marches.example.org/';
  const pages = (count: number, prefix: string) => Array.from({ length: count }, (_, n) => `${site}avis/2026-${prefix}-${String(n).padStart(4, '0')}/`);

  it('gives each file as made from scratch, the files of a group whose pages changed with the new pages', () => {
    const first = [...pages(30, 'DRA'), ...pages(20, 'LOR'), `${site}avis/`];
    sitemapFiles(first, site);
    const next = [...pages(30, 'DRA'), ...pages(21, 'LOR'), `${site}avis/`];
    const files = sitemapFiles(next, site);
    expect(files.get('sitemaps/avis-2026-lor.xml')).toBe(buildSitemap(pages(21, 'LOR')));
    expect(files.get('sitemaps/avis-2026-lor.xml')).toContain('2026-LOR-0020');
    expect(files.get('sitemaps/avis-2026-dra.xml')).toBe(buildSitemap(pages(30, 'DRA')));
    // And back: a page gone leaves its file.
    expect(sitemapFiles(first, site).get('sitemaps/avis-2026-lor.xml')).not.toContain('2026-LOR-0020');
  });

  it('kept from one release to the next, gives the files made from scratch and names only those that changed', () => {
    const first = [...pages(30, 'DRA'), ...pages(20, 'LOR'), `${site}avis/`];
    const book = new SitemapBook(first, site);
    expect([...book.files().changed].sort()).toEqual([...sitemapFiles(first, site).keys()].sort());
    // A publication, a notice withdrawn, and a new group.
    book.add(`${site}avis/2026-LOR-0020/`);
    book.delete(`${site}avis/2026-DRA-0003/`);
    book.add(`${site}avis/2027-VAR-0001/`);
    const next = [...pages(30, 'DRA').filter((url) => !url.includes('DRA-0003')), ...pages(21, 'LOR'), `${site}avis/`, `${site}avis/2027-VAR-0001/`];
    const { files, changed } = book.files();
    expect(files).toEqual(sitemapFiles(next, site));
    expect([...changed].sort()).toEqual(['sitemap.xml', 'sitemaps/avis-2026-dra.xml', 'sitemaps/avis-2026-lor.xml', 'sitemaps/avis-2027-var.xml']);
    // A page added and taken out again: nothing to write.
    book.add(`${site}avis/suite/x/`);
    book.delete(`${site}avis/suite/x/`);
    expect(book.files().changed.size).toBe(0);
    // The last page of a group gone: its file too, and the index.
    book.delete(`${site}avis/2027-VAR-0001/`);
    const last = book.files();
    expect([...last.changed].sort()).toEqual(['sitemap.xml', 'sitemaps/avis-2027-var.xml']);
    expect(last.files.has('sitemaps/avis-2027-var.xml')).toBe(false);
  });
});
