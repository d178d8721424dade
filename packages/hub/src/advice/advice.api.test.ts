import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { CREATE_PLAN, plannedPurchaseInput } from '../planning/planned-purchase.fixtures.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { PASSWORD, SIREN, startTestHub, type GraphQLResponse, type TestHub } from '../test-support/test-hub.js';
import { AdviceMessage } from './advice-message.entity.js';
import { AdviceRequest } from './advice-request.entity.js';
import { addCanteenExpert, CANTEEN_EXPERT_EMAIL } from './testing/canteen-expert.js';

const REQUEST_FIELDS = `id reference state stage stageLabel subject question wishedAnswerDate dueAt overdue submittedAt firstAnsweredAt closedAt
  organisation { siren } askedBy { name } family { slug } expert { name email } attachments { label url }
  messages { kind body author { name } } publishedInKnowledgeBase`;
const ASK = `mutation($input: AskAdviceInput!) { askAdvice(input: $input) { ${REQUEST_FIELDS} } }`;
const GET = `query($reference: String!) { adviceRequest(reference: $reference) { ${REQUEST_FIELDS} } }`;
const LIST = `query($filter: AdviceRequestFilter) { adviceRequests(filter: $filter) { totalCount edges { node { reference state overdue } } } }`;
const MESSAGE = 'mutation($id: ID!, $body: String!) { postAdviceMessage(id: $id, body: $body) { state messages { kind body } } }';
const ANSWER = 'mutation($id: ID!, $body: String!) { answerAdviceRequest(id: $id, body: $body) { state firstAnsweredAt } }';
const CLOSE = 'mutation($id: ID!, $note: String) { closeAdviceRequest(id: $id, note: $note) { state closedAt } }';
const REOPEN = 'mutation($id: ID!, $reason: String!) { reopenAdviceRequest(id: $id, reason: $reason) { state dueAt expert { name } } }';
const ASSIGN = 'mutation($id: ID!, $expertId: ID!) { assignAdviceRequest(id: $id, expertId: $expertId) { state expert { name } } }';
const PUBLISH = `mutation($id: ID!, $entry: KnowledgeEntryInput!) { publishAdviceAnswer(id: $id, entry: $entry) { id stage family { slug } title question answer } }`;
const SEARCH = `query($search: KnowledgeSearchInput) { knowledgeEntries(search: $search) { totalCount edges { node { title stageLabel family { slug } question answer } } } }`;

const canteenQuestion = {
  stage: 'PROCEDURE',
  familySlug: 'restauration-collective',
  subject: 'Procédure pour la cantine scolaire',
  question: 'Notre marché de repas scolaires (120 couverts par jour) arrive à échéance : MAPA ou appel d’offres ?',
  attachments: [{ url: 'https://drive.example/cantine/bilan-2026.pdf' }, { label: 'Ancien CCAP', url: 'https://drive.example/cantine/ccap.pdf' }],
  wishedAnswerDate: '2026-12-10',
};

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;

