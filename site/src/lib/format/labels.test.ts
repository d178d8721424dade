import { describe, expect, it } from 'vitest';
import { countLabel, PROCEDURE_LABELS, STATUS_LABELS } from './labels.js';

describe('French labels', () => {
  it.each([
    [0, '0 avis ouvert'],
    [1, '1 avis ouvert'],
    [2, '2 avis ouverts'],
  ])('counts %i as "%s" (zero is singular in French)', (count, expected) => {
    expect(countLabel(count, 'avis ouvert', 'avis ouverts')).toBe(expected);
  });

  it('groups thousands the French way', () => {
    expect(countLabel(12000, 'avis', 'avis').replace(/\u202f/g, ' ')).toBe('12 000 avis');
  });

  it('names each status and procedure in French', () => {
    expect(STATUS_LABELS.UNSUCCESSFUL).toBe('Infructueux');
    expect(STATUS_LABELS.CANCELLED).toBe('Sans suite');
    expect(PROCEDURE_LABELS.ADAPTED).toBe('Procédure adaptée (MAPA)');
  });
});
