import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { aLot, aNotice, LE_MUY } from '../test-support/builders.js';
import { deadlinesCalendar } from './calendar.js';
import { noticeFeed, rssResponse } from './rss.js';
import { buildSitemap } from './sitemap.js';
import { xmlDocument } from './xml-text.js';

// Text as it may sit in a hub's database: typed before the hub refused controls, imported, or copied from a PDF.
const HOSTILE = 'Voirie\u0007 \u001b[31mrouge\u000b\u000c\u0000 fin\uFFFE\uFFFF \uD800 ok \u{1F6A7}';
const CLEANED = 'Voirie [31mrouge fin  ok \u{1F6A7}';

/** Parses `xml` with saxes, a conforming XML 1.0 parser that rejects any character the specification forbids. */
function parseStrictly(xml: string): string {
  const parser = new SaxesParser({ xmlns: false });
  let text = '';
  let failure: Error | undefined;
  parser.on('error', (error) => (failure ??= error));
  parser.on('text', (chunk) => (text += chunk));
  parser.on('cdata', (chunk) => (text += chunk));
  parser.write(xml).close();
  if (failure) throw failure;
  return text;
}

describe('XML documents written by the site', () => {
  it('removes every character XML 1.0 forbids and keeps the rest, tab and line ends included', () => {
    expect(xmlDocument(HOSTILE)).toBe(CLEANED);
    expect(xmlDocument('a\tb\nc\r\nd é — €')).toBe('a\tb\nc\r\nd é — €');
    // The raw text itself is not XML: the test's parser does tell.
    expect(() => parseStrictly(`<a>${HOSTILE}</a>`)).toThrow();
  });

  it('gives RSS feeds a strict XML parser reads, whatever control characters the notices hold', async () => {
    const notice = aNotice({
      title: `Titre ${HOSTILE}`,
      description: `Description ${HOSTILE}`,
      organisation: { ...aNotice().organisation, name: `Acheteur ${HOSTILE}` },
      family: { slug: 'voirie', name: `Famille ${HOSTILE}` },
    });
    const response = await rssResponse(noticeFeed([notice], { title: `Flux ${HOSTILE}`, description: HOSTILE, siteUrl: 'https://marches.example.org/' }));
    const text = parseStrictly(await response.text());
    expect(text).toContain(`Titre ${CLEANED}`);
    expect(text).toContain(`Acheteur ${CLEANED}`);
    expect(text).toContain(`Famille ${CLEANED}`);
  });

  it('gives a sitemap a strict XML parser reads', () => {
    expect(() => parseStrictly(buildSitemap([`https://marches.example.org/avis/${HOSTILE}/`]))).not.toThrow();
  });

  it('gives a calendar with no control character but tab and line ends', () => {
    const calendar = deadlinesCalendar(
      [
        aNotice({
          title: `Titre ${HOSTILE}`,
          organisation: { ...aNotice().organisation, name: `Acheteur ${HOSTILE}` },
          placeOfPerformance: { inseeCode: LE_MUY.inseeCode, name: `${LE_MUY.name}\u0007`, slug: LE_MUY.slug },
          lots: [aLot({ title: HOSTILE })],
        }),
      ],
      { siteUrl: 'https://marches.example.org', builtAt: new Date('2026-12-01T09:00:00Z') },
    );
    expect(calendar).toContain(`Titre ${CLEANED}`);
    const controls = [...calendar].filter((c) => c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c));
    expect(controls).toEqual([]);
  });
});
