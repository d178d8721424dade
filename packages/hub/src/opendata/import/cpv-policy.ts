import { getCpvCatalogue } from '../../reference/cpv-catalogue.js';

export type CpvResult =
  | { kind: 'known'; code: string }
  /** Eight digits that CPV 2008 lacks (an older vocabulary): kept as written. */
  | { kind: 'unknown'; code: string }
  | { kind: 'missing'; code: '' }
  | { kind: 'malformed' };

/** "45000000", "45000000-7" or "45000000 7" → the CPV 2008 code with its check digit, when it is one. */
export function normaliseCpv(raw: string | null | undefined): CpvResult {
  const text = (raw ?? '').trim();
  if (!text) return { kind: 'missing', code: '' };
  const match = /^(\d{8})(?:[\s-]?(\d))?$/.exec(text);
  if (!match) return { kind: 'malformed' };
  const known = getCpvCatalogue().get(match[1]!);
  return known ? { kind: 'known', code: known.code } : { kind: 'unknown', code: match[1]! };
}
