import { describe, expect, it } from 'vitest';
import { chartCsv } from '../indicators/cells.js';
import { parseCsv } from '../test-support/csv.js';
import { announcementText, planAnnouncementChart } from './announcement-chart.js';
import type { PlanAnnouncementFigures } from './types.js';

const figures = (name: string | null, publishedNotices: number, announcedNotices: number, announcedEarly: number, earlyShare: number | null): PlanAnnouncementFigures => ({
  organisation: name ? { slug: name.toLowerCase(), name } : null,
  publishedNotices,
  announcedNotices,
  announcedEarly,
  earlyShare,
});

describe('the early-announcement indicator', () => {
  const chart = planAnnouncementChart({
    total: figures(null, 7, 3, 2, 28.6),
    buyers: [figures('Draguignan', 5, 3, 2, 40), figures('Lorgues', 2, 0, 0, 0)],
  });

  it('has one row per buyer, in the hub’s order, with the hub’s share', () => {
    expect(chart.rows).toEqual([
      { acheteur: 'Draguignan', avis: 5, annonces: 3, annonces_tot: 2, part: 40 },
      { acheteur: 'Lorgues', avis: 2, annonces: 0, annonces_tot: 0, part: 0 },
    ]);
  });

  it('says the territory’s figure and each buyer’s in its text alternative', () => {
    const plain = chart.summary.replace(/[\u00A0\u202F]/g, ' ');
    expect(plain).toContain('Sur tout le territoire, 2 avis sur 7 (28,6 %) avaient été annoncés');
    expect(plain).toContain('Draguignan : 40 % ; Lorgues : 0 %');
  });

  it('gives its table as CSV under the columns’ French labels', () => {
    const [header, ...rows] = parseCsv(chartCsv(chart));
    expect(header).toEqual(chart.columns.map((column) => column.label));
    expect(rows[0]).toEqual(['Draguignan', '5', '3', '2', '40']);
  });

  it('says so when no notice was published', () => {
    expect(planAnnouncementChart({ total: figures(null, 0, 0, 0, null), buyers: [] }).summary).toBe('Aucun avis publié.');
    expect(announcementText(figures('X', 0, 0, 0, null))).toBe('aucun avis publié');
  });
});
