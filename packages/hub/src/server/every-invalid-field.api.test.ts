import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { CREATE_PLAN, plannedPurchaseInput } from '../planning/planned-purchase.fixtures.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { CREATE_TRAINING, SCHEDULE, sessionInput, trainingInput } from '../test-support/training-fixtures.js';

type Problem = { field: string; code: string; message: string };

interface Case {
  mutation: string;
  query: string;
  /** Variables built once the fixtures exist. */
  variables: (ids: Fixtures) => Record<string, unknown>;
  token: 'admin' | 'buyer';
  /** Every field the hub must name, with its code. */
  expected: Array<[string, 'MISSING' | 'INVALID' | 'IMPLAUSIBLE']>;
}

interface Fixtures {
  draftNotice: string;
  publishedNotice: string;
  plan: string;
  training: string;
  session: string;
  endpoint: string;
  staffMember: string;
  /** An advice request of Draguignan, answered by the direction. */
  advice: string;
  /** One waiting for an expert. */
  adviceSubmitted: string;
}

const LONG = 'x'.repeat(501);

const ASK_ADVICE = 'mutation($input: AskAdviceInput!) { askAdvice(input: $input) { id } }';
const adviceQuestion = {
  stage: 'PROCEDURE',
  familySlug: 'restauration-collective',
  subject: 'Procédure pour la cantine scolaire',
  question: 'Notre marché de repas scolaires arrive à échéance : MAPA ou appel d’offres ?',
  attachments: [],
};

/**
 * Issue 11, point 3: a staff mutation refused for its input names every refused field at once in
 * `extensions.fields` (not the first one only), an absent or blank required field as MISSING and a malformed one as
 * INVALID, and changes nothing. One row per input type of the staff mutations, each with three faults (the charter's
 * input has two fields), and one per mutation taking a single text (advice threads). awardLot's four faults at once
 * are in notices/plausibility.api.test.ts.
 */
