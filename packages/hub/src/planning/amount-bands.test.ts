import { describe, expect, it } from 'vitest';
import { AMOUNT_BANDS, bandOf } from './amount-bands.js';

describe('estimated amount bands', () => {
  it('follow each other without gap or overlap, from zero to no upper bound', () => {
    expect(AMOUNT_BANDS[0].min).toBe(0);
    for (let index = 1; index < AMOUNT_BANDS.length; index++) expect(AMOUNT_BANDS[index]!.min).toBe(AMOUNT_BANDS[index - 1]!.max);
    expect(AMOUNT_BANDS.at(-1)!.max).toBeNull();
  });

  it.each([
    [0, 'BELOW_40K'],
    [39_999.99, 'BELOW_40K'],
    [40_000, 'FROM_40K_TO_90K'],
    [215_999, 'FROM_90K_TO_216K'],
    [216_000, 'FROM_216K_TO_1M'],
    [4_999_999, 'FROM_1M_TO_5M'],
    [12_000_000, 'ABOVE_5M'],
  ])('%d € falls in %s', (amount, band) => {
    expect(bandOf(amount)).toBe(band);
  });
});
