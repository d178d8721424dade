import { describe, expect, it } from 'vitest';
import type { Award } from '../hub/types.js';
import { anAwardedNotice } from '../test-support/builders.js';
import { awardAmountText, awardView } from './award-view.js';

const award: Award = anAwardedNotice().lots[0]!.award!;
// French amounts use no-break spaces (narrow between thousands, plain before the euro sign).
const euros = (text: string) => text.replace(/[\u202F\u00A0]/g, ' ');

describe('an award as the site shows it', () => {
  it('names the supplier, its commune and that it is an SME, with its SIRET, amount and date', () => {
    const view = awardView(award);
    expect({ ...view, amount: euros(view.amount), amountText: euros(view.amountText) }).toEqual({
      supplier: 'Jardins du Var SARL, Lorgues (PME)',
      siret: '12345678900011',
      amount: '76 500 €',
      amountText: '76 500 € HT',
      awardedOn: '3 juillet 2026',
    });
  });

  it.each([
    ['a supplier that is not an SME', { sme: false }, 'Jardins du Var SARL, Lorgues'],
    ['an SME status that an imported award did not give', { sme: null }, 'Jardins du Var SARL, Lorgues'],
    ['no commune', { supplierCommune: null }, 'Jardins du Var SARL (PME)'],
  ])('says nothing of what it does not know: %s', (_, change, supplier) => {
    expect(awardView({ ...award, ...change }).supplier).toBe(supplier);
  });

  it('says « non communiqué » for the SIRET and amount an imported award did not give, never zero', () => {
    const view = awardView({ ...award, supplierSiret: null, sme: null, amount: null });
    expect([view.siret, view.amount, view.amountText]).toEqual(['non communiqué', 'non communiqué', 'montant non communiqué']);
  });

  it.each([
    [0, '0 € HT'],
    [1250.5, '1 250,50 € HT'],
    [null, 'montant non communiqué'],
  ])('writes the amount %s in running text as « %s »', (amount, text) => {
    expect(euros(awardAmountText(amount))).toBe(text);
  });
});
