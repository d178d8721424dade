import { describe, expect, it } from 'vitest';
import { parseSlugPercentages } from './slug-percentages.js';

describe('slug=percent pairs', () => {
  it('are read as shares from 0 to 1, spaces and a trailing comma allowed', () => {
    expect(parseSlugPercentages('batiments=60, energie = 40,')).toEqual({ shares: new Map([['batiments', 0.6], ['energie', 0.4]]) });
    expect(parseSlugPercentages('')).toEqual({ shares: new Map() });
  });

  it.each(['batiments', 'batiments=', 'batiments=120', 'Bâtiments=50', 'batiments=-5'])('are refused when written %j', (text) => {
    expect(parseSlugPercentages(text)).toHaveProperty('error');
  });
});
