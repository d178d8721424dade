import { describe, expect, it } from 'vitest';
import { foldText } from './text.js';

describe('foldText', () => {
  it.each([
    ['Électricité', 'electricite'],
    ['Châteaudouble', 'chateaudouble'],
    ['Œuvre', 'oeuvre'],
    ['ex æquo', 'ex aequo'],
    ['Straße', 'strasse'],
    ['FIGANIÈRES', 'figanieres'],
    ['déjà çà', 'deja ca'],
    ['ﬁchier', 'fichier'],
    ['m²', 'm2'],
    ['', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps punctuation and spacing apart from compatibility spaces', () => {
    expect(foldText("Travaux d'Équipement")).toBe("travaux d'equipement");
    expect(foldText('15\u00a0000 €')).toBe('15 000 €');
  });
});
