import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { PASSWORD, SIREN, noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { PurchasingGroup } from './purchasing-group.entity.js';

const GROUP_FIELDS = 'id subject agreementStart agreementEnd documentsUrl coordinator { siren } members { siren }';
const CREATE_GROUP = `mutation($input: PurchasingGroupInput!) { createPurchasingGroup(input: $input) { ${GROUP_FIELDS} } }`;
const UPDATE_GROUP = `mutation($id: ID!, $input: PurchasingGroupInput!) { updatePurchasingGroup(id: $id, input: $input) { ${GROUP_FIELDS} } }`;
const CREATE_NOTICE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const PUBLISH = 'mutation($r: String!) { publishNotice(reference: $r) { reference status } }';
const LIST_OF = `query($siren: String!) { notices(filter: { organisationSiren: $siren }, first: 100) {
  totalCount edges { node { reference organisation { siren } purchasingGroup { subject coordinator { siren } members { siren } } } } } }`;

const leasing = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Location longue durée de véhicules',
  coordinatorSiren: SIREN.agglomeration,
  memberSirens: [SIREN.draguignan, SIREN.lorgues],
  agreementStart: '2026-01-01',
  agreementEnd: '2029-12-31',
  documentsUrl: 'https://marches.example/groupements/lld',
  ...overrides,
});

