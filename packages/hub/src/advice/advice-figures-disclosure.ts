// The public advice figures count requests, and requests are asked by people: a figure about one or two askers
// would tell what a commune's secretary asked. Anyone can query the public API, so the hub withholds such figures
// itself, as it does for the staff figures (`staff-figures/staff-figures-disclosure.ts`). The people of a group
// are a set, not a number: the same person may ask in several stages, so what the withheld groups "add up to" is
// the union of their people, never the sum of their sizes.

/** Below this many distinct people, a figure is not published. */
export const MIN_PUBLISHED_PEOPLE = 3;

/**
 * SMALL: the requests of the group were asked by one or two people. COMPLEMENTARY: enough people, but with the year's
 * total the group's figures would give away those of the SMALL groups (total minus the published groups).
 * FEW_EXPERTS (a median only): the first answers were written by one or two experts, whose own pace it would show.
 */
export const ADVICE_WITHHELD_REASONS = ['SMALL', 'COMPLEMENTARY', 'FEW_EXPERTS'] as const;
export type AdviceWithheldReason = (typeof ADVICE_WITHHELD_REASONS)[number];

export interface DisclosureGroup {
  /** The distinct people the group's figures describe. */
  people: ReadonlySet<string>;
}

/** Why a total describing these people is withheld, or null when it may be published. */
export function totalWithheldReason(people: ReadonlySet<string>, min = MIN_PUBLISHED_PEOPLE): AdviceWithheldReason | null {
  return people.size > 0 && people.size < min ? 'SMALL' : null;
}

/**
 * For each group of one partition of a total, at the same index: null when its figures may be published, else why
 * not. A group of 1 to `min - 1` people is SMALL (a group of nobody is published: its zero describes no one). Then,
 * while the people of the withheld groups number 1 to `min - 1` (the total minus the published groups would describe
 * them), the published group of fewest people (then the first given) is withheld as COMPLEMENTARY. Every published
 * group left has `min` people or more, so one complementary group always suffices when the total itself is published.
 */
export function withheldGroups(groups: readonly DisclosureGroup[], min = MIN_PUBLISHED_PEOPLE): Array<AdviceWithheldReason | null> {
  const reasons: Array<AdviceWithheldReason | null> = groups.map(({ people }) => (people.size > 0 && people.size < min ? 'SMALL' : null));
  const withheldPeople = new Set<string>();
  groups.forEach(({ people }, index) => {
    if (reasons[index]) for (const person of people) withheldPeople.add(person);
  });
  // Array.prototype.sort is stable: groups of as many people keep the caller's order.
  const candidates = groups
    .map((group, index) => ({ group, index }))
    .filter(({ group, index }) => reasons[index] === null && group.people.size > 0)
    .sort((a, b) => a.group.people.size - b.group.people.size);
  for (const { group, index } of candidates) {
    if (withheldPeople.size === 0 || withheldPeople.size >= min) break;
    reasons[index] = 'COMPLEMENTARY';
    for (const person of group.people) withheldPeople.add(person);
  }
  return reasons;
}
