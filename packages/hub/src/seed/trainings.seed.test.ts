import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CharterSignature } from '../charter/charter-signature.entity.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { Enrollment } from '../trainings/enrollment.entity.js';
import { TrainingSession } from '../trainings/training-session.entity.js';
import { Training } from '../trainings/training.entity.js';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from './demo.seed.js';
import { DEMO_TRAININGS } from './demo-trainings.js';
import { sessionTimes } from './trainings.seed.js';

const NOW = new Date('2026-12-01T09:00:00Z');

/** Every public query the site's /formations/ and /deontologie/ pages use. */
const PUBLIC_PAGES = `{
  trainings { slug title topic topicLabel description providerKind providerName durationHours
    comingSessions { id startsAt endsAt place isRemote capacity seatsLeft status } }
  comingTrainingSessions(first: 200) { id startsAt endsAt place isRemote capacity seatsLeft training { slug title } }
  trainingStatistics { since headcount trainedCount trainedShare sessionsHeld hoursOfTraining
    organisations { organisation { slug name } headcount trainedCount trainedShare } }
  ethicsCharter { version title text publishedAt }
  charterAdoption { version headcount signedCount signedShare organisations { organisation { slug name } headcount signedCount signedShare } }
}`;

describe('the demo trainings and charter', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ now: NOW.toISOString() });
    await seedDemo(hub.orm.em.fork(), hub.config, NOW);
  });
  afterAll(() => hub?.close());

  it('holds a catalogue with past and coming sessions, enrolments and attendances', async () => {
    const em = hub.orm.em.fork();
    expect(await em.count(Training, {})).toBe(DEMO_TRAININGS.length);
    expect(await em.count(TrainingSession, { startsAt: { $lt: NOW } })).toBeGreaterThan(5);
    expect(await em.count(TrainingSession, { startsAt: { $gt: NOW } })).toBeGreaterThan(5);
    expect(await em.count(Enrollment, { status: 'ATTENDED' })).toBeGreaterThan(15);
    expect(await em.count(Enrollment, { status: 'WAITLISTED' })).toBeGreaterThan(0);
    expect(await em.count(Enrollment, { approval: 'PENDING' })).toBeGreaterThan(0);
  });

  it('schedules sessions on weekdays at 9:00 in Paris', () => {
    for (const training of DEMO_TRAININGS) {
      for (const session of training.sessions) {
        const { startsAt, endsAt } = sessionTimes(training, session, NOW);
        const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(startsAt);
        expect(paris).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
        expect(endsAt.getTime()).toBeGreaterThan(startsAt.getTime());
      }
    }
  });

  it('has every demo buyer and admin sign the charter, so they can all publish; a viewer and the trainer have not signed', async () => {
    const em = hub.orm.em.fork();
    const signed = new Set((await em.find(CharterSignature, {}, { populate: ['staffMember'] })).map((signature) => signature.staffMember.getEntity().email));
    for (const staff of DEMO_STAFF) expect(signed.has(staff.email), staff.email).toBe(staff.role === 'BUYER' || staff.role === 'ADMIN');
    const buyer = DEMO_STAFF.find((staff) => staff.role === 'BUYER' && staff.organisation === '83050')!;
    const token = await hub.login(buyer.email, DEMO_PASSWORD);
    const draft = await hub.gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input: noticeInput(NOW) }, token);
    const published = await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: draft.data!.createNotice.reference }, token);
    expect(published.data!.publishNotice.status).toBe('PUBLISHED');
  });

  it('changes nothing when run again', async () => {
    const em = hub.orm.em.fork();
    const before = [await em.count(Training, {}), await em.count(TrainingSession, {}), await em.count(Enrollment, {}), await em.count(CharterSignature, {})];
    const summary = await seedDemo(hub.orm.em.fork(), hub.config, new Date(NOW.getTime() + 86_400_000));
    expect(summary.trainings).toEqual({ trainingsCreated: 0, sessionsCreated: 0, enrollmentsCreated: 0, charterPublished: false });
    const after = [await em.count(Training, {}), await em.count(TrainingSession, {}), await em.count(Enrollment, {}), await em.count(CharterSignature, {})];
    expect(after).toEqual(before);
  });

  it('gives the public pages figures and texts, and no one’s name or address', async () => {
    const result = await hub.gql(PUBLIC_PAGES);
    expect(result.errors).toBeUndefined();
    const json = JSON.stringify(result.data);
    const names = (await hub.orm.em.fork().find(StaffMember, {})).flatMap((member) => [member.name, member.email]);
    for (const personal of names) expect(json, personal).not.toContain(personal);
    expect(json).not.toContain('visio.demo');
    expect(result.data!.charterAdoption).toMatchObject({ version: 1, signedCount: 6, headcount: 12 });
    expect(result.data!.trainingStatistics.trainedCount).toBeGreaterThan(4);
    expect(result.data!.ethicsCharter.text).toMatch(/^# Charte de déontologie/);
  });
});
