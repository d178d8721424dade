const wholeEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euroCents = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "1 250 000 €", or "1 250,50 €" when there are cents (French separators: narrow no-break spaces). */
export function formatEuros(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`not an amount: ${amount}`);
  return Number.isInteger(amount) ? wholeEuros.format(amount) : euroCents.format(amount);
}

/** Amounts the buyer chose not to publish read as such, never as zero. */
export function formatOptionalEuros(amount: number | null | undefined, missing = 'non communiqué'): string {
  return amount === null || amount === undefined ? missing : formatEuros(amount);
}
