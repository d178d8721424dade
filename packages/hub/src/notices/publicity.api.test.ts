import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { Notice } from './notice.entity.js';

const FIELDS = `reference status procedure estimatedValue publicity { level label explanation allowedProcedures europeanThreshold socialOrSpecificService thresholdsFrom sources }`;
const CREATE = `mutation($input: CreateNoticeInput!) { createNotice(input: $input) { ${FIELDS} } }`;
const PUBLISH = `mutation($reference: String!) { publishNotice(reference: $reference) { ${FIELDS} } }`;
const CORRECT = `mutation($reference: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $reference, input: $input) { ${FIELDS} } }`;
const PUBLIC_NOTICE = `query($reference: String!) { notice(reference: $reference) { ${FIELDS} } }`;
const LISTING = `{ notices(first: 200) { edges { node { reference publicity { level } } } } }`;

describe('the publicity thresholds at publication (the hub on a real SQLite file, clock on 1 December 2026)', () => {
  let hub: TestHub;
  let buyer: string;

  beforeAll(async () => {
    hub = await startTestHub();
    buyer = await hub.login('buyer@draguignan.test');
  });
  afterAll(() => hub?.close());

  async function draft(overrides: Record<string, unknown>) {
    const result = await hub.gql(CREATE, { input: noticeInput(hub.clock.now(), overrides) }, buyer);
    expect(result.errors).toBeUndefined();
    return result.data!.createNotice as { reference: string; publicity: { level: string } | null };
  }

  async function counts() {
    const em = hub.orm.em.fork();
    return {
      published: await em.count(Notice, { status: 'PUBLISHED' }),
      audit: await em.count(AuditEntry, {}),
      events: await em.count(OutboxEvent, {}),
    };
  }

  it('refuses to publish a procédure adaptée whose lots together reach the EU threshold, naming the procedure, and changes nothing', async () => {
    const notice = await draft({
      procedure: 'ADAPTED',
      estimatedValue: null,
      lots: [
        { title: 'Tonte', cpv: '77310000-6', estimatedValue: 120_000 },
        { title: 'Taille', cpv: '77310000-6', estimatedValue: 96_000 },
      ],
    });
    expect(notice.publicity?.level).toBe('EUROPEAN');
    const before = await counts();
    const result = await hub.gql(PUBLISH, { reference: notice.reference }, buyer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'procedure' });
    expect(result.errors?.[0]?.message).toContain('216');
    expect(await counts()).toEqual(before);
  });

  it('publishes the same procédure adaptée one euro under the threshold, and an open procedure above it', async () => {
    const under = await draft({
      procedure: 'ADAPTED',
      estimatedValue: null,
      lots: [
        { title: 'Tonte', cpv: '77310000-6', estimatedValue: 120_000 },
        { title: 'Taille', cpv: '77310000-6', estimatedValue: 95_999 },
      ],
    });
    const published = await hub.gql(PUBLISH, { reference: under.reference }, buyer);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishNotice.publicity).toMatchObject({ level: 'NATIONAL', thresholdsFrom: '2026-04-01', europeanThreshold: 216_000 });

    const open = await draft({ procedure: 'OPEN', estimatedValue: 400_000 });
    const openPublished = await hub.gql(PUBLISH, { reference: open.reference }, buyer);
    expect(openPublished.errors).toBeUndefined();
    expect(openPublished.data!.publishNotice.publicity.level).toBe('EUROPEAN');
    expect(openPublished.data!.publishNotice.publicity.allowedProcedures).not.toContain('ADAPTED');
  });

  it('publishes school catering of 480 k€ in procédure adaptée, a social and specific service (R2123-1 3°), but not cleaning of the same value', async () => {
    const meals = await draft({
      procedure: 'ADAPTED',
      nature: 'SERVICES',
      mainCpv: '55523100-3',
      estimatedValue: 480_000,
      lots: [{ title: 'Repas', cpv: '55523100-3', estimatedValue: 480_000 }],
    });
    const published = await hub.gql(PUBLISH, { reference: meals.reference }, buyer);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishNotice.publicity).toMatchObject({ level: 'NATIONAL', europeanThreshold: 750_000, socialOrSpecificService: true });

    const cleaning = await draft({
      procedure: 'ADAPTED',
      nature: 'SERVICES',
      mainCpv: '90910000-9',
      estimatedValue: 480_000,
      lots: [{ title: 'Nettoyage', cpv: '90910000-9', estimatedValue: 480_000 }],
    });
    const refused = await hub.gql(PUBLISH, { reference: cleaning.reference }, buyer);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'procedure' });
  });

  it('shows the public the level and why, without the value the buyer keeps private', async () => {
    const secret = await draft({ procedure: 'ADAPTED', estimatedValue: 75_000, estimatedValuePublic: false, lots: [{ title: 'Lot unique', cpv: '77310000-6', estimatedValue: 75_000 }] });
    expect((await hub.gql(PUBLISH, { reference: secret.reference }, buyer)).errors).toBeUndefined();
    const view = (await hub.gql(PUBLIC_NOTICE, { reference: secret.reference })).data!.notice;
    expect(view.estimatedValue).toBeNull();
    expect(view.publicity).toMatchObject({ level: 'ADAPTED', label: 'Publicité adaptée' });
    expect(view.publicity.explanation).toContain('non publiée par l’acheteur');
    expect(view.publicity.explanation).not.toMatch(/75\s?000/);
    expect(view.publicity.sources.length).toBeGreaterThan(0);
  });

  it('gives the same publicity in the public listing as on the notice (the listing reads its own columns)', async () => {
    const listed = (await hub.gql(LISTING)).data!.notices.edges.map((edge: { node: { reference: string; publicity: unknown } }) => edge.node);
    expect(listed.length).toBeGreaterThan(0);
    for (const node of listed) {
      const one = (await hub.gql(PUBLIC_NOTICE, { reference: node.reference })).data!.notice;
      expect(node.publicity).toEqual(one.publicity ? { level: one.publicity.level } : null);
    }
  });

  it('refuses a correction that carries a procédure adaptée to the EU threshold, naming the corrected field', async () => {
    const notice = await draft({ procedure: 'ADAPTED', estimatedValue: 150_000, lots: [{ title: 'Lot unique', cpv: '77310000-6', estimatedValue: 150_000 }] });
    expect((await hub.gql(PUBLISH, { reference: notice.reference }, buyer)).errors).toBeUndefined();
    const before = await counts();
    const result = await hub.gql(CORRECT, { reference: notice.reference, input: { reason: 'Estimation revue', estimatedValue: 250_000 } }, buyer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'estimatedValue' });
    expect(result.errors?.[0]?.message).toContain('Cette correction porte la valeur estimée au seuil européen');
    expect(await counts()).toEqual(before);
    const smaller = await hub.gql(CORRECT, { reference: notice.reference, input: { reason: 'Estimation revue', estimatedValue: 140_000 } }, buyer);
    expect(smaller.errors).toBeUndefined();
  });

  it('has no publicity for a notice without any estimate', async () => {
    const notice = await draft({ estimatedValue: null, lots: [{ title: 'Lot unique', cpv: '77310000-6' }] });
    expect(notice.publicity).toBeNull();
  });
});
