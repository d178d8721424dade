import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import {
  CREATE_TRAINING,
  ENROL,
  SCHEDULE,
  SESSION_ENROLLMENTS,
  SESSION_FIELDS,
  sessionInput,
  signedInStaff,
  trainingInput,
} from '../test-support/training-fixtures.js';
import { Enrollment } from './enrollment.entity.js';
import { TrainingSession } from './training-session.entity.js';
import { Training } from './training.entity.js';

const HOUR = 3600_000;
const CANCEL = `mutation($id: ID!) { cancelEnrollment(id: $id) { id status } }`;
const REFUSE = `mutation($id: ID!) { refuseEnrollment(id: $id, reason: "Pas prioritaire cette année") { id status approval } }`;
const APPROVE = `mutation($id: ID!) { approveEnrollment(id: $id) { id approval } }`;
const ATTEND = `mutation($id: ID!, $attended: Boolean!) { recordAttendance(enrollmentId: $id, attended: $attended) { id status certificatePath } }`;
const PUBLIC_SESSION = `query($id: ID!) { trainingSession(id: $id) { ${SESSION_FIELDS} } }`;

describe('trainings and enrolments through the API', () => {
  let hub: TestHub;
  let admin: string;
  let buyer: string;
  let lorgues: string;
  let slug: string;
  let trainer: { id: string; token: string };
  let otherTrainer: { id: string; token: string };

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T07:00:00Z' });
    [admin, buyer, lorgues] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test'), hub.login('buyer@lorgues.test')]);
    const trainers = await signedInStaff(hub, 'formateur', SIREN.agglomeration, 'TRAINER', 2);
    trainer = trainers[0]!;
    otherTrainer = trainers[1]!;
    const created = await hub.gql(CREATE_TRAINING, { input: trainingInput() }, admin);
    expect(created.errors).toBeUndefined();
    slug = created.data!.createTraining.slug;
  });
  afterAll(() => hub?.close());

  /** A session starting `inHours` after the clock; tokens last 12 hours, so tests stay within the day. */
  async function schedule(overrides: Record<string, unknown> = {}, inHours = 4) {
    const startsAt = new Date(hub.clock.now().getTime() + inHours * HOUR).toISOString();
    const result = await hub.gql(SCHEDULE, { input: sessionInput(slug, startsAt, { endsAt: new Date(Date.parse(startsAt) + 3 * HOUR).toISOString(), ...overrides }) }, admin);
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleTrainingSession as { id: string; startsAt: string };
  }

  async function counts() {
    const em = hub.orm.em.fork();
    return {
      trainings: await em.count(Training, {}),
      sessions: await em.count(TrainingSession, {}),
      enrollments: await em.count(Enrollment, {}),
      registered: await em.count(Enrollment, { status: 'REGISTERED' }),
      audit: await em.count(AuditEntry, {}),
      events: await em.count(OutboxEvent, {}),
    };
  }

  it('an admin builds the catalogue; a buyer may not, and nothing changes', async () => {
    const before = await counts();
    const refused = await hub.gql(CREATE_TRAINING, { input: trainingInput({ title: 'Négociation' }) }, buyer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.gql(SCHEDULE, { input: sessionInput(slug, '2026-12-10T08:00:00Z') });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: 'training.created' });
    expect(events.map((event) => event.payload)).toEqual([{ slug }]);
  });

  it.each([
    ['no seat', { capacity: 0 }, 'capacity'],
    ['an end before the start', { endsAt: '2026-12-10T07:00:00Z' }, 'endsAt'],
    ['neither place nor remote link', { place: null }, 'place'],
    ['a remote link that is not https', { remoteUrl: 'visio salle 3' }, 'remoteUrl'],
    ['a start in the past', { startsAt: '2026-11-30T08:00:00Z', endsAt: '2026-11-30T12:00:00Z' }, 'startsAt'],
    ['a trainer who is a buyer', { trainerId: 'not-a-trainer' }, 'trainerId'],
    ['an unknown training', { trainingSlug: 'astrophysique' }, 'trainingSlug'],
  ])('refuses a session with %s, naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await counts();
    const result = await hub.gql(SCHEDULE, { input: sessionInput(slug, '2026-12-10T08:00:00Z', overrides) }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
  });

  it('twenty people asking at once for five seats: exactly five registered, fifteen waiting, each with its own place in the queue', async () => {
    const session = await schedule({ capacity: 5 });
    const people = await signedInStaff(hub, 'rush', SIREN.draguignan, 'BUYER', 20);
    const results = await Promise.all(people.map((person) => hub.gql(ENROL, { sessionId: session.id }, person.token)));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const enrolments = results.map((result) => result.data!.enrollInTrainingSession as { status: string; queuePosition: number; approval: string });
    expect(enrolments.filter((row) => row.status === 'REGISTERED')).toHaveLength(5);
    expect(enrolments.filter((row) => row.status === 'WAITLISTED')).toHaveLength(15);
    // The database decided the order: the first five places of the queue are the registered ones.
    expect(enrolments.map((row) => row.queuePosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    for (const row of enrolments) expect(row.status).toBe(row.queuePosition <= 5 ? 'REGISTERED' : 'WAITLISTED');
    expect(enrolments.every((row) => row.approval === 'PENDING')).toBe(true);
    expect(await hub.orm.em.fork().count(Enrollment, { session: session.id, status: 'REGISTERED' })).toBe(5);

    const publicView = await hub.gql(PUBLIC_SESSION, { id: session.id });
    expect(publicView.data!.trainingSession).toMatchObject({ capacity: 5, seatsLeft: 0 });
  });

  it('a freed seat goes to the first on the waiting list, then the next, in request order', async () => {
    const session = await schedule({ capacity: 2 });
    const people = await signedInStaff(hub, 'queue', SIREN.lorgues, 'BUYER', 5);
    const ids: string[] = [];
    for (const person of people) ids.push((await hub.gql(ENROL, { sessionId: session.id }, person.token)).data!.enrollInTrainingSession.id);
    const statusOf = async () => {
      const list = await hub.gql(SESSION_ENROLLMENTS, { id: session.id }, admin);
      return list.data!.sessionEnrollments.map((row: { staffMember: { email: string }; status: string }) => `${row.staffMember.email.split('@')[0]}:${row.status}`);
    };
    expect(await statusOf()).toEqual(['queue1:REGISTERED', 'queue2:REGISTERED', 'queue3:WAITLISTED', 'queue4:WAITLISTED', 'queue5:WAITLISTED']);

    const withdrawn = await hub.gql(CANCEL, { id: ids[0] }, people[0]!.token);
    expect(withdrawn.data!.cancelEnrollment.status).toBe('CANCELLED');
    expect(await statusOf()).toEqual(['queue1:CANCELLED', 'queue2:REGISTERED', 'queue3:REGISTERED', 'queue4:WAITLISTED', 'queue5:WAITLISTED']);

    const refused = await hub.gql(REFUSE, { id: ids[1] }, admin);
    expect(refused.data!.refuseEnrollment).toMatchObject({ status: 'CANCELLED', approval: 'REFUSED' });
    expect(await statusOf()).toEqual(['queue1:CANCELLED', 'queue2:CANCELLED', 'queue3:REGISTERED', 'queue4:REGISTERED', 'queue5:WAITLISTED']);

    // Someone who comes back goes to the back of the queue.
    const back = await hub.gql(ENROL, { sessionId: session.id }, people[0]!.token);
    expect(back.data!.enrollInTrainingSession).toMatchObject({ status: 'WAITLISTED', queuePosition: 6 });

    // More seats promote the waiting list in order.
    const bigger = await hub.gql(`mutation($id: ID!) { updateTrainingSession(id: $id, input: { capacity: 3 }) { seatsLeft } }`, { id: session.id }, admin);
    expect(bigger.data!.updateTrainingSession.seatsLeft).toBe(0);
    expect(await statusOf()).toEqual(['queue2:CANCELLED', 'queue3:REGISTERED', 'queue4:REGISTERED', 'queue5:REGISTERED', 'queue1:WAITLISTED']);
    const smaller = await hub.gql(`mutation($id: ID!) { updateTrainingSession(id: $id, input: { capacity: 1 }) { seatsLeft } }`, { id: session.id }, admin);
    expect(smaller.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
  });

  it('nobody cancels someone else’s enrolment but an admin, and a buyer enrols only themself', async () => {
    const session = await schedule();
    const mine = (await hub.gql(ENROL, { sessionId: session.id }, buyer)).data!.enrollInTrainingSession;
    const before = await counts();
    expect((await hub.gql(CANCEL, { id: mine.id }, lorgues)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const me = await hub.gql('{ me { id } }', {}, lorgues);
    const forSomeone = await hub.gql(ENROL, { sessionId: session.id, staffMemberId: me.data!.me.id }, buyer);
    expect(forSomeone.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    const byAdmin = await hub.gql(ENROL, { sessionId: session.id, staffMemberId: me.data!.me.id }, admin);
    // The employer asked: no separate agreement needed.
    expect(byAdmin.data!.enrollInTrainingSession).toMatchObject({ status: 'REGISTERED', approval: 'APPROVED', staffMember: { email: 'buyer@lorgues.test' } });
    const twice = await hub.gql(ENROL, { sessionId: session.id }, buyer);
    expect(twice.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('refuses enrolments once the session has started, and attendance before it has, changing nothing', async () => {
    const session = await schedule({ trainerId: trainer.id }, 2);
    const enrolment = (await hub.gql(ENROL, { sessionId: session.id }, buyer)).data!.enrollInTrainingSession;
    await hub.gql(APPROVE, { id: enrolment.id }, admin);

    const early = await hub.gql(ATTEND, { id: enrolment.id, attended: true }, trainer.token);
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' }, message: expect.stringMatching(/une fois la session commencée/) });
    expect((await hub.orm.em.fork().findOneOrFail(Enrollment, { id: enrolment.id })).status).toBe('REGISTERED');

    hub.clock.set(session.startsAt);
    try {
      const before = await counts();
      const late = await hub.gql(ENROL, { sessionId: session.id }, lorgues);
      expect(late.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_TRANSITION' }, message: expect.stringMatching(/a commencé/) });
      expect((await hub.gql(CANCEL, { id: enrolment.id }, buyer)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      expect(await counts()).toEqual(before);

      // Only this session's trainer, or an admin, takes the roll call.
      expect((await hub.gql(ATTEND, { id: enrolment.id, attended: true }, otherTrainer.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await hub.gql(ATTEND, { id: enrolment.id, attended: true }, buyer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const attended = await hub.gql(ATTEND, { id: enrolment.id, attended: true }, trainer.token);
      expect(attended.data!.recordAttendance).toMatchObject({ status: 'ATTENDED', certificatePath: `/certificates/${enrolment.id}.pdf` });
      const corrected = await hub.gql(ATTEND, { id: enrolment.id, attended: false }, admin);
      expect(corrected.data!.recordAttendance).toMatchObject({ status: 'ABSENT', certificatePath: null });
    } finally {
      hub.clock.set('2026-12-01T07:00:00Z');
    }
  });

  it('attendance waits for the employer’s agreement', async () => {
    const session = await schedule({ trainerId: trainer.id }, 1);
    const enrolment = (await hub.gql(ENROL, { sessionId: session.id }, lorgues)).data!.enrollInTrainingSession;
    const pending = await hub.gql('{ pendingEnrollments { id approval session { id } } }', {}, admin);
    expect(pending.data!.pendingEnrollments).toContainEqual({ id: enrolment.id, approval: 'PENDING', session: { id: session.id } });
    expect((await hub.gql('{ pendingEnrollments { id } }', {}, buyer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    hub.clock.set(session.startsAt);
    try {
      const refused = await hub.gql(ATTEND, { id: enrolment.id, attended: true }, trainer.token);
      expect(refused.errors?.[0]?.message).toMatch(/pas été approuvée/);
      await hub.gql(APPROVE, { id: enrolment.id }, admin);
      expect((await hub.gql(ATTEND, { id: enrolment.id, attended: true }, trainer.token)).data!.recordAttendance.status).toBe('ATTENDED');
    } finally {
      hub.clock.set('2026-12-01T07:00:00Z');
    }
  });

  it('cancelling a session ends its enrolments and tells the site', async () => {
    const session = await schedule();
    const enrolment = (await hub.gql(ENROL, { sessionId: session.id }, buyer)).data!.enrollInTrainingSession;
    const cancelled = await hub.gql(`mutation($id: ID!) { cancelTrainingSession(id: $id, reason: "Formateur indisponible") { status cancellationReason } }`, { id: session.id }, admin);
    expect(cancelled.data!.cancelTrainingSession).toEqual({ status: 'CANCELLED', cancellationReason: 'Formateur indisponible' });
    expect((await hub.orm.em.fork().findOneOrFail(Enrollment, { id: enrolment.id })).status).toBe('CANCELLED');
    expect((await hub.gql(ENROL, { sessionId: session.id }, lorgues)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: { $like: 'training.session.%' } });
    const types = events.filter((event) => event.payload.sessionId === session.id).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['training.session.created', 'training.session.updated', 'training.session.cancelled']));
  });

  it('the public catalogue shows coming sessions and seats, never who enrolled', async () => {
    const result = await hub.gql(`{ trainings { slug topicLabel comingSessions { id seatsLeft capacity isRemote place } } comingTrainingSessions(first: 3) { startsAt training { slug } } }`);
    expect(result.errors).toBeUndefined();
    const training = result.data!.trainings.find((row: { slug: string }) => row.slug === slug);
    expect(training.topicLabel).toBe('Analyse des offres');
    expect(training.comingSessions.length).toBeGreaterThan(0);
    const starts = result.data!.comingTrainingSessions.map((row: { startsAt: string }) => row.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(JSON.stringify(result.data)).not.toMatch(/@|rush|queue|formateur/);
    const leak = await hub.gql(`{ trainingSession(id: "x") { enrollments { id } } }`);
    expect(leak.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
