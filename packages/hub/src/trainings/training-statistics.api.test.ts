import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffMember } from '../staff/staff-member.entity.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { CREATE_TRAINING, ENROL, SCHEDULE, sessionInput, signedInStaff, trainingInput } from '../test-support/training-fixtures.js';

const HOUR = 3600_000;
const ATTEND = `mutation($id: ID!) { recordAttendance(enrollmentId: $id, attended: true) { status } }`;
const STATISTICS = `{ trainingStatistics { withheld headcount trainedCount trainedShare sessionsHeld hoursOfTraining
  organisations { organisation { name } withheld headcount trainedCount trainedShare } } }`;

const withheld = (name: string, reason: 'SMALL' | 'COMPLEMENTARY') => ({ organisation: { name }, withheld: reason, headcount: null, trainedCount: null, trainedShare: null });
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

  it('withholds the smallest larger organisation too when the total would give away a lone small one', async () => {
    const vidauban = await signedInStaff(hub, 'vidauban', sirens.get('Vidauban')!, 'BUYER', 3);
    const lorgues = await signedInStaff(hub, 'lorgues', SIREN.lorgues, 'VIEWER', 3);
    await trainedToday([vidauban[0]!.id, lorgues[0]!.id, lorgues[1]!.id]);
    await leave(['buyer@draguignan.test', 'viewer@draguignan.test']);
    const statistics = (await hub.gql(STATISTICS)).data!.trainingStatistics;
    // Vidauban and Lorgues have three accounts each: the first by name is withheld with the agglomeration's one.
    expect(statistics.organisations).toEqual([withheld(agglomeration(), 'SMALL'), published('Lorgues', 4, 2), withheld('Vidauban', 'COMPLEMENTARY')]);
    expect(statistics).toMatchObject({ withheld: null, headcount: 8, trainedCount: 3 });
  });

  it('withholds the territory’s total too when fewer than three staff accounts remain', async () => {
    await leave(['buyer@lorgues.test', ...[1, 2, 3].flatMap((n) => [`vidauban${n}@staff.test`, `lorgues${n}@staff.test`])]);
    expect((await hub.gql(STATISTICS)).data!.trainingStatistics).toEqual({
      withheld: 'SMALL',
      headcount: null,
      trainedCount: null,
      trainedShare: null,
      sessionsHeld: 2,
      hoursOfTraining: 28,
      organisations: [withheld(agglomeration(), 'SMALL')],
    });
  });
});
