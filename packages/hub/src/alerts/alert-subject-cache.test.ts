import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE_PLAN, PUBLISH_PLAN, UPDATE_PLAN, WITHDRAW_PLAN, plannedPurchaseInput } from '../planning/planned-purchase.fixtures.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { addressKey } from '../mail/mail-address.js';
import { EMPTY_CRITERIA } from './alert-criteria.js';
import { insertAnnouncements, storedInstant } from './alert-rows.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import { newAlertToken } from './alert-tokens.js';
import { AlertSubjectCache } from './alert-subject-cache.js';

const DAY = 86_400_000;

describe('the notices and planned purchases an alert renderer keeps between batches', () => {
  let hub: TestHub;
  let buyer: string;
  beforeEach(async () => {
    hub = await startTestHub();
    buyer = await hub.login('buyer@draguignan.test');
  });
  afterEach(() => hub.close());

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const answer = await hub.gql<Record<string, { reference: string }>>(query, variables, buyer);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return Object.values(answer.data!)[0]!;
  };

  it('gives the same notice object while it does not change, and the notice as it is now once corrected or cancelled, and no notice that is not there', async () => {
    const { reference } = await gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input: noticeInput(hub.clock.now()) });
    await gql('mutation($r: String!) { publishNotice(reference: $r) { reference } }', { r: reference });
    const cache = new AlertSubjectCache();
    const read = async () => (await cache.noticesOf(hub.orm.em.fork(), [reference, '2026-XXX-9999'])).get(reference);

    const first = await read();
    expect(first?.title).toBe('Entretien des espaces verts du parc Haussmann');
    expect(await read()).toBe(first);

    hub.clock.advance(DAY);
    buyer = await hub.login('buyer@draguignan.test');
    const deadline = new Date(hub.clock.now().getTime() + 50 * DAY);
    await gql('mutation($r: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $input) { reference } }', { r: reference, input: { reason: 'Report de la date limite', submissionDeadline: deadline.toISOString() } });
    const corrected = await read();
    expect(corrected).not.toBe(first);
    expect(corrected?.correctionReason).toBe('Report de la date limite');
    expect(corrected?.deadline.getTime()).toBe(deadline.getTime());
    expect(await read()).toBe(corrected);

    await gql('mutation($r: String!) { cancelNotice(reference: $r, reason: "Besoin redéfini") { reference } }', { r: reference });
    const cancelled = await read();
    expect(cancelled?.status).toBe('CANCELLED');
    expect(cancelled?.cancellationReason).toBe('Besoin redéfini');
    expect((await cache.noticesOf(hub.orm.em.fork(), ['2026-XXX-9999'])).size).toBe(0);
  });

  it('reads with the notices of a batch those published that close within the window, soonest first, and no longer a cancelled one', async () => {
    const now = hub.clock.now();
    const create = async (days: number) =>
      (await gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input: noticeInput(now, { submissionDeadline: new Date(now.getTime() + days * DAY).toISOString() }) })).reference;
    const [far, later, sooner, draft] = [await create(40), await create(50), await create(45), await create(46)];
    for (const reference of [far, later, sooner]) await gql('mutation($r: String!) { publishNotice(reference: $r) { reference } }', { r: reference });
    const cache = new AlertSubjectCache();
    const window = { after: new Date(now.getTime() + 41 * DAY), until: new Date(now.getTime() + 50 * DAY) };
    const closingOf = async (references: string[], until = window.until) =>
      (await cache.forMails(hub.orm.em.fork(), { references, subscriptions: [], window: { after: window.after, until } })).closing.map((notice) => notice.reference);

    const read = await cache.forMails(hub.orm.em.fork(), { references: [far!], subscriptions: [], window });
    expect(read.closing.map((notice) => notice.reference)).toEqual([sooner, later]);
    expect([...read.notices.keys()].sort()).toEqual([far, later, sooner].sort());
    expect(read.notices.has(draft!)).toBe(false);
    expect(await closingOf([])).toEqual([sooner, later]);
    expect(await closingOf([], new Date(now.getTime() + 49 * DAY))).toEqual([sooner]);

    await gql('mutation($r: String!) { cancelNotice(reference: $r, reason: "Besoin redéfini") { reference } }', { r: sooner });
    const after = await cache.forMails(hub.orm.em.fork(), { references: [sooner!], subscriptions: [], window });
    expect(after.closing.map((notice) => notice.reference)).toEqual([later]);
    expect(after.notices.get(sooner!)?.status).toBe('CANCELLED');
  });

  it('reads in the same statement the links’ secret of the confirmed subscriptions still there, and whom each notice closing soon was told to', async () => {
    const now = hub.clock.now();
    const em = hub.orm.em.fork();
    const subscription = (email: string, confirmedAt: Date | null) =>
      em.create(AlertSubscription, { email, emailKey: addressKey(email), criteria: { ...EMPTY_CRITERIA }, frequency: 'IMMEDIATE', confirmRequestedAt: now, confirmedAt, manageToken: newAlertToken() });
    const [confirmed, pending] = [subscription('confirmee@exemple.fr', now), subscription('en-attente@exemple.fr', null)];
    await em.flush();
    const { reference: closing } = await gql('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input: noticeInput(now, { submissionDeadline: new Date(now.getTime() + 45 * DAY).toISOString() }) });
    await gql('mutation($r: String!) { publishNotice(reference: $r) { reference } }', { r: closing });
    await insertAnnouncements(hub.orm.em.fork(), [{ eventId: randomUUID(), reference: closing, reason: 'PUBLISHED', occurredAt: now, subscriptionIds: [confirmed.id] }]);
    const cache = new AlertSubjectCache();
    const window = { after: new Date(now.getTime() + 41 * DAY), until: new Date(now.getTime() + 50 * DAY) };
    // More subscriptions than one statement takes: the tokens of those past the first statement's are read too.
    const many = [...Array.from({ length: 600 }, () => randomUUID()), pending.id, confirmed.id];

    const read = await cache.forMails(hub.orm.em.fork(), { references: [], subscriptions: many, window });
    expect([...read.tokens]).toEqual([[confirmed.id, confirmed.manageToken]]);
    expect([...read.toldOfClosing.get(closing)!]).toEqual([confirmed.id]);
    expect(read.closing.map((notice) => notice.reference)).toEqual([closing]);

    await insertAnnouncements(hub.orm.em.fork(), [{ eventId: randomUUID(), reference: closing, reason: 'PUBLISHED', occurredAt: now, subscriptionIds: [pending.id] }]);
    const again = await cache.forMails(hub.orm.em.fork(), { references: [closing], subscriptions: [confirmed.id], window });
    expect([...again.toldOfClosing.get(closing)!].sort()).toEqual([confirmed.id, pending.id].sort());
    expect(again.notices.get(closing)).toBe(read.notices.get(closing));
  });

  it('gives each batch the tokens of its subscriptions as they are now, when kept whole between batches as when read by id', async () => {
    const now = hub.clock.now();
    const em = hub.orm.em.fork();
    const subscription = (email: string, confirmedAt: Date | null) =>
      em.create(AlertSubscription, { email, emailKey: addressKey(email), criteria: { ...EMPTY_CRITERIA }, frequency: 'IMMEDIATE', confirmRequestedAt: now, confirmedAt, manageToken: newAlertToken() });
    const [first, second, pending] = [subscription('premiere@exemple.fr', now), subscription('seconde@exemple.fr', now), subscription('en-attente@exemple.fr', null)];
    await em.flush();
    const cache = new AlertSubjectCache();
    const window = { after: now, until: new Date(now.getTime() + 7 * DAY) };
    const tokensOf = async (subscriptions: string[]) => Object.fromEntries((await cache.forMails(hub.orm.em.fork(), { references: [], subscriptions, window })).tokens);
    const knex = hub.orm.em.getKnex();

    // A large sending reads them by id first, then all of them once, and keeps them while no confirmed subscription changes.
    expect(await tokensOf([...Array.from({ length: 1_200 }, () => randomUUID()), first.id])).toEqual({ [first.id]: first.manageToken });
    expect(await tokensOf([first.id, second.id, pending.id])).toEqual({ [first.id]: first.manageToken, [second.id]: second.manageToken });
    expect(await tokensOf([second.id])).toEqual({ [second.id]: second.manageToken });

    // Deleted, confirmed, or changed by any statement: the next batch tells it.
    await knex('alert_subscription').delete().where('id', first.id);
    expect(await tokensOf([first.id, second.id])).toEqual({ [second.id]: second.manageToken });
    await knex('alert_subscription').update({ confirmed_at: storedInstant(hub.orm.em.fork(), now) }).where('id', pending.id);
    expect(await tokensOf([pending.id])).toEqual({ [pending.id]: pending.manageToken });
    const renewed = newAlertToken();
    await knex('alert_subscription').update({ manage_token: renewed }).where('id', second.id);
    expect(await tokensOf([second.id, pending.id])).toEqual({ [second.id]: renewed, [pending.id]: pending.manageToken });
  });

  it('gives a planned purchase as it is now once updated or withdrawn', async () => {
    const { reference } = await gql(CREATE_PLAN, { input: plannedPurchaseInput() });
    await gql(PUBLISH_PLAN, { reference });
    const cache = new AlertSubjectCache();
    const read = async () => (await cache.plansOf(hub.orm.em.fork(), [reference])).get(reference);
    const first = await read();
    expect(await read()).toBe(first);
    await gql(UPDATE_PLAN, { reference, input: { launchQuarter: 3 } });
    const updated = await read();
    expect(updated?.launchQuarter).toBe(3);
    await gql(WITHDRAW_PLAN, { reference, reason: 'Projet abandonné' });
    const withdrawn = await read();
    expect(withdrawn?.status).toBe('WITHDRAWN');
    expect(withdrawn?.withdrawalReason).toBe('Projet abandonné');
  });

  it('keeps whom a notice’s publication was told to until another announcement of its publication is written', async () => {
    const announce = (reference: string, reason: 'PUBLISHED' | 'CORRECTED', subscriptionIds: string[]) =>
      insertAnnouncements(hub.orm.em.fork(), [{ eventId: randomUUID(), reference, reason, occurredAt: hub.clock.now(), subscriptionIds }]);
    await announce('2026-DRA-0100', 'PUBLISHED', ['a', 'b']);
    const cache = new AlertSubjectCache();
    const read = async () => cache.publicationToldOf(hub.orm.em.fork(), ['2026-DRA-0100', '2026-DRA-0101']);
    const first = (await read()).get('2026-DRA-0100');
    expect([...first!].sort()).toEqual(['a', 'b']);
    expect((await read()).has('2026-DRA-0101')).toBe(false);
    await announce('2026-DRA-0100', 'CORRECTED', ['a']);
    expect((await read()).get('2026-DRA-0100')).toBe(first);
    await announce('2026-DRA-0100', 'PUBLISHED', ['c']);
    expect([...(await read()).get('2026-DRA-0100')!].sort()).toEqual(['a', 'b', 'c']);
  });
});
