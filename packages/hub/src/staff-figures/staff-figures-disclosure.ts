// Public aggregates about staff (who was trained, who signed the charter) must not describe anyone: the figures of an
// organisation with one or two staff accounts would tell what a named person did. Anyone can query the public API,
// so the hub withholds them itself; the site shows what the hub decided.

/** Below this many active staff accounts, figures are not published. */
export const MIN_PUBLISHED_HEADCOUNT = 3;

/**
 * SMALL: fewer than MIN_PUBLISHED_HEADCOUNT accounts. COMPLEMENTARY: enough accounts, but with the territory's total
 * the figures would give away those of the SMALL organisations (total minus the published rows).
 */
export const WITHHELD_REASONS = ['SMALL', 'COMPLEMENTARY'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

export interface DisclosureRow {
  headcount: number;
  /** Breaks ties between organisations of the same headcount, so the outcome does not depend on the query's order. */
  name: string;
}

const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Why the territory's total is withheld, or null when it may be published. */
export function totalWithheldReason(headcount: number, min = MIN_PUBLISHED_HEADCOUNT): WithheldReason | null {
  return headcount < min ? 'SMALL' : null;
}

/**
 * For each row, at the same index: null when its figures may be published, else why not. Rows under `min` accounts
 * are SMALL; then, while the withheld rows add up to fewer than `min` accounts (the total minus the published rows
 * would describe them), the smallest published row (fewest accounts, then by name) is withheld as COMPLEMENTARY.
 */
export function withheldReasons(rows: readonly DisclosureRow[], min = MIN_PUBLISHED_HEADCOUNT): Array<WithheldReason | null> {
  const reasons: Array<WithheldReason | null> = rows.map((row) => (row.headcount < min ? 'SMALL' : null));
  let withheldHeadcount = rows.reduce((sum, row, index) => sum + (reasons[index] ? row.headcount : 0), 0);
  // Array.prototype.sort is stable: rows equal in headcount and name keep the caller's order.
  const candidates = rows
    .map((row, index) => ({ row, index }))
    .filter(({ index }) => reasons[index] === null)
    .sort((a, b) => a.row.headcount - b.row.headcount || byName.compare(a.row.name, b.row.name));
  for (const { row, index } of candidates) {
    if (withheldHeadcount === 0 || withheldHeadcount >= min) break;
    reasons[index] = 'COMPLEMENTARY';
    withheldHeadcount += row.headcount;
  }
  return reasons;
}

/** What a public view shows of `count` out of `headcount`: every value, or none of them and why. */
export type DisclosedFigures =
  | { withheld: null; headcount: number; count: number; share: number }
  | { withheld: WithheldReason; headcount: null; count: null; share: null };

export function disclosedFigures(figures: { headcount: number; count: number }, withheld: WithheldReason | null): DisclosedFigures {
  if (withheld) return { withheld, headcount: null, count: null, share: null };
  const share = figures.headcount === 0 ? 0 : figures.count / figures.headcount;
  return { withheld: null, headcount: figures.headcount, count: figures.count, share };
}

export interface StaffFiguresDisclosure {
  /** Why the territory's total is withheld, or null. */
  total: WithheldReason | null;
  /** For each row, at the same index: why it is withheld, or null. */
  rows: Array<WithheldReason | null>;
}

/** What may be published of per-organisation figures and of their total, decided on all of them together. */
export function discloseStaffFigures(rows: ReadonlyArray<DisclosureRow & { count: number }>, min = MIN_PUBLISHED_HEADCOUNT): StaffFiguresDisclosure {
  return { total: totalWithheldReason(rows.reduce((sum, row) => sum + row.headcount, 0), min), rows: withheldReasons(rows, min) };
}
