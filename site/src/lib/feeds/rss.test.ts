import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { aNotice } from '../test-support/builders.js';
import { FEED_SIZE, noticeFeed } from './rss.js';

const siteUrl = 'https://marches.example.org/';

async function parse(notices: ReturnType<typeof aNotice>[]) {
  const xml = await getRssString(noticeFeed(notices, { title: 'Nouveaux avis', description: 'Le territoire', siteUrl }));
  return new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel;
}

describe('RSS feed of new notices', () => {
  it('lists notices newest first with their page, date and deadline', async () => {
    const channel = await parse([
      aNotice({ reference: 'old', title: 'Voirie & réseaux <lot 1>', publishedAt: '2026-10-01T08:00:00Z' }),
      aNotice({ reference: 'new', publishedAt: '2026-11-20T08:00:00Z' }),
    ]);
    expect(channel.title).toBe('Nouveaux avis');
    expect(channel.language).toBe('fr-FR');
    const items = channel.item;
    expect(items.map((i: { link: string }) => i.link)).toEqual([
      'https://marches.example.org/avis/new/',
      'https://marches.example.org/avis/old/',
    ]);
    expect(items[1].title).toBe('Voirie & réseaux <lot 1> (old)');
    expect(new Date(items[0].pubDate).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(items[0].description).toContain('Date limite de remise des offres : lundi 14 décembre 2026 à 12 h 00');
    expect(items[0].guid['#text']).toBe('https://marches.example.org/avis/new/');
  });

  it(`keeps only the ${FEED_SIZE} latest notices`, async () => {
    const many = Array.from({ length: FEED_SIZE + 5 }, (_, i) =>
      aNotice({ reference: `n${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }),
    );
    const channel = await parse(many);
    expect(channel.item).toHaveLength(FEED_SIZE);
    expect(channel.item[0].link).toBe(`https://marches.example.org/avis/n${FEED_SIZE + 4}/`);
  });
});
