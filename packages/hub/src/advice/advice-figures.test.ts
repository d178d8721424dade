import { describe, expect, it } from 'vitest';
import { withheldGroups, type AdviceWithheldReason } from './advice-figures-disclosure.js';
import { adviceFigures, median, type AdviceFigureRecord, type AdviceGroupFigures } from './advice-figures.js';
import { ADVICE_STAGES, type AdviceStage } from './advice-stages.js';

const people = (...names: string[]) => ({ people: new Set(names) });

function request(
  askerId: string,
  stage: AdviceStage,
  familyId: string,
  submittedAt = '2026-03-02T09:00:00Z',
  firstAnswer: { at: string; expertId: string } | null = null,
): AdviceFigureRecord {
  return { askerId, stage, familyId, submittedAt: new Date(submittedAt), firstAnswer: firstAnswer && { at: new Date(firstAnswer.at), expertId: firstAnswer.expertId } };
}

describe('the median of the working days to a first answer', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[4], 4],
    [[5, 1, 3], 3],
    [[5, 1, 3, 2], 2.5],
    [[0, 0, 7, 7], 3.5],
  ])('of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('withholding the groups of one partition', () => {
  it.each<[string, Array<{ people: Set<string> }>, Array<AdviceWithheldReason | null>]>([
    ['publishes groups of three people or more', [people('a', 'b', 'c'), people('d', 'e', 'f', 'g')], [null, null]],
    ['publishes a group of nobody: its zero describes no one', [people('a', 'b', 'c'), people()], [null, null]],
    ['withholds groups of one or two people, whose people together are three', [people('a', 'b', 'c', 'd'), people('e'), people('f', 'g')], [null, 'SMALL', 'SMALL']],
    [
      'also withholds the smallest published group when the total would give away a lone small one',
      [people('a', 'b', 'c', 'd', 'e'), people('f', 'g', 'h'), people('i')],
      [null, 'COMPLEMENTARY', 'SMALL'],
    ],
    [
      'counts a person asking in two small groups once: two groups of the same two people need a complementary group',
      [people('a', 'b', 'c', 'd'), people('x', 'y'), people('x', 'y')],
      ['COMPLEMENTARY', 'SMALL', 'SMALL'],
    ],
    ['picks the first given of two published groups of as many people', [people('a', 'b', 'c'), people('d', 'e', 'f'), people('g')], ['COMPLEMENTARY', null, 'SMALL']],
    ['withholds everything when every group is small', [people('a'), people('b', 'c')], ['SMALL', 'SMALL']],
    ['needs no complementary group when the small ones together are three people', [people('a', 'b', 'c'), people('d'), people('e', 'f')], [null, 'SMALL', 'SMALL']],
    ['publishes nothing of no group', [], []],
  ])('%s', (_, groups, expected) => {
    expect(withheldGroups(groups)).toEqual(expected);
  });
});

