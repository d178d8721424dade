import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildSitemap, escapeXml } from './sitemap.js';

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
