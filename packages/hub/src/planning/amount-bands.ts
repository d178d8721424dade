/**
 * The estimated amount of a planned purchase is a band, not a figure: an estimate months ahead is rough, and an exact
 * figure would anchor the offers. Euros excl. VAT; `min` included, `max` excluded. The edges are round figures that
 * readers know (40 k€, 90 k€, the EU threshold of local authorities, 1 M€, 5 M€); they describe sizes, they do not
 * decide a procedure (the dated thresholds do that: `notices/thresholds.ts`).
 */
export const AMOUNT_BANDS = [
  { code: 'BELOW_40K', min: 0, max: 40_000, label: 'moins de 40 000 € HT' },
  { code: 'FROM_40K_TO_90K', min: 40_000, max: 90_000, label: 'de 40 000 € à 90 000 € HT' },
  { code: 'FROM_90K_TO_216K', min: 90_000, max: 216_000, label: 'de 90 000 € à 216 000 € HT' },
  { code: 'FROM_216K_TO_1M', min: 216_000, max: 1_000_000, label: 'de 216 000 € à 1 000 000 € HT' },
  { code: 'FROM_1M_TO_5M', min: 1_000_000, max: 5_000_000, label: 'de 1 000 000 € à 5 000 000 € HT' },
  { code: 'ABOVE_5M', min: 5_000_000, max: null, label: 'plus de 5 000 000 € HT' },
] as const;

export type AmountBand = (typeof AMOUNT_BANDS)[number]['code'];
export const AMOUNT_BAND_CODES = AMOUNT_BANDS.map((band) => band.code) as unknown as readonly [AmountBand, ...AmountBand[]];

export function amountBand(code: AmountBand): (typeof AMOUNT_BANDS)[number] {
  return AMOUNT_BANDS.find((band) => band.code === code)!;
}

/** The band an amount falls in. */
export function bandOf(amount: number): AmountBand {
  return [...AMOUNT_BANDS].reverse().find((band) => amount >= band.min)!.code;
}
