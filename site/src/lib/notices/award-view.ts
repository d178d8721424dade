import type { Award } from '../hub/types.js';
import { formatCalendarDate } from '../format/date.js';
import { formatEuros } from '../format/money.js';

/** What the site says for a value an imported award did not give. */
export const NOT_COMMUNICATED = 'non communiqué';

export interface AwardView {
  /** « Jardins du Var SARL, Lorgues (PME) »: the SME mention only when known to be one. */
  supplier: string;
  siret: string;
  /** For an amount column: « 76 500 € » or « non communiqué ». */
  amount: string;
  /** For running text: « 76 500 € HT » or « montant non communiqué ». */
  amountText: string;
  awardedOn: string;
}

/** For running text: « 76 500 € HT » or « montant non communiqué ». */
export function awardAmountText(amount: number | null): string {
  return amount === null ? `montant ${NOT_COMMUNICATED}` : `${formatEuros(amount)} HT`;
}

export function awardView(award: Award): AwardView {
  const commune = award.supplierCommune ? `, ${award.supplierCommune}` : '';
  return {
    supplier: `${award.supplierName}${commune}${award.sme === true ? ' (PME)' : ''}`,
    siret: award.supplierSiret ?? NOT_COMMUNICATED,
    amount: award.amount === null ? NOT_COMMUNICATED : formatEuros(award.amount),
    amountText: awardAmountText(award.amount),
    awardedOn: formatCalendarDate(award.awardedOn),
  };
}
