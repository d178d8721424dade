// Public aggregates about staff (who was trained, who signed the charter) must not describe anyone. Anyone can query
// the public API, so the hub withholds figures itself, for every feature that publishes them (trainings, charter),
// here; the site shows what the hub decided.
//
// The outsider this guards against reads every published figure and knows how many accounts each organisation has
// (a commune's lone buyer is no secret). Staff within an organisation are alike to them, so they learn something of
// a named person exactly when they can tell that no one, or everyone, of a group did the thing:
// - a group of one or two accounts describes its people: its figures are withheld (SMALL);
// - a group where no one or everyone did it describes each of them, however large: withheld (ALL_OR_NONE);
// - the territory's total minus the published rows gives the sum of the withheld ones: the total is withheld when,
//   with that sum, some withheld group could only be « no one » or « everyone » (COMPLEMENTARY), and so is every
//   figure that follows the total (sessions held, hours of training).
// The rule decides from the counts, and a withheld row tells the outsider which of those cases it is in (SMALL by its
// headcount, ALL_OR_NONE otherwise), so the check of the total assumes they know it. Withholding the total never
// gives anything away in turn: the sums « no one of the withheld groups » and « all of them » are both withheld.
// `public-staff-figures-inference.test.ts` checks all this by brute force, on what the public queries return.

/** Below this many active staff accounts, figures are not published. */
export const MIN_PUBLISHED_HEADCOUNT = 3;

/**
 * SMALL: fewer than MIN_PUBLISHED_HEADCOUNT accounts. ALL_OR_NONE: no one or everyone of them did it, which would
 * describe each person. COMPLEMENTARY (the territory's total): with the published rows, it would give away the
 * figures of a withheld one (total minus the published rows).
 */
export const WITHHELD_REASONS = ['SMALL', 'ALL_OR_NONE', 'COMPLEMENTARY'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

/** How many staff accounts (`headcount`) and how many of them did the thing (`count`). */
export interface StaffFigure {
  headcount: number;
  count: number;
}

export interface StaffFiguresDisclosure {
  /** Why the territory's total (the sum of every row) is withheld, or null when it may be published. */
  total: WithheldReason | null;
  /** For each row, at the same index: why it is withheld, or null when it may be published. */
  rows: Array<WithheldReason | null>;
}

/** Why one group's figures are withheld on their own, or null. */
export function groupWithheldReason(figure: StaffFigure, min = MIN_PUBLISHED_HEADCOUNT): WithheldReason | null {
  if (figure.headcount < min) return 'SMALL';
  if (figure.count <= 0 || figure.count >= figure.headcount) return 'ALL_OR_NONE';
  return null;
}

/** What may be published of per-organisation figures and of their total, decided on all of them together. */
export function discloseStaffFigures(rows: readonly StaffFigure[], min = MIN_PUBLISHED_HEADCOUNT): StaffFiguresDisclosure {
  const reasons = rows.map((row) => groupWithheldReason(row, min));
  const total = {
    headcount: rows.reduce((sum, row) => sum + row.headcount, 0),
    count: rows.reduce((sum, row) => sum + row.count, 0),
  };
  const withheld = rows.flatMap((row, index) => (reasons[index] ? [{ ...row, allOrNone: reasons[index] === 'ALL_OR_NONE' }] : []));
  return { total: groupWithheldReason(total, min) ?? (sumGivesAway(withheld) ? 'COMPLEMENTARY' : null), rows: reasons };
}

interface WithheldGroup extends StaffFigure {
  /** Known to be « no one » or « everyone » (its reason says so). */
  allOrNone: boolean;
}

/** The counts an outsider holds possible for a withheld group, before any sum. */
function possibleCounts(group: WithheldGroup): number[] {
  return group.allOrNone ? [0, group.headcount] : Array.from({ length: group.headcount + 1 }, (_, count) => count);
}

/**
 * Whether knowing the sum of these withheld groups' counts (the total minus the published rows), and each group's
 * headcount and reason, leaves some group (of at least one account) with only « no one » or only « everyone »
 * possible.
 */
export function sumGivesAway(groups: readonly WithheldGroup[]): boolean {
  const sum = groups.reduce((total, group) => total + group.count, 0);
  return groups.some((group, index) => {
    if (group.headcount === 0) return false;
    // Sums the other groups can make (up to `sum`), then the counts of this one that complete them to `sum`.
    let reachable = new Set([0]);
    groups.forEach((other, otherIndex) => {
      if (otherIndex === index) return;
      const next = new Set<number>();
      for (const partial of reachable) for (const count of possibleCounts(other)) if (partial + count <= sum) next.add(partial + count);
      reachable = next;
    });
    const possible = possibleCounts(group).filter((count) => reachable.has(sum - count));
    return possible.every((count) => count === 0) || possible.every((count) => count === group.headcount);
  });
}

/** What a public view shows of `count` out of `headcount`: every value, or none of them and why. */
export type DisclosedFigures =
  | { withheld: null; headcount: number; count: number; share: number }
  | { withheld: WithheldReason; headcount: null; count: null; share: null };

export function disclosedFigures(figures: StaffFigure, withheld: WithheldReason | null): DisclosedFigures {
  if (withheld) return { withheld, headcount: null, count: null, share: null };
  const share = figures.headcount === 0 ? 0 : figures.count / figures.headcount;
  return { withheld: null, headcount: figures.headcount, count: figures.count, share };
}