describe('asking the procurement direction for advice, from the question to the published answer', () => {
  let hub: TestHub;
  let admin: string;
  let lorgues: string;
  let draguignan: string;
  let viewer: string;
  let expert: string;
  let expertId: string;
  let request: { id: string; reference: string };

  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Paris.
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z' });
    expertId = await addCanteenExpert(hub, await hub.login('admin@agglo.test'));
    await signIn();
  });
  afterAll(() => hub?.close());

  /** Tokens live 12 hours: after moving the clock by days, everybody signs in again. */
  async function signIn() {
    [admin, lorgues, draguignan, viewer, expert] = await Promise.all([
      hub.login('admin@agglo.test'),
      hub.login('buyer@lorgues.test'),
      hub.login('buyer@draguignan.test'),
      hub.login('viewer@draguignan.test'),
      hub.login(CANTEEN_EXPERT_EMAIL),
    ]);
  }
  async function moveClockTo(at: string) {
    hub.clock.set(at);
    await signIn();
  }

  it('a buyer of Lorgues asks; the family’s correspondent in the direction is named expert, the answer due in 5 working days', async () => {
    const result = await hub.gql(ASK, { input: canteenQuestion }, lorgues);
    expect(result.errors).toBeUndefined();
    const asked = result.data!.askAdvice;
    request = asked;
    expect(asked).toMatchObject({
      reference: 'CONSEIL-2026-0001',
      state: 'ASSIGNED',
      stageLabel: 'Choix de la procédure',
      organisation: { siren: SIREN.lorgues },
      askedBy: { name: 'Buyer Lorgues' },
      expert: { name: 'Experte Restauration' },
      family: { slug: 'restauration-collective' },
      attachments: [
        { label: 'drive.example', url: 'https://drive.example/cantine/bilan-2026.pdf' },
        { label: 'Ancien CCAP', url: 'https://drive.example/cantine/ccap.pdf' },
      ],
      wishedAnswerDate: '2026-12-10',
      overdue: false,
      messages: [],
      publishedInKnowledgeBase: false,
    });
    // Tuesday 1 → Wed 2, Thu 3, Fri 4, Mon 7, Tue 8: due at the end of Tuesday 8 December, Paris time.
    expect(asked.dueAt).toBe('2026-12-08T23:00:00.000Z');
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: { $like: 'advice.%' } }, { orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['advice.submitted', 'advice.assigned']);
    expect(events[1]!.payload).toMatchObject({ reference: 'CONSEIL-2026-0001', expertId, state: 'ASSIGNED' });
    // The outbox feeds webhooks: identifiers only, no name and no question.
    expect(JSON.stringify(events.map((event) => event.payload))).not.toMatch(/Lorgues|Experte|cantine/i);
    expect(await hub.orm.em.fork().count(AuditEntry, { entityType: 'AdviceRequest', entityId: request.id })).toBe(2);
  });

  it('is read by the asking organisation, its expert and the admins, and by nobody else', async () => {
    for (const [who, token, sees] of [
      ['the asker', lorgues, true],
      ['the expert', expert, true],
      ['an admin', admin, true],
      ['a buyer of Draguignan', draguignan, false],
      ['a viewer of Draguignan', viewer, false],
    ] as const) {
      const one = await hub.gql(GET, { reference: request.reference }, token);
      expect(one.errors, who).toBeUndefined();
      expect(one.data!.adviceRequest?.reference ?? null, who).toBe(sees ? request.reference : null);
      const list = await hub.gql(LIST, {}, token);
      expect(list.data!.adviceRequests.totalCount, who).toBe(sees ? 1 : 0);
      // Writing in it: as if it did not exist.
      if (!sees) expect(codeOf(await hub.gql(MESSAGE, { id: request.id, body: 'Bonjour' }, token)), who).toBe('NOT_FOUND');
    }
    expect(codeOf(await hub.gql(GET, { reference: request.reference }))).toBe('UNAUTHENTICATED');
  });

  it('the asker and the expert write in the thread; only the expert answers, and the request is answered', async () => {
    expect((await hub.gql(MESSAGE, { id: request.id, body: 'Quel est le montant annuel du marché actuel ?' }, expert)).errors).toBeUndefined();
    await moveClockTo('2026-12-02T09:00:00Z');
    const reply = await hub.gql(MESSAGE, { id: request.id, body: 'Environ 95 000 € HT par an, sur quatre ans.' }, lorgues);
    expect(reply.data!.postAdviceMessage.messages.map((message: { kind: string }) => message.kind)).toEqual(['MESSAGE', 'MESSAGE']);
    expect(codeOf(await hub.gql(ANSWER, { id: request.id, body: 'Je réponds moi-même.' }, lorgues))).toBe('FORBIDDEN');
    const answer = await hub.gql(
      ANSWER,
      { id: request.id, body: 'Sur quatre ans, 380 000 € HT : au-dessus du seuil européen de 216 000 €, un appel d’offres s’impose.' },
      expert,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.answerAdviceRequest).toEqual({ state: 'ANSWERED', firstAnsweredAt: '2026-12-02T09:00:00.000Z' });
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: 'advice.answered' });
    expect(events.map((event) => event.payload.askedById)).toHaveLength(1);
  });

  it('the expert publishes it in the knowledge base only once no name, address or commune is left in it', async () => {
    const entry = {
      title: 'Restauration scolaire : quelle procédure au-delà du seuil européen ?',
      question: 'Un marché de repas scolaires de 95 000 € HT par an sur quatre ans : MAPA ou appel d’offres ?',
      answer: 'La valeur totale sur la durée compte : 380 000 € HT dépassent le seuil de 216 000 €, donc appel d’offres.',
    };
    for (const [field, text, name] of [
      ['question', `${entry.question} (question de Buyer Lorgues)`, 'Buyer Lorgues'],
      ['answer', `${entry.answer} Écrire à buyer@lorgues.test.`, 'buyer@lorgues.test'],
      ['title', `${entry.title} à LORGUES`, 'Lorgues'],
      ['answer', `${entry.answer} — Experte Restauration`, 'Experte Restauration'],
    ] as const) {
      const refused = await hub.gql(PUBLISH, { id: request.id, entry: { ...entry, [field]: text } }, expert);
      expect(refused.errors?.[0]?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(refused.errors?.[0]?.message).toContain(name);
    }
    expect(codeOf(await hub.gql(PUBLISH, { id: request.id, entry }, lorgues))).toBe('FORBIDDEN');
    const published = await hub.gql(PUBLISH, { id: request.id, entry }, expert);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishAdviceAnswer).toMatchObject({ stage: 'PROCEDURE', family: { slug: 'restauration-collective' }, title: entry.title });
    expect(codeOf(await hub.gql(PUBLISH, { id: request.id, entry }, admin))).toBe('CONFLICT');
  });

  it('another commune finds the answer by words, stage and family, without knowing who asked', async () => {
    const found = await hub.gql(SEARCH, { search: { text: 'repas SCOLAIRES europeen' } }, draguignan);
    expect(found.errors).toBeUndefined();
    expect(found.data!.knowledgeEntries.totalCount).toBe(1);
    expect(JSON.stringify(found.data)).not.toMatch(/Lorgues|Experte|@/i);
    expect(found.data!.knowledgeEntries.edges[0].node.stageLabel).toBe('Choix de la procédure');
    for (const search of [{ stage: 'PROCEDURE' }, { familySlug: 'restauration-collective' }, { stage: 'PROCEDURE', text: 'cantine seuil' }]) {
      expect((await hub.gql(SEARCH, { search }, viewer)).data!.knowledgeEntries.totalCount, JSON.stringify(search)).toBe(search.text ? 0 : 1);
    }
    expect((await hub.gql(SEARCH, { search: { stage: 'ANALYSIS' } }, viewer)).data!.knowledgeEntries.totalCount).toBe(0);
    expect((await hub.gql(SEARCH, { search: { familySlug: 'nettoyage' } }, viewer)).data!.knowledgeEntries.totalCount).toBe(0);
    expect(codeOf(await hub.gql(SEARCH, { search: { familySlug: 'astronautique' } }, viewer))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(SEARCH, {}))).toBe('UNAUTHENTICATED');
  });

  it('the asker closes it, then reopens it with a reason: back to its expert, due anew', async () => {
    expect((await hub.gql(CLOSE, { id: request.id, note: 'Merci, c’est clair.' }, lorgues)).data!.closeAdviceRequest.state).toBe('CLOSED');
    expect(codeOf(await hub.gql(MESSAGE, { id: request.id, body: 'Encore une chose' }, lorgues))).toBe('INVALID_TRANSITION');
    expect(codeOf(await hub.gql(REOPEN, { id: request.id, reason: '  ' }, lorgues))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(REOPEN, { id: request.id, reason: 'Et pour un allotissement ?' }, expert))).toBe('FORBIDDEN');
    // Friday 4 December: due at the end of Friday 11 December.
    await moveClockTo('2026-12-04T15:00:00Z');
    const reopened = await hub.gql(REOPEN, { id: request.id, reason: 'Et si nous allotissons par école ?' }, lorgues);
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data!.reopenAdviceRequest).toEqual({ state: 'ASSIGNED', dueAt: '2026-12-11T23:00:00.000Z', expert: { name: 'Experte Restauration' } });
    const thread = (await hub.gql(GET, { reference: request.reference }, expert)).data!.adviceRequest.messages;
    expect(thread.map((message: { kind: string }) => message.kind)).toEqual(['MESSAGE', 'MESSAGE', 'ANSWER', 'CLOSING', 'REOPENING']);
    expect(thread.at(-1)).toMatchObject({ body: 'Et si nous allotissons par école ?', author: { name: 'Buyer Lorgues' } });
  });

  it('a question no correspondent covers waits for the admins, is listed as overdue after its due date, and an admin assigns it', async () => {
    const asked = await hub.gql(
      ASK,
      { input: { stage: 'NEED', familySlug: 'assurances', subject: 'Assurance flotte', question: 'Comment définir le besoin pour assurer nos 12 véhicules ?' } },
      draguignan,
    );
    expect(asked.data!.askAdvice).toMatchObject({ reference: 'CONSEIL-2026-0002', state: 'SUBMITTED', expert: null });
    const id = asked.data!.askAdvice.id;
    expect(codeOf(await hub.gql(ANSWER, { id, body: 'Trop tôt' }, admin))).toBe('INVALID_TRANSITION');
    expect((await hub.gql(LIST, { filter: { overdue: true } }, admin)).data!.adviceRequests.totalCount).toBe(0);
    // Due at the end of Friday 11 December; on Saturday 12 it is late, and so is the reopened canteen question.
    await moveClockTo('2026-12-12T08:00:00Z');
    const overdue = await hub.gql(LIST, { filter: { overdue: true } }, admin);
    expect(overdue.data!.adviceRequests.edges.map((edge: { node: { reference: string; overdue: boolean } }) => [edge.node.reference, edge.node.overdue])).toEqual([
      ['CONSEIL-2026-0001', true],
      ['CONSEIL-2026-0002', true],
    ]);
    expect(codeOf(await hub.gql(LIST, { filter: { overdue: true } }, draguignan))).toBe('FORBIDDEN');
    expect((await hub.gql(LIST, { filter: { overdue: true, mine: true } }, expert)).data!.adviceRequests.totalCount).toBe(1);

    expect(codeOf(await hub.gql(ASSIGN, { id, expertId }, expert))).toBe('FORBIDDEN');
    const lorguesId = (await hub.gql('{ me { id } }', {}, lorgues)).data!.me.id;
    expect((await hub.gql(ASSIGN, { id, expertId: lorguesId }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expertId' });
    const assigned = await hub.gql(ASSIGN, { id, expertId }, admin);
    expect(assigned.data!.assignAdviceRequest).toEqual({ state: 'ASSIGNED', expert: { name: 'Experte Restauration' } });
    expect((await hub.gql(GET, { reference: 'CONSEIL-2026-0002' }, expert)).data!.adviceRequest.state).toBe('ASSIGNED');
  });

  it('an admin reassigns a request to another expert of the direction: the new one reads it, the former one no longer does', async () => {
    const { member } = await createStaffAccount(hub.orm.em.fork(), {
      email: 'assurances@agglo.test',
      name: 'Expert Assurances',
      organisationSiren: SIREN.agglomeration,
      role: 'BUYER',
      password: PASSWORD,
    });
    const other = await hub.login('assurances@agglo.test');
    const id = (await hub.gql(GET, { reference: 'CONSEIL-2026-0002' }, admin)).data!.adviceRequest.id;
    expect((await hub.gql(GET, { reference: 'CONSEIL-2026-0002' }, other)).data!.adviceRequest).toBeNull();
    const auditedBefore = await hub.orm.em.fork().count(AuditEntry, { action: 'advice.assign' });

    const reassigned = await hub.gql(ASSIGN, { id, expertId: member.id }, admin);

    expect(reassigned.data!.assignAdviceRequest).toEqual({ state: 'ASSIGNED', expert: { name: 'Expert Assurances' } });
    expect((await hub.gql(GET, { reference: 'CONSEIL-2026-0002' }, other)).data!.adviceRequest.expert.name).toBe('Expert Assurances');
    expect((await hub.gql(GET, { reference: 'CONSEIL-2026-0002' }, expert)).data!.adviceRequest).toBeNull();
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: 'advice.assigned' });
    expect(events.map((event) => event.payload).filter((payload) => payload.previousExpertId === expertId)).toEqual([
      expect.objectContaining({ reference: 'CONSEIL-2026-0002' }),
    ]);
    expect(await hub.orm.em.fork().count(AuditEntry, { action: 'advice.assign' })).toBe(auditedBefore + 1);
  });

  let draguignanDraftPlan = '';

  it('a question may be about a planned purchase of the asker’s forward plan', async () => {
    draguignanDraftPlan = (await hub.gql(CREATE_PLAN, { input: plannedPurchaseInput() }, draguignan)).data!.createPlannedPurchase.reference;
    const plan = await hub.gql(CREATE_PLAN, { input: plannedPurchaseInput({ placeOfPerformanceInseeCode: '83072' }) }, lorgues);
    expect(plan.errors).toBeUndefined();
    const reference = plan.data!.createPlannedPurchase.reference;
    const asked = await hub.gql(
      `mutation($input: AskAdviceInput!) { askAdvice(input: $input) { reference relatedPlannedPurchase { reference subject } } }`,
      { input: { stage: 'NEED', familySlug: 'batiments', subject: 'Allotissement', question: 'Faut-il allotir la rénovation de l’école ?', relatedPlannedPurchaseReference: reference } },
      lorgues,
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.askAdvice.relatedPlannedPurchase).toEqual({ reference, subject: 'Rénovation énergétique de l’école Jean-Moulin' });
  });

  it('refuses a bad question naming the field, and stores nothing', async () => {
    const before = await hub.orm.em.fork().count(AdviceRequest, {});
    const messages = await hub.orm.em.fork().count(AdviceMessage, {});
    for (const [input, field] of [
      [{ ...canteenQuestion, attachments: [{ url: 'javascript:alert(1)' }] }, 'attachments[0].url'],
      [{ ...canteenQuestion, familySlug: 'astronautique' }, 'familySlug'],
      [{ ...canteenQuestion, subject: '   ' }, 'subject'],
      [{ ...canteenQuestion, wishedAnswerDate: '2026-12-01' }, 'wishedAnswerDate'],
      [{ ...canteenQuestion, relatedNoticeReference: '2026-XXX-9999' }, 'relatedNoticeReference'],
      [{ ...canteenQuestion, relatedPlannedPurchaseReference: 'PREV-2027-XXX-0001' }, 'relatedPlannedPurchaseReference'],
      [{ ...canteenQuestion, relatedPlannedPurchaseReference: draguignanDraftPlan }, 'relatedPlannedPurchaseReference'],
    ] as const) {
      expect((await hub.gql(ASK, { input }, lorgues)).errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(codeOf(await hub.gql(ASK, { input: canteenQuestion }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(ASK, { input: { ...canteenQuestion, organisationSiren: SIREN.draguignan } }, lorgues))).toBe('FORBIDDEN');
    expect(await hub.orm.em.fork().count(AdviceRequest, {})).toBe(before);
    expect(await hub.orm.em.fork().count(AdviceMessage, {})).toBe(messages);
  });
});