const CASES: Case[] = [
  {
    mutation: 'createNotice',
    query: 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }',
    variables: () => ({ input: noticeInput(new Date('2026-12-01T09:00:00Z'), { title: '  ', mainCpv: 'abc', contactEmail: 'pas une adresse' }) }),
    token: 'buyer',
    expected: [['title', 'MISSING'], ['mainCpv', 'INVALID'], ['contactEmail', 'INVALID']],
  },
  {
    mutation: 'updateDraftNotice',
    query: 'mutation($r: String!, $input: NoticeDraftInput!) { updateDraftNotice(reference: $r, input: $input) { reference } }',
    variables: (f) => ({ r: f.draftNotice, input: { title: '', estimatedValue: -1, buyerProfileUrl: 'ftp://marches.example' } }),
    token: 'buyer',
    expected: [['title', 'MISSING'], ['estimatedValue', 'INVALID'], ['buyerProfileUrl', 'INVALID']],
  },
  {
    mutation: 'correctNotice',
    query: 'mutation($r: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $input) { reference } }',
    variables: (f) => ({ r: f.publishedNotice, input: { reason: ' ', estimatedValue: -5, contactEmail: 'pas une adresse' } }),
    token: 'buyer',
    expected: [['reason', 'MISSING'], ['estimatedValue', 'INVALID'], ['contactEmail', 'INVALID']],
  },
  {
    mutation: 'createPlannedPurchase',
    query: CREATE_PLAN,
    variables: () => ({ input: plannedPurchaseInput({ subject: '', cpv: 'abc', contactEmail: 'pas une adresse' }) }),
    token: 'buyer',
    expected: [['subject', 'MISSING'], ['cpv', 'INVALID'], ['contactEmail', 'INVALID']],
  },
  {
    mutation: 'createPlannedPurchase (absent fields)',
    query: CREATE_PLAN,
    variables: () => ({ input: plannedPurchaseInput({ subject: undefined, launchYear: undefined, contactService: undefined }) }),
    token: 'buyer',
    expected: [['subject', 'MISSING'], ['launchYear', 'MISSING'], ['contactService', 'MISSING']],
  },
  {
    mutation: 'updatePlannedPurchase',
    query: 'mutation($r: String!, $input: PlannedPurchaseInput!) { updatePlannedPurchase(reference: $r, input: $input) { reference } }',
    variables: (f) => ({ r: f.plan, input: { subject: ' ', launchQuarter: 7, familySlug: 'astronautique' } }),
    token: 'buyer',
    expected: [['subject', 'MISSING'], ['launchQuarter', 'INVALID'], ['familySlug', 'INVALID']],
  },
  {
    mutation: 'publishCharterVersion',
    query: 'mutation($input: CharterVersionInput!) { publishCharterVersion(input: $input) { version } }',
    variables: () => ({ input: { title: '', text: '   ' } }),
    token: 'admin',
    expected: [['title', 'MISSING'], ['text', 'MISSING']],
  },
  {
    mutation: 'createTraining',
    query: CREATE_TRAINING,
    variables: () => ({ input: trainingInput({ title: '', providerName: ' ', durationHours: -1 }) }),
    token: 'admin',
    expected: [['title', 'MISSING'], ['providerName', 'MISSING'], ['durationHours', 'INVALID']],
  },
  {
    mutation: 'updateTraining',
    query: 'mutation($slug: String!, $input: TrainingUpdateInput!) { updateTraining(slug: $slug, input: $input) { slug } }',
    variables: (f) => ({ slug: f.training, input: { title: ' ', description: LONG.repeat(41), durationHours: 0.1 } }),
    token: 'admin',
    expected: [['title', 'MISSING'], ['description', 'INVALID'], ['durationHours', 'INVALID']],
  },
  {
    mutation: 'scheduleTrainingSession',
    query: SCHEDULE,
    variables: () => ({ input: sessionInput('formation-inconnue', '2026-12-10T08:00:00Z', { capacity: 0, remoteUrl: 'http://visio.example' }) }),
    token: 'admin',
    expected: [['trainingSlug', 'INVALID'], ['remoteUrl', 'INVALID'], ['capacity', 'INVALID']],
  },
  {
    mutation: 'updateTrainingSession',
    query: 'mutation($id: ID!, $input: TrainingSessionUpdateInput!) { updateTrainingSession(id: $id, input: $input) { id } }',
    variables: (f) => ({ id: f.session, input: { capacity: 0, remoteUrl: 'ftp://visio.example', trainerId: f.staffMember } }),
    token: 'admin',
    expected: [['remoteUrl', 'INVALID'], ['trainerId', 'INVALID'], ['capacity', 'INVALID']],
  },
  {
    mutation: 'createWebhookEndpoint',
    query: 'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
    variables: () => ({ input: { url: ' ', eventTypes: ['notice.exploded'], description: LONG } }),
    token: 'admin',
    expected: [['url', 'MISSING'], ['eventTypes', 'INVALID'], ['description', 'INVALID']],
  },
  {
    mutation: 'updateWebhookEndpoint',
    query: 'mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id } }',
    variables: (f) => ({ id: f.endpoint, input: { url: 'ftp://receiver.example', eventTypes: ['notice.exploded'], description: LONG } }),
    token: 'admin',
    expected: [['url', 'INVALID'], ['eventTypes', 'INVALID'], ['description', 'INVALID']],
  },
  {
    mutation: 'createPurchasingGroup',
    query: 'mutation($input: PurchasingGroupInput!) { createPurchasingGroup(input: $input) { id } }',
    variables: () => ({ input: { subject: '', agreementStart: 'demain', coordinatorSiren: '000000000', memberSirens: [] } }),
    token: 'admin',
    expected: [['subject', 'MISSING'], ['agreementStart', 'INVALID'], ['coordinatorSiren', 'INVALID']],
  },
  {
    mutation: 'setCorrespondentFamilies',
    query: 'mutation($id: ID!, $slugs: [String!]!) { setCorrespondentFamilies(staffMemberId: $id, familySlugs: $slugs) { slug } }',
    variables: (f) => ({ id: f.staffMember, slugs: ['astronautique', 'batiments', 'plongee', 'alchimie'] }),
    token: 'buyer',
    expected: [['familySlugs[0]', 'INVALID'], ['familySlugs[2]', 'INVALID'], ['familySlugs[3]', 'INVALID']],
  },
  {
    mutation: 'askAdvice',
    query: ASK_ADVICE,
    variables: () => ({
      input: {
        ...adviceQuestion,
        subject: '  ',
        familySlug: 'astronautique',
        wishedAnswerDate: '2026-13-01',
        attachments: [{ url: 'javascript:alert(1)' }, { label: LONG, url: 'https://drive.example/ccap.pdf' }],
      },
    }),
    token: 'buyer',
    expected: [['subject', 'MISSING'], ['familySlug', 'INVALID'], ['wishedAnswerDate', 'INVALID'], ['attachments[0].url', 'INVALID'], ['attachments[1].label', 'INVALID']],
  },
  {
    mutation: 'askAdvice (blank family, date too far)',
    query: ASK_ADVICE,
    variables: () => ({ input: { ...adviceQuestion, familySlug: ' ', question: '', wishedAnswerDate: '2150-01-01' } }),
    token: 'buyer',
    expected: [['familySlug', 'MISSING'], ['question', 'MISSING'], ['wishedAnswerDate', 'IMPLAUSIBLE']],
  },
  {
    mutation: 'publishAdviceAnswer',
    query: 'mutation($id: ID!, $entry: KnowledgeEntryInput!) { publishAdviceAnswer(id: $id, entry: $entry) { id } }',
    // The question still names the asking commune; the answer is longer than 10,000 characters.
    variables: (f) => ({ id: f.advice, entry: { title: ' ', question: 'La commune de Draguignan demande quelle procédure suivre.', answer: LONG.repeat(21) } }),
    token: 'admin',
    expected: [['title', 'MISSING'], ['question', 'INVALID'], ['answer', 'INVALID']],
  },
  {
    mutation: 'postAdviceMessage (blank)',
    query: 'mutation($id: ID!, $body: String!) { postAdviceMessage(id: $id, body: $body) { id } }',
    variables: (f) => ({ id: f.advice, body: ' \n ' }),
    token: 'buyer',
    expected: [['body', 'MISSING']],
  },
  {
    mutation: 'postAdviceMessage (too long)',
    query: 'mutation($id: ID!, $body: String!) { postAdviceMessage(id: $id, body: $body) { id } }',
    variables: (f) => ({ id: f.advice, body: LONG.repeat(21) }),
    token: 'buyer',
    expected: [['body', 'INVALID']],
  },
  {
    mutation: 'reopenAdviceRequest',
    query: 'mutation($id: ID!, $reason: String!) { reopenAdviceRequest(id: $id, reason: $reason) { id } }',
    variables: (f) => ({ id: f.advice, reason: '' }),
    token: 'buyer',
    expected: [['reason', 'MISSING']],
  },
  {
    mutation: 'closeAdviceRequest',
    query: 'mutation($id: ID!, $note: String) { closeAdviceRequest(id: $id, note: $note) { id } }',
    variables: (f) => ({ id: f.advice, note: LONG.repeat(5) }),
    token: 'admin',
    expected: [['note', 'INVALID']],
  },
  {
    mutation: 'assignAdviceRequest',
    query: 'mutation($id: ID!, $expertId: ID!) { assignAdviceRequest(id: $id, expertId: $expertId) { id } }',
    // A buyer of Draguignan is not of the agglomeration's direction.
    variables: (f) => ({ id: f.adviceSubmitted, expertId: f.staffMember }),
    token: 'admin',
    expected: [['expertId', 'INVALID']],
  },
];

