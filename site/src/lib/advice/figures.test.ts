import { describe, expect, it } from 'vitest';
import { adviceRow, adviceYearViews, withheldText, workingDaysText } from './figures.js';
import type { AdviceFigures, AdviceStatistics } from './types.js';

const published = (requestCount: number, answeredCount: number, median: number | null): AdviceFigures => ({
  requestCount,
  answeredCount,
  medianWorkingDaysToFirstAnswer: median,
  withheld: null,
  medianWithheld: null,
});
const withheld = (reason: 'SMALL' | 'COMPLEMENTARY'): AdviceFigures => ({
  requestCount: null,
  answeredCount: null,
  medianWorkingDaysToFirstAnswer: null,
  withheld: reason,
  medianWithheld: null,
});

describe('the advice figures as /indicateurs/ writes them', () => {
  it('writes working days in French, singular below two', () => {
    expect(workingDaysText(0)).toBe('0 jour ouvré');
    expect(workingDaysText(1.5)).toBe('1,5 jour ouvré');
    expect(workingDaysText(2)).toBe('2 jours ouvrés');
    expect(workingDaysText(12.25)).toBe('12,3 jours ouvrés');
  });

  it('says why each kind of figure is withheld, with the hub’s minimum', () => {
    expect(withheldText('SMALL', 3)).toBe('non publié (moins de 3 demandeurs)');
    expect(withheldText('FEW_EXPERTS', 3)).toBe('non publié (moins de 3 experts)');
    expect(withheldText('COMPLEMENTARY', 3)).toMatch(/^non publié \(permettrait de retrouver/);
  });

  it('shows a withheld row’s reason in every cell, never a number', () => {
    expect(adviceRow('Négociation', withheld('SMALL'), 3)).toEqual({
      label: 'Négociation',
      requests: 'non publié (moins de 3 demandeurs)',
      answered: 'non publié (moins de 3 demandeurs)',
      median: 'non publié (moins de 3 demandeurs)',
    });
  });

  it('says a median is missing because nothing was answered, or why the hub withholds it', () => {
    expect(adviceRow('x', published(4, 0, null), 3).median).toBe('aucune réponse');
    expect(adviceRow('x', { ...published(4, 2, null), medianWithheld: 'FEW_EXPERTS' }, 3)).toEqual({
      label: 'x',
      requests: '4',
      answered: '2',
      median: 'non publié (moins de 3 experts)',
    });
    expect(adviceRow('x', published(1200, 1100, 3), 3)).toMatchObject({ requests: '1\u202f200', median: '3 jours ouvrés' });
  });

  it('lists every stage, and only the families asked about or withheld, with the year’s total', () => {
    const statistics: AdviceStatistics = {
      minimumPeople: 3,
      years: [
        {
          year: 2026,
          ...published(9, 5, 2),
          stages: [{ stage: 'NEED', label: 'Définition du besoin', ...published(0, 0, null) }],
          families: [
            { family: { slug: 'batiments', name: 'Bâtiments' }, ...published(6, 3, 2) },
            { family: { slug: 'transport', name: 'Transport' }, ...published(0, 0, null) },
            { family: { slug: 'informatique', name: 'Informatique' }, ...withheld('SMALL') },
          ],
        },
      ],
    };
    const [view] = adviceYearViews(statistics);
    expect(view!.stages.map((row) => [row.label, row.requests])).toEqual([['Définition du besoin', '0']]);
    expect(view!.families.map((row) => row.label)).toEqual(['Bâtiments', 'Informatique']);
    expect(view!.familiesWithoutRequest).toBe(1);
    expect(view!.total).toEqual({ label: 'Total 2026', requests: '9', answered: '5', median: '2 jours ouvrés' });
  });
});
