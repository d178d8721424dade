import { describe, expect, it } from 'vitest';
import { cardFromData, escapeHtml, noticeCardHtml, openCardData, type CardContent } from './card-html.js';
import { paginationHtml } from './pagination-html.js';

const card: CardContent = {
  reference: '2026-DRA-0009',
  title: 'Entretien <des> espaces "verts" & co',
  href: '/avis/2026-DRA-0009/',
  statusModifier: 'open',
  statusLabel: 'Ouvert',
  open: true,
  meta: 'Dracénie · au Muy · Services · Procédure adaptée (MAPA)',
  deadlineIso: '2026-12-14T11:00:00.000Z',
  deadlineText: 'lundi 14 décembre 2026 à 12 h 00',
  daysLeftText: 'encore 13 jours',
  valueText: '230 000 € HT',
  correctedText: 'Rectifié le 3 décembre 2026',
  clauses: ['Clause sociale'],
  facets: { commune: 'le-muy', famille: null, nature: 'services', procedure: 'procedure-adaptee' },
};

describe('the card markup shared by the build and the filter script', () => {
  it('escapes what a buyer typed', () => {
    const html = noticeCardHtml(card);
    expect(html).toContain('Entretien &lt;des&gt; espaces &quot;verts&quot; &amp; co');
    expect(html).not.toContain('<des>');
    expect(escapeHtml(`<a href="x">'`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;');
  });

  it('carries the deadline and the facet values the scripts read', () => {
    const html = noticeCardHtml(card);
    expect(html).toContain('data-deadline="2026-12-14T11:00:00.000Z"');
    expect(html).toContain('data-commune="le-muy" data-famille="" data-nature="services"');
    expect(html).toContain('<span data-days-left>encore 13 jours</span>');
  });

  it('shows the estimated value, and a corrected notice’s mark beside its deadline; neither when there is none', () => {
    const html = noticeCardHtml(card);
    expect(html).toMatch(/<p class="notice-card__deadline">.*<\/time> \(.*\) <span class="badge badge--corrected" data-corrected>Rectifié le 3 décembre 2026<\/span><\/p>/);
    expect(html).toContain('<p class="notice-card__value">Valeur estimée : 230 000 € HT</p>');
    const plain = noticeCardHtml({ ...card, valueText: null, correctedText: null });
    expect(plain).not.toContain('Valeur estimée');
    expect(plain).not.toContain('data-corrected');
  });

  it('draws in the browser, from a facet file’s row, the same card as the build', () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    const redrawn = cardFromData(openCardData(card), now);
    expect(noticeCardHtml(redrawn)).toBe(noticeCardHtml(card));
  });
});

describe('the pagination bar', () => {
  it('is nothing for a list of one page', () => {
    expect(paginationHtml(1, 1, String, 'x')).toBe('');
  });

  it('links the neighbours with rel and marks the current page', () => {
    const html = paginationHtml(2, 3, (n) => `/p/${n}/`, 'Pages');
    expect(html).toContain('<a href="/p/1/" rel="prev">Page précédente</a>');
    expect(html).toContain('<a href="/p/3/" rel="next">Page suivante</a>');
    expect(html).toContain('<a href="/p/2/" aria-current="page"><span class="visually-hidden">Page </span>2</a>');
  });
});
