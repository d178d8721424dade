import { escapeXml, xmlDocument } from './xml-text.js';

export { escapeXml };

/** A sitemaps.org `urlset`; URLs are sorted so two builds of the same data give the same file. */
export function buildSitemap(urls: readonly string[]): string {
  const entries = [...new Set(urls)].sort().map((url) => `  <url><loc>${escapeXml(url)}</loc></url>`);
  return xmlDocument(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...entries,
      '</urlset>',
      '',
    ].join('\n'),
  );
}
