import { describe, expect, it } from 'vitest';
import { chartCsv } from '../indicators/cells.js';
import { parseCsv } from '../test-support/csv.js';
import { announcementText, planAnnouncementChart, planAnnouncementCharts } from './announcement-chart.js';
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

  it('adds one chart per year after the all-years one, each with its own anchor, title and text', () => {
    const year = { total: figures(null, 2, 1, 1, 50), buyers: [figures('Draguignan', 2, 1, 1, 50)] };
    const charts = planAnnouncementCharts({
      total: figures(null, 7, 3, 2, 28.6),
      buyers: [figures('Draguignan', 5, 3, 2, 40), figures('Lorgues', 2, 0, 0, 0)],
      years: [{ year: 2026, ...year }, { year: 2025, total: figures(null, 5, 2, 1, 20), buyers: [figures('Draguignan', 3, 2, 1, 33.3), figures('Lorgues', 2, 0, 0, 0)] }],
    });
    expect(charts.map((one) => one.id)).toEqual(['annonce-programmation', 'annonce-programmation-2026', 'annonce-programmation-2025']);
    expect(charts.map((one) => one.title)).toEqual([
      'Avis annoncés dans la programmation prévisionnelle, par acheteur (toutes années)',
      'Avis annoncés dans la programmation prévisionnelle, par acheteur (2026)',
      'Avis annoncés dans la programmation prévisionnelle, par acheteur (2025)',
    ]);
    expect(charts[1]!.rows).toEqual([{ acheteur: 'Draguignan', avis: 2, annonces: 1, annonces_tot: 1, part: 50 }]);
    expect(charts[2]!.summary.replace(/[\u00A0\u202F]/g, ' ')).toContain('En 2025, sur tout le territoire, 1 avis sur 5 (20 %) avaient été annoncés');
  });
});
