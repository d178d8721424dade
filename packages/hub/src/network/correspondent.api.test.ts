import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { Correspondent } from './correspondent.entity.js';

const SET = 'mutation($id: ID!, $slugs: [String!]!) { setCorrespondentFamilies(staffMemberId: $id, familySlugs: $slugs) { slug } }';
const BY_FAMILY = 'query($slug: String!) { familyCorrespondents(familySlug: $slug) { organisation { siren } correspondents { name email } } }';
const BY_ORGANISATION = 'query($siren: String!) { organisationCorrespondents(siren: $siren) { family { slug } correspondents { name } } }';

describe('the network of family correspondents', () => {
  let hub: TestHub;
  let admin: string;
  let draguignan: string;
  let viewer: string;
  let lorgues: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    [admin, draguignan, viewer, lorgues] = await Promise.all([
      hub.login('admin@agglo.test'),
      hub.login('buyer@draguignan.test'),
      hub.login('viewer@draguignan.test'),
      hub.login('buyer@lorgues.test'),
    ]);
    for (const [name, token] of Object.entries({ admin, draguignan, viewer, lorgues })) {
      ids[name] = (await hub.gql('{ me { id } }', {}, token)).data!.me.id;
    }
  });
  afterAll(() => hub?.close());

  const slugs = (result: { data?: Record<string, any> | null }) =>
    (result.data!.setCorrespondentFamilies as Array<{ slug: string }>).map((family) => family.slug);

  it('a buyer names a colleague correspondent of several families, returned in the families’ order', async () => {
    const result = await hub.gql(SET, { id: ids.viewer, slugs: ['espaces-verts', 'batiments'] }, draguignan);
    expect(result.errors).toBeUndefined();
    expect(slugs(result)).toEqual(['batiments', 'espaces-verts']);
  });

  it('a buyer of another organisation cannot name them, a viewer cannot name anyone, and nothing changes', async () => {
    const before = { namings: await hub.orm.em.fork().count(Correspondent, {}), audit: await hub.orm.em.fork().count(AuditEntry, {}) };
    const other = await hub.gql(SET, { id: ids.viewer, slugs: ['informatique'] }, lorgues);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asViewer = await hub.gql(SET, { id: ids.viewer, slugs: ['informatique'] }, viewer);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await hub.gql(SET, { id: ids.viewer, slugs: ['batiments', 'astronautique'] }, draguignan);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'familySlugs[1]' });
    expect({ namings: await hub.orm.em.fork().count(Correspondent, {}), audit: await hub.orm.em.fork().count(AuditEntry, {}) }).toEqual(before);
  });

  it('for one family, lists who to ask in each organisation, the agglomeration first', async () => {
    expect((await hub.gql(SET, { id: ids.lorgues, slugs: ['batiments'] }, admin)).errors).toBeUndefined();
    expect((await hub.gql(SET, { id: ids.admin, slugs: ['batiments', 'informatique'] }, admin)).errors).toBeUndefined();
    const result = await hub.gql(BY_FAMILY, { slug: 'batiments' }, lorgues);
    expect(result.errors).toBeUndefined();
    expect(result.data!.familyCorrespondents).toEqual([
      { organisation: { siren: SIREN.agglomeration }, correspondents: [{ name: 'Admin Agglo', email: 'admin@agglo.test' }] },
      { organisation: { siren: SIREN.draguignan }, correspondents: [{ name: 'Viewer Draguignan', email: 'viewer@draguignan.test' }] },
      { organisation: { siren: SIREN.lorgues }, correspondents: [{ name: 'Buyer Lorgues', email: 'buyer@lorgues.test' }] },
    ]);
  });

  it('for one organisation, lists its correspondents per family', async () => {
    const result = await hub.gql(BY_ORGANISATION, { siren: SIREN.draguignan }, viewer);
    expect(result.data!.organisationCorrespondents).toEqual([
      { family: { slug: 'batiments' }, correspondents: [{ name: 'Viewer Draguignan' }] },
      { family: { slug: 'espaces-verts' }, correspondents: [{ name: 'Viewer Draguignan' }] },
    ]);
  });

  it('replaces the families of a correspondent, and an empty list removes them all', async () => {
    expect(slugs(await hub.gql(SET, { id: ids.viewer, slugs: ['espaces-verts'] }, draguignan))).toEqual(['espaces-verts']);
    const family = await hub.gql(BY_FAMILY, { slug: 'batiments' }, draguignan);
    expect(family.data!.familyCorrespondents.map((entry: { organisation: { siren: string } }) => entry.organisation.siren)).toEqual([
      SIREN.agglomeration,
      SIREN.lorgues,
    ]);
    expect(slugs(await hub.gql(SET, { id: ids.viewer, slugs: [] }, draguignan))).toEqual([]);
    expect((await hub.gql(BY_ORGANISATION, { siren: SIREN.draguignan }, viewer)).data!.organisationCorrespondents).toEqual([]);
  });

  it('is for staff only', async () => {
    for (const [query, variables] of [
      [BY_FAMILY, { slug: 'batiments' }],
      [BY_ORGANISATION, { siren: SIREN.lorgues }],
      [SET, { id: ids.viewer, slugs: [] }],
    ] as const) {
      expect((await hub.gql(query, variables)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
