import type { FrameworkAgreement, Lot } from '../hub/types.js';
import { formatCalendarDate } from '../format/date.js';
import { formatEuros } from '../format/money.js';

/** The hub states its method in English; the site says the same in French (and shows any other method as it is). */
const METHODS_IN_FRENCH: Record<string, string> = {
  'Sum of the initial award of each lot (the first order under the agreement) and of every subsequent order recorded under it, euros excl. VAT.':
    'Somme du montant attribué pour chaque lot (la première commande passée au titre de l’accord-cadre) et de ' +
    'chaque marché subséquent ou bon de commande enregistré depuis, en euros hors taxes.',
};

export interface FrameworkOrderRow {
  reference: string;
  lot: string;
  orderedOn: string;
  supplierName: string;
  amount: string;
}

export interface FrameworkView {
  consumed: string;
  maximum: string | null;
  /** « 647 600 € HT » left, or « dépassé de 12 000 € HT » when the records exceed the maximum. */
  remaining: string | null;
  /** 0 to 100, rounded, for the text and the gauge; null without a (non-zero) maximum. */
  consumedPercent: number | null;
  method: { text: string; lang: 'fr' | 'en' };
  /** An awarded lot has no amount (an imported award): it counts for nothing in the consumed amount. */
  understated: boolean;
  orders: FrameworkOrderRow[];
}

export function frameworkView(framework: FrameworkAgreement, lots: readonly Lot[]): FrameworkView {
  const { maximumAmount, consumedAmount, remainingAmount } = framework;
  const french = METHODS_IN_FRENCH[framework.consumptionMethod];
  return {
    consumed: `${formatEuros(consumedAmount)} HT`,
    maximum: maximumAmount === null ? null : `${formatEuros(maximumAmount)} HT`,
    remaining:
      remainingAmount === null
        ? null
        : remainingAmount < 0
          ? `dépassé de ${formatEuros(-remainingAmount)} HT`
          : `${formatEuros(remainingAmount)} HT`,
    consumedPercent: maximumAmount ? Math.round((consumedAmount / maximumAmount) * 100) : null,
    method: french ? { text: french, lang: 'fr' } : { text: framework.consumptionMethod, lang: 'en' },
    understated: lots.some((lot) => lot.award !== null && lot.award.amount === null),
    orders: framework.orders.map((order) => ({
      reference: order.reference,
      lot: String(order.lotNumber),
      orderedOn: formatCalendarDate(order.orderedOn),
      supplierName: order.supplierName,
      amount: formatEuros(order.amount),
    })),
  };
}
