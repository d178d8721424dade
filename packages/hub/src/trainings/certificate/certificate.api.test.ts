import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { CREATE_TRAINING, ENROL, SCHEDULE, sessionInput, trainingInput } from '../../test-support/training-fixtures.js';

/** Text of every page, read by pdf.js: a parser independent of the library that wrote the file. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const pdf = await getDocument({ data: bytes, standardFontDataUrl: fonts, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n').replace(/[\u00a0\s]+/g, ' ');
}

describe('the attestation de formation', () => {
  let hub: TestHub;
  let admin: string;
  let buyer: string;
  let lorgues: string;
  let enrollmentId: string;
  let absentId: string;
  let base: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-03-12T06:00:00Z' });
    base = hub.url.replace(/\/graphql$/, '');
    [admin, buyer, lorgues] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test'), hub.login('buyer@lorgues.test')]);
    const training = await hub.gql(CREATE_TRAINING, { input: trainingInput({ title: 'Négociation dans les marchés publics', topic: 'NEGOTIATION', providerKind: 'EXTERNAL', providerName: 'CNFPT', durationHours: 7 }) }, admin);
    // 9 h 00 to 17 h 00 in Paris (winter time, UTC+1).
    const session = await hub.gql(SCHEDULE, { input: sessionInput(training.data!.createTraining.slug, '2026-03-12T08:00:00Z', { endsAt: '2026-03-12T16:00:00Z' }) }, admin);
    const sessionId = session.data!.scheduleTrainingSession.id;
    enrollmentId = (await hub.gql(ENROL, { sessionId }, buyer)).data!.enrollInTrainingSession.id;
    const lorguesMe = (await hub.gql('{ me { id } }', {}, lorgues)).data!.me.id;
    absentId = (await hub.gql(ENROL, { sessionId, staffMemberId: lorguesMe }, admin)).data!.enrollInTrainingSession.id;
    await hub.gql('mutation($id: ID!) { approveEnrollment(id: $id) { id } }', { id: enrollmentId }, admin);
    hub.clock.set('2026-03-12T16:30:00Z');
    const marked = await hub.gql('mutation($id: ID!) { recordAttendance(enrollmentId: $id, attended: true) { status } }', { id: enrollmentId }, admin);
    expect(marked.data!.recordAttendance.status).toBe('ATTENDED');
  });
  afterAll(() => hub?.close());

  const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('is a PDF naming the person, the training, the session’s Paris dates and its hours', async () => {
    const response = await get(`/certificates/${enrollmentId}.pdf`, buyer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Attestation de formation');
    expect(text).toContain('Buyer Draguignan');
    expect(text).toContain('Draguignan');
    expect(text).toContain('« Négociation dans les marchés publics »');
    expect(text).toContain('le jeudi 12 mars 2026, de 9 h 00 à 17 h 00');
    expect(text).toContain('7 heures');
    expect(text).toContain('CNFPT');
    expect(text).toContain(enrollmentId);
  });

  it('is listed in the staff member’s training record with its hours', async () => {
    const record = await hub.gql('{ trainingRecord { sessionsAttended totalHours entries { id certificatePath session { training { title } } } } }', {}, buyer);
    expect(record.data!.trainingRecord).toEqual({
      sessionsAttended: 1,
      totalHours: 7,
      entries: [{ id: enrollmentId, certificatePath: `/certificates/${enrollmentId}.pdf`, session: { training: { title: 'Négociation dans les marchés publics' } } }],
    });
    const someoneElses = await hub.gql('query($id: ID) { trainingRecord(staffMemberId: $id) { totalHours } }', { id: 'x' }, lorgues);
    expect(someoneElses.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is downloadable by admins, but not by another staff member nor without a token', async () => {
    expect((await get(`/certificates/${enrollmentId}.pdf`, admin)).status).toBe(200);
    const other = await get(`/certificates/${enrollmentId}.pdf`, lorgues);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const anonymous = await get(`/certificates/${enrollmentId}.pdf`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await get(`/certificates/${enrollmentId}.pdf`, 'not-a-real-token-but-long-enough')).status).toBe(401);
  });

  it('counts in the public figures of trained staff for 24 months, as a number only', async () => {
    const query = '{ trainingStatistics { headcount trainedCount trainedShare sessionsHeld hoursOfTraining organisations { organisation { siren } withheld headcount trainedCount } } }';
    const figures = (await hub.gql(query)).data!.trainingStatistics;
    expect(figures).toMatchObject({ headcount: 4, trainedCount: 1, trainedShare: 0.25, sessionsHeld: 1, hoursOfTraining: 7 });
    // Draguignan has two staff accounts: its count would say who was trained.
    expect(figures.organisations).toContainEqual({ organisation: { siren: '218300507' }, withheld: 'SMALL', headcount: null, trainedCount: null });
    hub.clock.set('2028-03-13T08:00:00Z');
    try {
      // No one trained in the window any more: a figure that describes each person, withheld with what would tell it.
      expect((await hub.gql(query)).data!.trainingStatistics).toMatchObject({ headcount: null, trainedCount: null, sessionsHeld: null, hoursOfTraining: null });
    } finally {
      hub.clock.set('2026-03-12T16:30:00Z');
    }
  });

  it('does not exist for a session not attended, nor for an unknown enrolment', async () => {
    expect((await get(`/certificates/${absentId}.pdf`, admin)).status).toBe(409);
    expect((await get('/certificates/00000000-0000-4000-8000-000000000000.pdf', admin)).status).toBe(404);
    expect((await get('/certificates/whatever.txt', admin)).status).toBe(404);
  });
});