describe('a staff mutation refused for its input', () => {
  let hub: TestHub;
  const tokens = { admin: '', buyer: '' };
  let fixtures: Fixtures;

  beforeAll(async () => {
    hub = await startTestHub();
    [tokens.admin, tokens.buyer] = await Promise.all([hub.login('admin@agglo.test'), hub.login('buyer@draguignan.test')]);
    const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
      const result = await hub.gql(query, variables, token);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data!;
    };
    const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
    const draftNotice = (await ok(CREATE, { input: noticeInput(hub.clock.now()) }, tokens.buyer)).createNotice.reference;
    const publishedNotice = (await ok(CREATE, { input: noticeInput(hub.clock.now()) }, tokens.buyer)).createNotice.reference;
    await ok('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: publishedNotice }, tokens.buyer);
    const plan = (await ok(CREATE_PLAN, { input: plannedPurchaseInput() }, tokens.buyer)).createPlannedPurchase.reference;
    const training = (await ok(CREATE_TRAINING, { input: trainingInput() }, tokens.admin)).createTraining.slug;
    const session = (await ok(SCHEDULE, { input: sessionInput(training, '2026-12-10T08:00:00Z') }, tokens.admin)).scheduleTrainingSession.id;
    const endpoint = (await ok('mutation { createWebhookEndpoint(input: { url: "https://receiver.example/hook" }) { endpoint { id } } }', {}, tokens.admin))
      .createWebhookEndpoint.endpoint.id;
    const staffMember = (await ok('{ me { id } }', {}, tokens.buyer)).me.id;
    const advice = (await ok(ASK_ADVICE, { input: adviceQuestion }, tokens.buyer)).askAdvice.id;
    const adminId = (await ok('{ me { id } }', {}, tokens.admin)).me.id;
    await ok('mutation($id: ID!, $expertId: ID!) { assignAdviceRequest(id: $id, expertId: $expertId) { id } }', { id: advice, expertId: adminId }, tokens.admin);
    await ok('mutation($id: ID!, $body: String!) { answerAdviceRequest(id: $id, body: $body) { id } }', { id: advice, body: 'Un appel d’offres ouvert.' }, tokens.admin);
    const adviceSubmitted = (await ok(ASK_ADVICE, { input: adviceQuestion }, tokens.buyer)).askAdvice.id;
    fixtures = { draftNotice, publishedNotice, plan, training, session, endpoint, staffMember, advice, adviceSubmitted };
  });
  afterAll(() => hub?.close());

  it.each(CASES.map((row) => [row.mutation, row] as const))('%s names every refused field at once, MISSING or INVALID, and changes nothing', async (_name, row) => {
    const audit = await hub.orm.em.fork().count(AuditEntry, {});
    const result = await hub.gql(row.query, row.variables(fixtures), tokens[row.token]);
    expect(result.data ?? null, JSON.stringify(result.errors)).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
    const problems = (error?.extensions?.fields ?? []) as Problem[];
    const byField = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
    expect(problems.map((problem) => [problem.field, problem.code] as [string, string]).sort(byField), JSON.stringify(problems)).toEqual(
      [...row.expected].sort(byField),
    );
    expect(error?.extensions?.field).toBe(problems[0]!.field);
    if (row.expected.length > 1) expect(error?.message).toMatch(new RegExp(`^${row.expected.length} champs sont à corriger`));
    else expect(error?.message).toBe(problems[0]!.message);
    for (const problem of problems) expect(problem.message).toMatch(/[àâçéèêëîïôûùœ’«»]|\b(le|la|les|de|du|des|un|une|est|pas)\b/i);
    expect(await hub.orm.em.fork().count(AuditEntry, {})).toBe(audit);
  });
});
