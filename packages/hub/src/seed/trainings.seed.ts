import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { CharterService } from '../charter/charter.service.js';
import { currentCharter } from '../charter/charter-policy.js';
import { fixedClock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { addCalendarDays, parisDateOf, startOfParisDay, weekdayOf } from '../shared/paris-calendar.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { EnrollmentService } from '../trainings/enrollment.service.js';
import { TrainingService } from '../trainings/training.service.js';
import { Training } from '../trainings/training.entity.js';
import { DEMO_CHARTER, DEMO_PEOPLE, DEMO_TRAININGS, type DemoPerson, type DemoSession, type DemoTraining } from './demo-trainings.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface TrainingSeedSummary {
  trainingsCreated: number;
  sessionsCreated: number;
  enrollmentsCreated: number;
  charterPublished: boolean;
}

type People = Record<DemoPerson, Actor>;

/**
 * The demo's professional network: a catalogue with past and coming sessions, enrolments and attendances, and a
 * published charter signed by every demo staff member but one viewer, so that every demo buyer can publish.
 * Written through the services staff use, on a simulated timeline. A training that exists already is left alone
 * with its sessions, and the charter is published (and signed) only when there is none: running it again changes
 * nothing.
 */
export async function seedTrainings(em: EntityManager, config: HubConfig, now: Date): Promise<TrainingSeedSummary> {
  const summary: TrainingSeedSummary = { trainingsCreated: 0, sessionsCreated: 0, enrollmentsCreated: 0, charterPublished: false };
  const people = await demoActors(em);
  for (const demo of DEMO_TRAININGS) {
    if (await em.count(Training, { title: demo.title })) continue;
    await playTraining(em, config, people, demo, now, summary);
  }
  if (!(await currentCharter(em.fork()))) {
    await publishAndSignCharter(em, config, people, now);
    summary.charterPublished = true;
  }
  return summary;
}

async function demoActors(em: EntityManager): Promise<People> {
  const entries = await Promise.all(
    Object.entries(DEMO_PEOPLE).map(async ([key, email]) => {
      const member = await em.findOneOrFail(StaffMember, { email });
      const actor: Actor = { staffMemberId: member.id, organisationId: member.organisation.id, role: member.role, tokenHash: '' };
      return [key, actor] as const;
    }),
  );
  return Object.fromEntries(entries) as People;
}

async function playTraining(em: EntityManager, config: HubConfig, people: People, demo: DemoTraining, now: Date, summary: TrainingSeedSummary) {
  const firstSessionAt = Math.min(...demo.sessions.map((session) => sessionTimes(demo, session, now).startsAt.getTime()), now.getTime());
  const clock = fixedClock(new Date(firstSessionAt - 60 * DAY));
  const asAdmin = { em: em.fork(), actor: people.camille, clock, config };
  const training = await new TrainingService(asAdmin).createTraining({
    title: demo.title,
    topic: demo.topic,
    description: demo.description,
    providerKind: demo.providerKind,
    providerName: demo.providerName,
    durationHours: demo.durationHours,
  });
  summary.trainingsCreated++;
  for (const session of demo.sessions) {
    const { startsAt, endsAt } = sessionTimes(demo, session, now);
    clock.set(new Date(startsAt.getTime() - 45 * DAY));
    const scheduled = await new TrainingService({ ...asAdmin, em: em.fork() }).scheduleSession({
      trainingSlug: training.slug,
      startsAt,
      endsAt,
      place: session.place,
      remoteUrl: session.remote ? `https://visio.demo.dracenie.example/formation-${training.slug.slice(0, 40)}` : null,
      capacity: session.capacity,
      trainerId: demo.providerKind === 'INTERNAL' ? people.isabelle.staffMemberId : null,
    });
    summary.sessionsCreated++;

    const enrolled: Array<[string, DemoSession['enrolled'][number][1]]> = [];
    for (const [index, [person, outcome]] of session.enrolled.entries()) {
      clock.set(new Date(startsAt.getTime() - (30 - index) * DAY));
      // A pending request is the person's own; otherwise the direction enrolled them, which is its agreement.
      const actor = outcome === 'pending' ? people[person] : people.camille;
      const enrollment = await new EnrollmentService({ em: em.fork(), actor, clock, config }).enrol(scheduled.id, people[person].staffMemberId);
      enrolled.push([enrollment.id, outcome]);
      summary.enrollmentsCreated++;
    }
    if (startsAt.getTime() >= now.getTime()) continue;
    clock.set(endsAt);
    const rollCaller = demo.providerKind === 'INTERNAL' ? people.isabelle : people.camille;
    for (const [id, outcome] of enrolled) {
      await new EnrollmentService({ em: em.fork(), actor: rollCaller, clock, config }).recordAttendance(id, outcome === 'attended');
    }
  }
}

/** 9:00 in Paris on a weekday (Monday to Thursday for two-day courses); half days end at 12:30, days at 17:00. */
export function sessionTimes(demo: Pick<DemoTraining, 'durationHours'>, session: Pick<DemoSession, 'inDays'>, now: Date): { startsAt: Date; endsAt: Date } {
  const days = demo.durationHours > 7 ? 2 : 1;
  let date = parisDateOf(new Date(now.getTime() + session.inDays * DAY));
  while ([0, 6].includes(weekdayOf(date)) || (days === 2 && weekdayOf(date) === 5)) date = addCalendarDays(date, 1);
  const startsAt = new Date(startOfParisDay(date).getTime() + 9 * HOUR);
  const lastDay = addCalendarDays(date, days - 1);
  const endsAt = new Date(startOfParisDay(lastDay).getTime() + (demo.durationHours <= 3.5 ? 12.5 : 17) * HOUR);
  return { startsAt, endsAt };
}

async function publishAndSignCharter(em: EntityManager, config: HubConfig, people: People, now: Date) {
  const clock = fixedClock(new Date(now.getTime() - DEMO_CHARTER.publishedDaysAgo * DAY));
  const charter = await new CharterService({ em: em.fork(), actor: people.camille, clock, config }).publishVersion({
    title: DEMO_CHARTER.title,
    text: DEMO_CHARTER.text,
  });
  const signers = (Object.keys(DEMO_PEOPLE) as DemoPerson[]).filter((person) => !DEMO_CHARTER.unsigned.includes(person));
  for (const [index, person] of signers.entries()) {
    clock.set(new Date(now.getTime() - (DEMO_CHARTER.publishedDaysAgo - 1 - index * 3) * DAY));
    await new CharterService({ em: em.fork(), actor: people[person], clock, config }).sign(charter.version);
  }
}