describe('purchasing groups and their notices', () => {
  let hub: TestHub;
  let admin: string;
  let coordinatorBuyer: string;
  let draguignan: string;
  let lorgues: string;

  beforeAll(async () => {
    hub = await startTestHub();
    await createStaffAccount(hub.orm.em.fork(), {
      email: 'buyer@agglo.test', name: 'Buyer Agglo', organisationSiren: SIREN.agglomeration, role: 'BUYER', password: PASSWORD,
    });
    [admin, coordinatorBuyer, draguignan, lorgues] = await Promise.all([
      hub.login('admin@agglo.test'),
      hub.login('buyer@agglo.test'),
      hub.login('buyer@draguignan.test'),
      hub.login('buyer@lorgues.test'),
    ]);
  });
  afterAll(() => hub?.close());

  async function createGroup(input = leasing()) {
    const result = await hub.gql(CREATE_GROUP, { input }, admin);
    expect(result.errors).toBeUndefined();
    return result.data!.createPurchasingGroup as { id: string; members: Array<{ siren: string }> };
  }

  async function draftFor(token: string, siren: string, groupId: string | null) {
    return hub.gql(CREATE_NOTICE, { input: noticeInput(hub.clock.now(), { organisationSiren: siren, purchasingGroupId: groupId }) }, token);
  }

  it('an admin creates a group whose members always include its coordinator, first', async () => {
    const group = await createGroup();
    expect(group.members.map((member) => member.siren)).toEqual([SIREN.agglomeration, SIREN.draguignan, SIREN.lorgues]);
  });

  it('a buyer cannot create or change a group, and nothing changes', async () => {
    const group = await createGroup();
    const before = await hub.orm.em.fork().count(PurchasingGroup, {});
    const created = await hub.gql(CREATE_GROUP, { input: leasing() }, coordinatorBuyer);
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const changed = await hub.gql(UPDATE_GROUP, { id: group.id, input: leasing({ subject: 'Autre chose' }) }, draguignan);
    expect(changed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await hub.orm.em.fork().count(PurchasingGroup, {})).toBe(before);
    const stored = await hub.orm.em.fork().findOneOrFail(PurchasingGroup, { id: group.id });
    expect(stored.subject).toBe('Location longue durée de véhicules');
  });

  it('names the refused field of a bad group', async () => {
    for (const [input, field] of [
      [leasing({ agreementEnd: '2025-12-31' }), 'agreementEnd'],
      [leasing({ memberSirens: ['999999999'] }), 'memberSirens[0]'],
      [leasing({ memberSirens: [] }), 'memberSirens'],
      [leasing({ agreementStart: '2026-02-30' }), 'agreementStart'],
    ] as const) {
      const result = await hub.gql(CREATE_GROUP, { input }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('a member’s staff reads the group, another organisation’s staff does not see it', async () => {
    const shared = await createGroup(leasing({ subject: 'Téléphonie', memberSirens: [SIREN.draguignan] }));
    const asDraguignan = await hub.gql('{ purchasingGroups { id subject } }', {}, draguignan);
    expect(asDraguignan.data!.purchasingGroups.map((group: { id: string }) => group.id)).toContain(shared.id);
    const asLorgues = await hub.gql('{ purchasingGroups { id } }', {}, lorgues);
    expect(asLorgues.data!.purchasingGroups.map((group: { id: string }) => group.id)).not.toContain(shared.id);
    const one = await hub.gql('query($id: ID!) { purchasingGroup(id: $id) { subject } }', { id: shared.id }, lorgues);
    expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await hub.gql('{ purchasingGroups { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the coordinator’s buyer publishes for the group, and the notice appears once on each member’s list', async () => {
    const group = await createGroup(leasing({ subject: 'Groupement pour la liste' }));
    const draft = await draftFor(coordinatorBuyer, SIREN.agglomeration, group.id);
    expect(draft.errors).toBeUndefined();
    const reference = draft.data!.createNotice.reference as string;
    const published = await hub.gql(PUBLISH, { r: reference }, coordinatorBuyer);
    expect(published.errors).toBeUndefined();

    for (const siren of [SIREN.agglomeration, SIREN.draguignan, SIREN.lorgues]) {
      const list = await hub.gql(LIST_OF, { siren });
      const nodes = list.data!.notices.edges.map((edge: { node: { reference: string } }) => edge.node);
      const matches = nodes.filter((node: { reference: string }) => node.reference === reference);
      expect(matches, siren).toHaveLength(1);
      expect(list.data!.notices.totalCount).toBe(nodes.length);
      expect(matches[0].organisation.siren).toBe(SIREN.agglomeration);
      expect(matches[0].purchasingGroup).toEqual({
        subject: 'Groupement pour la liste',
        coordinator: { siren: SIREN.agglomeration },
        members: [{ siren: SIREN.agglomeration }, { siren: SIREN.draguignan }, { siren: SIREN.lorgues }],
      });
    }
  });

  it('keeps a member’s own notices on its list beside the group’s', async () => {
    const own = await draftFor(lorgues, SIREN.lorgues, null);
    await hub.gql(PUBLISH, { r: own.data!.createNotice.reference }, lorgues);
    const list = await hub.gql(LIST_OF, { siren: SIREN.lorgues });
    const references = list.data!.notices.edges.map((edge: { node: { reference: string } }) => edge.node.reference);
    expect(references).toContain(own.data!.createNotice.reference);
    // Draguignan is in no group with Lorgues' own notice: it is not on Draguignan's list.
    const other = await hub.gql(LIST_OF, { siren: SIREN.draguignan });
    expect(other.data!.notices.edges.map((edge: { node: { reference: string } }) => edge.node.reference)).not.toContain(
      own.data!.createNotice.reference,
    );
  });

  it('a buyer of a member that is not the coordinator cannot publish for the group, and nothing changes', async () => {
    const group = await createGroup();
    const notices = await hub.orm.em.fork().count(Notice, {});
    const audit = await hub.orm.em.fork().count(AuditEntry, {});
    const result = await draftFor(lorgues, SIREN.lorgues, group.id);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'purchasingGroupId' });
    expect(result.errors?.[0]?.message).toMatch(/seul le coordonnateur/i);
    expect(await hub.orm.em.fork().count(Notice, {})).toBe(notices);
    expect(await hub.orm.em.fork().count(AuditEntry, {})).toBe(audit);
  });

  it('refuses to publish a group’s draft once its organisation is no longer the coordinator', async () => {
    const group = await createGroup();
    const draft = await draftFor(coordinatorBuyer, SIREN.agglomeration, group.id);
    const reference = draft.data!.createNotice.reference as string;
    const moved = await hub.gql(UPDATE_GROUP, { id: group.id, input: leasing({ coordinatorSiren: SIREN.draguignan, memberSirens: [SIREN.agglomeration] }) }, admin);
    expect(moved.errors).toBeUndefined();
    const result = await hub.gql(PUBLISH, { r: reference }, coordinatorBuyer);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stored = await hub.orm.em.fork().findOneOrFail(Notice, { reference });
    expect(stored.status).toBe('DRAFT');
  });
});
