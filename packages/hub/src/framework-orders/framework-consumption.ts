/**
 * How much of a framework agreement is used. The method, stated publicly in the schema: the initial award of each
 * lot counts as the first order under the agreement (its amount is a firm commitment), and every subsequent order
 * recorded under it adds its amount. An award without an amount adds nothing.
 */
export const CONSUMPTION_METHOD =
  'Sum of the initial award of each lot (the first order under the agreement) and of every subsequent order recorded under it, euros excl. VAT.';

export interface FrameworkFigures {
  maximumAmount: number | null;
  awardAmounts: ReadonlyArray<number | null>;
  orderAmounts: readonly number[];
}

export interface Consumption {
  consumedAmount: number;
  /** Null when the agreement has no maximum. */
  remainingAmount: number | null;
  /** 0 to 1 (or more if records exceed the maximum); null without a maximum or with a zero maximum. */
  consumedShare: number | null;
}

/** Rounded to the cent so sums of doubles read as the amounts people typed. */
const cents = (value: number) => Math.round(value * 100) / 100;

export function frameworkConsumption(figures: FrameworkFigures): Consumption {
  const awarded = figures.awardAmounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);
  const ordered = figures.orderAmounts.reduce((sum, amount) => sum + amount, 0);
  const consumedAmount = cents(awarded + ordered);
  const maximum = figures.maximumAmount;
  return {
    consumedAmount,
    remainingAmount: maximum === null ? null : cents(maximum - consumedAmount),
    consumedShare: maximum ? consumedAmount / maximum : null,
  };
}

export interface OrderCheck {
  isFramework: boolean;
  lot: { status: string; awardedOn: string | null; supplierSiret: string | null } | undefined;
  singleSupplier: boolean;
  supplierSiret: string;
  orderedOn: string;
  amount: number;
  consumption: Consumption;
}

/** Whether the notice and lot can take orders at all, before any field of the order is read; null when they can. */
export function frameworkLotProblem(check: Pick<OrderCheck, 'isFramework' | 'lot'>): { field: string; message: string } | null {
  if (!check.isFramework) return { field: 'reference', message: 'Cet avis n’est pas un accord-cadre.' };
  if (!check.lot) return { field: 'lotNumber', message: 'L’accord-cadre n’a pas ce lot.' };
  if (check.lot.status !== 'AWARDED') return { field: 'lotNumber', message: 'Une commande suit l’attribution du lot : ce lot n’est pas attribué.' };
  return null;
}

/** Why an order cannot be recorded, naming the input field; null when it can. */
export function frameworkOrderProblem(check: OrderCheck): { field: string; message: string } | null {
  const lotProblem = frameworkLotProblem(check);
  if (lotProblem || !check.lot) return lotProblem;
  if (check.amount <= 0) return { field: 'amount', message: 'Le champ amount doit être supérieur à zéro.' };
  if (check.lot.awardedOn && check.orderedOn < check.lot.awardedOn) {
    return { field: 'orderedOn', message: 'Une commande ne peut précéder l’attribution de son accord-cadre.' };
  }
  if (check.singleSupplier && check.lot.supplierSiret && check.lot.supplierSiret !== check.supplierSiret) {
    return { field: 'supplierSiret', message: 'Un accord-cadre mono-attributaire ne commande qu’à son titulaire.' };
  }
  const remaining = check.consumption.remainingAmount;
  if (remaining !== null && cents(check.amount) > remaining) {
    return { field: 'amount', message: `La commande dépasse le montant maximum de l’accord-cadre (reste ${remaining} €).` };
  }
  return null;
}