describe('the public advice figures of a year', () => {
  const families = ['batiments', 'informatique'];

  it('counts requests per stage and per family, and the median working days to a first answer across week-ends and public holidays', () => {
    const records = [
      // Thursday 30 April 2026, answered Monday 4 May: Friday 1 May (fête du Travail) and the week-end do not count.
      request('a', 'NEED', 'batiments', '2026-04-30T08:00:00Z', { at: '2026-05-04T08:00:00Z', expertId: 'x' }),
      // Friday 10 July 2026, answered Wednesday 15 July: the week-end and Tuesday 14 July do not count.
      request('b', 'NEED', 'batiments', '2026-07-10T08:00:00Z', { at: '2026-07-15T08:00:00Z', expertId: 'y' }),
      // Monday 7 December 2026, answered Thursday 10 December.
      request('c', 'NEED', 'informatique', '2026-12-07T08:00:00Z', { at: '2026-12-10T08:00:00Z', expertId: 'z' }),
      request('d', 'NEED', 'informatique', '2026-12-07T08:00:00Z'),
    ];
    const [year] = adviceFigures(records, families);
    expect(year!.year).toBe(2026);
    expect(year!.total).toEqual({ withheld: null, requestCount: 4, answeredCount: 3, medianWithheld: null, medianWorkingDaysToFirstAnswer: 2 });
    expect(year!.stages.map((stage) => stage.stage)).toEqual([...ADVICE_STAGES]);
    expect(year!.stages[0]).toEqual({ stage: 'NEED', withheld: null, requestCount: 4, answeredCount: 3, medianWithheld: null, medianWorkingDaysToFirstAnswer: 2 });
    expect(year!.stages[1]).toEqual({ stage: 'SOURCING', withheld: null, requestCount: 0, answeredCount: 0, medianWithheld: null, medianWorkingDaysToFirstAnswer: null });
    // Two families of two askers each: both small, together four people.
    expect(year!.families.map((family) => family.withheld)).toEqual(['SMALL', 'SMALL']);
  });

  it('gives each year of the question in Paris, most recent first: a question of New Year’s Eve at 23:30 in Paris is of the old year', () => {
    const records = [request('a', 'NEED', 'batiments', '2025-12-31T22:30:00Z'), request('b', 'NEED', 'batiments', '2026-01-01T10:00:00Z')];
    expect(adviceFigures(records, families).map((year) => year.year)).toEqual([2026, 2025]);
  });

  it('withholds the median of answers written by one or two experts, and says so', () => {
    const records = ['a', 'b', 'c'].map((asker, index) =>
      request(asker, 'PROCEDURE', 'batiments', '2026-03-02T08:00:00Z', { at: `2026-03-0${3 + index}T08:00:00Z`, expertId: index === 0 ? 'x' : 'y' }),
    );
    const [year] = adviceFigures(records, families);
    expect(year!.total).toEqual({ withheld: null, requestCount: 3, answeredCount: 3, medianWithheld: 'FEW_EXPERTS', medianWorkingDaysToFirstAnswer: null });
  });

  it('withholds the median when the answered requests were asked by one or two people, even in a published group', () => {
    const records = [
      request('a', 'PROCEDURE', 'batiments', '2026-03-02T08:00:00Z', { at: '2026-03-03T08:00:00Z', expertId: 'x' }),
      request('b', 'PROCEDURE', 'batiments', '2026-03-02T08:00:00Z', { at: '2026-03-04T08:00:00Z', expertId: 'y' }),
      request('c', 'PROCEDURE', 'batiments', '2026-03-02T08:00:00Z'),
    ];
    expect(adviceFigures(records, families)[0]!.total).toMatchObject({ withheld: null, answeredCount: 2, medianWithheld: 'SMALL', medianWorkingDaysToFirstAnswer: null });
  });

  it('withholds the total of a year of one or two askers, and with it every stage and family, zeros included', () => {
    const [year] = adviceFigures([request('a', 'NEED', 'batiments'), request('a', 'DRAFTING', 'batiments'), request('b', 'NEED', 'batiments')], families);
    expect(year!.total.withheld).toBe('SMALL');
    expect([...year!.stages, ...year!.families].every((group) => group.withheld === 'SMALL' && group.requestCount === null)).toBe(true);
  });

  it('refuses a request of a family it was not given, rather than totals that do not add up', () => {
    expect(() => adviceFigures([request('a', 'NEED', 'espaces-verts')], families)).toThrow(/espaces-verts/);
  });
});

