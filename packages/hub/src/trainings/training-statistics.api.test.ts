import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { CREATE_TRAINING, ENROL, SCHEDULE, sessionInput, signedInStaff, trainingInput } from '../test-support/training-fixtures.js';

const HOUR = 3600_000;
const ATTEND = `mutation($id: ID!) { recordAttendance(enrollmentId: $id, attended: true) { status } }`;
const STATISTICS = `{ trainingStatistics { withheld headcount trainedCount trainedShare sessionsHeld hoursOfTraining
  organisations { organisation { name } withheld headcount trainedCount trainedShare } } }`;

const withheld = (name: string, reason: 'SMALL' | 'ALL_OR_NONE') => ({ organisation: { name }, withheld: reason, headcount: null, trainedCount: null, trainedShare: null });
const published = (name: string, headcount: number, trainedCount: number) => ({
  organisation: { name },
  withheld: null,
  headcount,
  trainedCount,
  trainedShare: trainedCount / headcount,
});

// The test hub starts with the agglomeration (1 account), Draguignan (2) and Lorgues (1); staff join and leave here.
describe('the public training figures of organisations with few staff', () => {
  let hub: TestHub;
  let admin: string;
  let sirens: Map<string, string>;
  const agglomeration = () => sirens.get(SIREN.agglomeration)!;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T07:00:00Z' });
    admin = await hub.login('admin@agglo.test');
    const organisations = (await hub.gql('{ organisations { siren name } }')).data!.organisations as Array<{ siren: string; name: string }>;
    sirens = new Map(organisations.flatMap((organisation) => [[organisation.siren, organisation.name], [organisation.name, organisation.siren]]));
  });
  afterAll(() => hub?.close());

  const leave = (emails: string[]) => hub.orm.em.fork().nativeUpdate(StaffMember, { email: { $in: emails } }, { active: false });

  /** A 7-hour training's session starting an hour after the clock, attended by these staff members (ids). */
  async function trainedToday(staffMemberIds: string[]) {
    const slug = (await hub.gql(CREATE_TRAINING, { input: trainingInput({ durationHours: 7 }) }, admin)).data!.createTraining.slug;
    const startsAt = new Date(hub.clock.now().getTime() + HOUR);
    const session = await hub.gql(SCHEDULE, { input: sessionInput(slug, startsAt.toISOString()) }, admin);
    const sessionId = session.data!.scheduleTrainingSession.id;
    const enrollments: string[] = [];
    for (const staffMemberId of staffMemberIds) enrollments.push((await hub.gql(ENROL, { sessionId, staffMemberId }, admin)).data!.enrollInTrainingSession.id);
    hub.clock.set(new Date(startsAt.getTime() + HOUR).toISOString());
    for (const id of enrollments) expect((await hub.gql(ATTEND, { id }, admin)).data!.recordAttendance.status).toBe('ATTENDED');
  }

  it('gives an anonymous client no count of an organisation of one or two staff accounts, only why, and the territory’s total', async () => {
    const buyer = (await hub.gql('{ me { id } }', {}, await hub.login('buyer@draguignan.test'))).data!.me.id as string;
    await trainedToday([buyer]);
    const result = await hub.gql(STATISTICS);
    expect(result.errors).toBeUndefined();
    expect(result.data!.trainingStatistics).toEqual({
      withheld: null,
      headcount: 4,
      trainedCount: 1,
      trainedShare: 0.25,
      sessionsHeld: 1,
      hoursOfTraining: 7,
      organisations: [withheld(agglomeration(), 'SMALL'), withheld('Draguignan', 'SMALL'), withheld('Lorgues', 'SMALL')],
    });
  });

  it('withholds the territory’s total, sessions and hours when, minus the published rows, they would give away a lone small one', async () => {
    const vidauban = await signedInStaff(hub, 'vidauban', sirens.get('Vidauban')!, 'BUYER', 3);
    const lorgues = await signedInStaff(hub, 'lorgues', SIREN.lorgues, 'VIEWER', 3);
    await trainedToday([vidauban[0]!.id, lorgues[0]!.id, lorgues[1]!.id]);
    await leave(['buyer@draguignan.test', 'viewer@draguignan.test']);
    const statistics = (await hub.gql(STATISTICS)).data!.trainingStatistics;
    // Lorgues (2 of 4) and Vidauban (1 of 3) are published; the total (3) minus them would say the agglomeration's
    // single account attended no session.
    expect(statistics.organisations).toEqual([withheld(agglomeration(), 'SMALL'), published('Lorgues', 4, 2), published('Vidauban', 3, 1)]);
    expect(statistics).toMatchObject({ withheld: 'COMPLEMENTARY', headcount: null, trainedCount: null, trainedShare: null, sessionsHeld: null, hoursOfTraining: null });
  });

  it('withholds an organisation where everyone attended, however large', async () => {
    await trainedToday([(await hub.orm.em.fork().findOneOrFail(StaffMember, { email: 'vidauban2@staff.test' })).id, (await hub.orm.em.fork().findOneOrFail(StaffMember, { email: 'vidauban3@staff.test' })).id]);
    const statistics = (await hub.gql(STATISTICS)).data!.trainingStatistics;
    expect(statistics.organisations).toEqual([withheld(agglomeration(), 'SMALL'), published('Lorgues', 4, 2), withheld('Vidauban', 'ALL_OR_NONE')]);
    expect(statistics.withheld).toBe('COMPLEMENTARY');
  });

  it('withholds the territory’s total too when fewer than three staff accounts remain', async () => {
    await leave(['buyer@lorgues.test', ...[1, 2, 3].flatMap((n) => [`vidauban${n}@staff.test`, `lorgues${n}@staff.test`])]);
    expect((await hub.gql(STATISTICS)).data!.trainingStatistics).toEqual({
      withheld: 'SMALL',
      headcount: null,
      trainedCount: null,
      trainedShare: null,
      sessionsHeld: null,
      hoursOfTraining: null,
      organisations: [withheld(agglomeration(), 'SMALL')],
    });
  });
});

