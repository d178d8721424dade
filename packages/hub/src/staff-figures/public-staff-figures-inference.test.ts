import { describe, expect, it } from 'vitest';
import { CharterAdoptionType } from '../charter/charter.type.js';
import { OrganisationType } from '../organisations/organisation.type.js';
import { summarise } from '../trainings/training-statistics.js';
import { TrainingStatisticsType } from '../trainings/training-statistics.type.js';

// An outsider reads every figure the public queries `trainingStatistics` and `charterAdoption` return, and knows how
// many staff accounts each organisation has (a commune's lone buyer is no secret). Within an organisation its staff
// are alike to them, so a person's status is given away when, in every territory that gives the very same public
// answer, their organisation's count is 0 (no one attended, or signed) or its headcount (everyone did). The answer
// is built by the code the resolvers run (the public types' `from`), and compared as a whole, so a figure added to
// the public types later is in the outsider's view without changing this test.

const SINCE = new Date('2024-12-01T00:00:00Z');

function organisation(index: number): OrganisationType {
  return Object.assign(new OrganisationType(), {
    siren: null,
    slug: `commune-${index}`,
    name: `Commune ${index}`,
    kind: 'COMMUNE',
    inseeCode: null,
    population: null,
  });
}

/** Every field of a public answer, as a client reads it (organisations by name). */
function publicAnswer(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) => (field instanceof OrganisationType ? field.name : field));
}

/** A territory as the hub sees it: the organisations with active accounts (an organisation of none is not listed). */
function listed(headcounts: readonly number[], counts: readonly number[]) {
  return headcounts.flatMap((headcount, index) => (headcount > 0 ? [{ index, organisation: organisation(index), headcount, count: counts[index]! }] : []));
}

/**
 * `counts[i]` of organisation i's staff attended a session in the window; here they all attended the same 7-hour
 * one, so sessions and hours follow the attendances (a finer model of sessions only gives the outsider less).
 */
function trainingAnswer(headcounts: readonly number[], counts: readonly number[]) {
  const rows = listed(headcounts, counts);
  const attendances = rows.flatMap((row) =>
    Array.from({ length: row.count }, (_, person) => ({
      staffMember: `${row.organisation.slug}-${person}`,
      organisation: row.organisation.slug,
      active: true,
      session: 'the-session',
      durationHours: 7,
    })),
  );
  const figures = summarise(SINCE, new Map(rows.map((row) => [row.organisation.slug, row.headcount])), attendances);
  return TrainingStatisticsType.from(
    figures,
    figures.organisations.map((row) => ({ row, organisation: rows.find((candidate) => candidate.organisation.slug === row.organisationId)!.organisation })),
  );
}

/** `counts[i]` of organisation i's staff signed the current version. */
function charterAnswer(headcounts: readonly number[], counts: readonly number[]) {
  const rows = listed(headcounts, counts);
  return CharterAdoptionType.from(
    1,
    rows.map((row) => ({ row: { organisationId: row.organisation.slug, headcount: row.headcount, signedCount: row.count }, organisation: row.organisation })),
  );
}

/** Every list of 1 to 4 organisations of 0 to 4 accounts, in every order, and every list of 5 by increasing size. */
function territories(): number[][] {
  const sizes = [0, 1, 2, 3, 4];
  const extend = (lists: number[][], increasing: boolean) =>
    lists.flatMap((list) => sizes.filter((size) => !increasing || size >= (list.at(-1) ?? 0)).map((size) => [...list, size]));
  const all: number[][] = [];
  let ordered: number[][] = [[]];
  let increasing: number[][] = [[]];
  for (let length = 1; length <= 5; length++) {
    ordered = extend(ordered, false);
    increasing = extend(increasing, true);
    all.push(...(length <= 4 ? ordered : increasing));
  }
  return all;
}

/** Every way the staff of these organisations may have attended or signed, as counts per organisation. */
function patterns(headcounts: readonly number[]): number[][] {
  return headcounts.reduce<number[][]>((partial, headcount) => partial.flatMap((counts) => Array.from({ length: headcount + 1 }, (_, count) => [...counts, count])), [[]]);
}

/** What the outsider can tell of someone, for each public answer of this territory that gives it away. */
function giveaways(headcounts: readonly number[], answer: (headcounts: readonly number[], counts: readonly number[]) => unknown): string[] {
  const answers = new Map<string, { noneEver: boolean[]; allEver: boolean[]; example: number[] }>();
  for (const counts of patterns(headcounts)) {
    const key = publicAnswer(answer(headcounts, counts));
    let seen = answers.get(key);
    if (!seen) answers.set(key, (seen = { noneEver: headcounts.map(() => true), allEver: headcounts.map(() => true), example: counts }));
    counts.forEach((count, index) => {
      if (count !== 0) seen.noneEver[index] = false;
      if (count !== headcounts[index]) seen.allEver[index] = false;
    });
  }
  const found: string[] = [];
  for (const [key, seen] of answers) {
    headcounts.forEach((headcount, index) => {
      if (headcount === 0 || !(seen.noneEver[index] || seen.allEver[index])) return;
      const what = seen.allEver[index] ? 'everyone' : 'no one';
      found.push(`staff ${headcounts.join(',')}, counts ${seen.example.join(',')}: ${what} of Commune ${index} (${headcount}) — ${key}`);
    });
  }
  return found;
}

describe('what an outsider can infer about one person from the public staff figures', () => {
  const all = territories();

  it('enumerates every small territory', () => {
    expect(all.length).toBe(5 + 25 + 125 + 625 + 126);
  });

  it.each([
    ['trainingStatistics', trainingAnswer],
    ['charterAdoption', charterAnswer],
  ] as const)('learns from %s, for no territory of up to five organisations of up to four accounts, whether a given person did it', (_, answer) => {
    const found = all.flatMap((headcounts) => giveaways(headcounts, answer));
    expect(found.length, found.slice(0, 5).join('\n')).toBe(0);
  });

  it('would find the give-away of figures published whole, so the check above has teeth', () => {
    const everything = (headcounts: readonly number[], counts: readonly number[]) => ({ headcounts, counts });
    expect(giveaways([1, 1, 1], everything)).toHaveLength(3 * 8);
    // Three communes of one buyer each: « the total minus the published rows » of the issue, whatever the rows.
    const totalOnly = (headcounts: readonly number[], counts: readonly number[]) => counts.reduce((sum, count) => sum + count, 0);
    expect(giveaways([1, 1, 1], totalOnly)).toHaveLength(6);
  });
});