describe('no withheld figure can be worked out from the published ones', () => {
  const askers = ['a', 'b', 'c', 'd'];
  const experts = ['x', 'y', 'z'];
  const stages: AdviceStage[] = ['NEED', 'SOURCING'];
  const families = ['batiments', 'informatique'];
  const kinds = askers.flatMap((asker) => stages.flatMap((stage) => families.map((family) => ({ asker, stage, family }))));

  /** Every multiset of up to `size` request kinds. */
  function* territories(size: number, from = 0, chosen: typeof kinds = []): Generator<typeof kinds> {
    yield chosen;
    if (chosen.length === size) return;
    for (let index = from; index < kinds.length; index++) yield* territories(size, index, [...chosen, kinds[index]!]);
  }

  /** What is wrong with one partition's figures, if anything. */
  function problems(records: AdviceFigureRecord[], total: AdviceGroupFigures, groups: Array<{ figures: AdviceGroupFigures; records: AdviceFigureRecord[] }>): string[] {
    const found: string[] = [];
    const askersOf = (list: AdviceFigureRecord[]) => new Set(list.map((record) => record.askerId)).size;
    for (const { figures, records: groupRecords } of groups) {
      if (figures.withheld === null && groupRecords.length > 0 && askersOf(groupRecords) < 3) found.push('a published group of fewer than three askers');
      if (figures.medianWorkingDaysToFirstAnswer !== null) {
        const answered = groupRecords.filter((record) => record.firstAnswer);
        if (askersOf(answered) < 3) found.push('a published median of fewer than three askers');
        if (new Set(answered.map((record) => record.firstAnswer!.expertId)).size < 3) found.push('a published median of fewer than three experts');
      }
    }
    if (total.withheld !== null) {
      if (groups.some(({ figures }) => figures.withheld === null)) found.push('a published group under a withheld total');
      return found;
    }
    if (total.requestCount !== records.length) found.push('a total that is not the number of requests');
    // What anyone can work out: the total minus the published groups. It must describe nobody, or three people.
    const withheld = groups.filter(({ figures }) => figures.withheld !== null).flatMap((group) => group.records);
    const derived = total.requestCount! - groups.reduce((sum, { figures }) => sum + (figures.requestCount ?? 0), 0);
    if (derived !== withheld.length) found.push('groups that do not add up to the total');
    const derivedPeople = askersOf(withheld);
    if (derivedPeople > 0 && derivedPeople < 3) found.push(`the total minus the published groups gives ${derived} requests of ${derivedPeople} people`);
    return found;
  }

  it('over every territory of up to four requests by four people in two stages and two families', () => {
    let count = 0;
    let complementary = 0;
    const failures: string[] = [];
    for (const territory of territories(4)) {
      count++;
      const records = territory.map(({ asker, stage, family }, index) =>
        request(asker, stage, family, '2026-03-02T08:00:00Z', index % 4 === 3 ? null : { at: `2026-03-0${3 + index}T08:00:00Z`, expertId: experts[index % 3]! }),
      );
      const label = () => territory.map(({ asker, stage, family }) => `${asker}/${stage}/${family}`).join(' ');
      const years = adviceFigures(records, families);
      if (years.length !== (records.length === 0 ? 0 : 1)) failures.push(`${label()}: ${years.length} years`);
      if (years.length === 0) continue;
      const [year] = years;
      const found = [
        ...problems(records, year!.total, year!.stages.map((figures) => ({ figures, records: records.filter((record) => record.stage === figures.stage) }))),
        ...problems(records, year!.total, year!.families.map((figures) => ({ figures, records: records.filter((record) => record.familyId === figures.familyId) }))),
      ];
      if (found.length > 0) failures.push(`${label()}: ${found.join('; ')}`);
      if ([...year!.stages, ...year!.families].some((group) => group.withheld === 'COMPLEMENTARY')) complementary++;
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // 16 kinds of request: 1 + 16 + 136 + 816 + 3,876 territories, and the complement rule was needed in some.
    expect(count).toBe(4_845);
    expect(complementary).toBeGreaterThan(0);
  });
});

describe('no withheld group can be worked out, whoever asks in several groups', () => {
  it('over every partition in three groups of what four people asked', () => {
    const everyone = ['a', 'b', 'c', 'd'];
    const subsets = Array.from({ length: 16 }, (_, mask) => new Set(everyone.filter((_, bit) => mask & (1 << bit))));
    const failures: string[] = [];
    let complementary = 0;
    for (const first of subsets) {
      for (const second of subsets) {
        for (const third of subsets) {
          const groups = [first, second, third].map((set) => ({ people: set }));
          const reasons = withheldGroups(groups);
          const label = groups.map(({ people: set }) => `{${[...set].join('')}}`).join(' ');
          const total = new Set([...first, ...second, ...third]);
          groups.forEach(({ people: set }, index) => {
            if ((reasons[index] === 'SMALL') !== (set.size > 0 && set.size < 3)) failures.push(`${label}: group ${index} is ${reasons[index]}`);
          });
          const withheldPeople = new Set(groups.flatMap(({ people: set }, index) => (reasons[index] ? [...set] : [])));
          if (total.size >= 3 && withheldPeople.size > 0 && withheldPeople.size < 3) failures.push(`${label}: the withheld groups are ${withheldPeople.size} people`);
          const extra = reasons.filter((reason) => reason === 'COMPLEMENTARY').length;
          if (extra > 1) failures.push(`${label}: ${extra} complementary groups`);
          if (extra > 0) complementary++;
        }
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(complementary).toBeGreaterThan(0);
  });
});