describe('the public training figures of three communes whose single buyers all attended', () => {
  let hub: TestHub;
  afterAll(() => hub?.close());

  it('do not give away, through the territory’s total minus the published rows, that each of them attended', async () => {
    hub = await startTestHub({ now: '2026-12-01T07:00:00Z' });
    const admin = await hub.login('admin@agglo.test');
    const vidaubanSiren = ((await hub.gql('{ organisations { siren name } }')).data!.organisations as Array<{ siren: string; name: string }>).find(
      (organisation) => organisation.name === 'Vidauban',
    )!.siren;
    const vidauban = await signedInStaff(hub, 'vidauban', vidaubanSiren, 'BUYER', 3);
    // The agglomeration's, Draguignan's two and Lorgues' accounts all attend, and one of Vidauban's three.
    const small = await hub.orm.em.fork().find(StaffMember, { email: { $in: ['admin@agglo.test', 'buyer@draguignan.test', 'viewer@draguignan.test', 'buyer@lorgues.test'] } });
    const slug = (await hub.gql(CREATE_TRAINING, { input: trainingInput({ durationHours: 7 }) }, admin)).data!.createTraining.slug;
    const startsAt = new Date(hub.clock.now().getTime() + HOUR);
    const sessionId = (await hub.gql(SCHEDULE, { input: sessionInput(slug, startsAt.toISOString()) }, admin)).data!.scheduleTrainingSession.id;
    const enrollments: string[] = [];
    for (const id of [...small.map((member) => member.id), vidauban[0]!.id]) {
      const enrolled = await hub.gql(ENROL, { sessionId, staffMemberId: id }, admin);
      expect(enrolled.errors).toBeUndefined();
      enrollments.push(enrolled.data!.enrollInTrainingSession.id);
    }
    hub.clock.set(new Date(startsAt.getTime() + HOUR).toISOString());
    for (const id of enrollments) expect((await hub.gql(ATTEND, { id }, admin)).data!.recordAttendance.status).toBe('ATTENDED');
    const statistics = (await hub.gql(STATISTICS)).data!.trainingStatistics;
    expect(statistics.organisations.map((row: { withheld: string | null }) => row.withheld)).toEqual(['SMALL', 'SMALL', 'SMALL', null]);
    // Published, the total (5 of 7) minus Vidauban (1 of 3) would be 4 of 4: every small organisation's staff attended.
    expect(statistics).toMatchObject({ withheld: 'COMPLEMENTARY', headcount: null, trainedCount: null, sessionsHeld: null, hoursOfTraining: null });
  });
});
