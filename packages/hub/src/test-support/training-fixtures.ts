import type { TestHub } from './test-hub.js';
import { PASSWORD } from './test-hub.js';
import { createStaffAccount } from '../staff/staff-account.service.js';

export const TRAINING_FIELDS = `id slug title topic topicLabel providerKind providerName durationHours`;
export const SESSION_FIELDS = `id startsAt endsAt place isRemote capacity seatsLeft status training { slug title }`;
export const ENROLLMENT_FIELDS = `id status approval queuePosition certificatePath staffMember { email }`;

export const CREATE_TRAINING = `mutation($input: TrainingInput!) { createTraining(input: $input) { ${TRAINING_FIELDS} } }`;
export const SCHEDULE = `mutation($input: TrainingSessionInput!) { scheduleTrainingSession(input: $input) { ${SESSION_FIELDS} } }`;
export const ENROL = `mutation($sessionId: ID!, $staffMemberId: ID) { enrollInTrainingSession(sessionId: $sessionId, staffMemberId: $staffMemberId) { ${ENROLLMENT_FIELDS} } }`;
export const SESSION_ENROLLMENTS = `query($id: ID!) { sessionEnrollments(sessionId: $id) { ${ENROLLMENT_FIELDS} } }`;

export function trainingInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Analyse des offres : méthode et notation',
    topic: 'OFFER_ANALYSIS',
    description: 'Construire les critères, pondérer, noter et rédiger le rapport d’analyse.',
    providerKind: 'INTERNAL',
    providerName: 'Direction de la commande publique',
    durationHours: 7,
    ...overrides,
  };
}

/** A one-day session in Paris time, some days after the test clock. */
export function sessionInput(trainingSlug: string, startsAt: string, overrides: Record<string, unknown> = {}) {
  const start = new Date(startsAt);
  return {
    trainingSlug,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 8 * 3600_000).toISOString(),
    place: 'Hôtel d’agglomération, salle du conseil, Draguignan',
    capacity: 12,
    ...overrides,
  };
}

/** Extra staff accounts, signed in: `count` people of one organisation with one role. */
export async function signedInStaff(hub: TestHub, prefix: string, siren: string, role: string, count: number) {
  const people: Array<{ id: string; email: string; token: string }> = [];
  for (let index = 1; index <= count; index++) {
    const email = `${prefix}${index}@staff.test`;
    const { member } = await createStaffAccount(hub.orm.em.fork(), { email, name: `${prefix} ${index}`, organisationSiren: siren, role, password: PASSWORD });
    people.push({ id: member.id, email, token: await hub.login(email) });
  }
  return people;
}
