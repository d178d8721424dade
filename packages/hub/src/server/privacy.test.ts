import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionTypeRef } from 'graphql';
import { STAFF_ONLY } from '../shared/staff-only.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** Types that carry personal data or secrets: no public path may reach them. */
const PRIVATE_TYPES = new Set([
  'StaffMember',
  'Session',
  'AuditEntry',
  'AuthToken',
  // Webhook receivers, their deliveries and signing secrets are for admins only.
  'WebhookEndpoint',
  'WebhookEndpointWithSecret',
  'WebhookDelivery',
  'WebhookAttempt',
  // The correspondents' directory names people: staff only.
  'OrganisationCorrespondents',
  'FamilyCorrespondents',
  // Who enrolled, attended or signed: trainings and the ethics charter are public as counts only.
  'Enrollment',
  'TrainingRecord',
  'CharterSignature',
  'OrganisationCharterStatus',
  // Advice requests name who asked and who answered; even the anonymised knowledge base is for staff.
  'AdviceRequest',
  'AdviceRequestConnection',
  'AdviceMessage',
  'AdviceAttachment',
  'KnowledgeEntry',
  'KnowledgeEntryConnection',
]);
/** Field names that would be personal data or secrets wherever they appear. */
const PRIVATE_FIELD = /^(email|passwordHash|password|tokenHash|token|createdBy|author|actor|staff\w*|\w*secret|askedBy|asker\w*|expert\w*)$/i;
/** Public root fields that need credentials to answer and return only a token. */
const CREDENTIAL_FIELDS = new Set(['Mutation.login']);

function namedType(ref: IntrospectionTypeRef): string {
  return 'ofType' in ref && ref.ofType ? namedType(ref.ofType) : (ref as { name: string }).name;
}

describe('the public part of the schema', () => {
  let hub: TestHub;
  let schema: IntrospectionQuery['__schema'];

  beforeAll(async () => {
    hub = await startTestHub();
    const result = await hub.gql<IntrospectionQuery>(getIntrospectionQuery());
    schema = result.data!.__schema;
  });
  afterAll(() => hub?.close());

  it('has no path from a public field to personal data or secrets', () => {
    const types = new Map(schema.types.map((type) => [type.name, type]));
    const leaks: string[] = [];
    const seen = new Set<string>();
    const walk = (typeName: string, path: string) => {
      if (PRIVATE_TYPES.has(typeName)) leaks.push(`${path} → ${typeName}`);
      if (seen.has(typeName)) return;
      seen.add(typeName);
      const type = types.get(typeName);
      for (const field of type && 'fields' in type ? (type.fields ?? []) : []) {
        if (PRIVATE_FIELD.test(field.name)) leaks.push(`${path}.${field.name}`);
        walk(namedType(field.type), `${path}.${field.name}`);
      }
    };
    const roots = [schema.queryType?.name, schema.mutationType?.name].filter((name): name is string => Boolean(name));
    for (const root of roots) {
      const type = types.get(root);
      for (const field of type && 'fields' in type ? (type.fields ?? []) : []) {
        if (field.description?.startsWith(STAFF_ONLY) || CREDENTIAL_FIELDS.has(`${root}.${field.name}`)) continue;
        walk(namedType(field.type), `${root}.${field.name}`);
      }
    }
    expect(leaks).toEqual([]);
    // The walk really went somewhere: the public notice and its lots were visited.
    expect(seen).toContain('Notice');
    expect(seen).toContain('Award');
    for (const type of ['Training', 'TrainingSession', 'TrainingStatistics', 'EthicsCharter', 'CharterAdoption']) expect(seen).toContain(type);
    // The public advice figures were walked too, down to each stage and family.
    for (const type of ['AdviceStatistics', 'AdviceYearStatistics', 'AdviceStageStatistics', 'AdviceFamilyStatistics']) expect(seen).toContain(type);
  });

  it('lets admins reach the e-mail alerts only as counts: no type of the schema holds a subscriber’s address', () => {
    const types = new Map(schema.types.map((type) => [type.name, type]));
    const root = types.get(schema.queryType.name)!;
    const field = ('fields' in root ? (root.fields ?? []) : []).find((one) => one.name === 'alertSubscriptionCounts');
    expect(field?.description?.startsWith(STAFF_ONLY)).toBe(true);
    // Every value it leads to is a count or a kind of criterion: nothing a person typed can come out of it.
    const leaves: string[] = [];
    const walk = (typeName: string, path: string) => {
      const type = types.get(typeName);
      if (type?.kind === 'OBJECT') for (const child of type.fields) walk(namedType(child.type), `${path}.${child.name}`);
      else leaves.push(`${path}: ${typeName}`);
    };
    walk(namedType(field!.type), 'alertSubscriptionCounts');
    expect(leaves.length).toBeGreaterThan(4);
    for (const leaf of leaves) expect(leaf).toMatch(/: (Int|AlertCriterionKind)$/);
    // No other field, staff or public, gives a subscription: no type is named after one.
    expect(schema.types.map((type) => type.name).filter((name) => /subscription/i.test(name) && name !== 'AlertSubscriptionCounts')).toEqual([]);
  });

  it('says which fields are staff only, and every one of them refuses an anonymous client', async () => {
    const staffOnly = schema.types
      .filter((type) => type.name === 'Query' || type.name === 'Mutation')
      .flatMap((type) => ('fields' in type ? (type.fields ?? []) : []).filter((field) => field.description?.startsWith(STAFF_ONLY)).map((field) => `${type.name}.${field.name}`));
    expect(staffOnly).toEqual(expect.arrayContaining(['Query.me', 'Query.draftNotices', 'Mutation.createNotice', 'Mutation.publishNotice', 'Mutation.logout']));
    const advice = schema.types
      .filter((type) => type.name === 'Query' || type.name === 'Mutation')
      .flatMap((type) => ('fields' in type ? (type.fields ?? []) : []).filter((field) => /advice|knowledge/i.test(field.name)).map((field) => `${type.name}.${field.name}`));
    expect(advice.length).toBeGreaterThanOrEqual(10);
    // Only the aggregates, withheld where they would describe one or two people, are public.
    expect(advice.filter((field) => !staffOnly.includes(field))).toEqual(['Query.adviceStatistics']);
    for (const [operation, query] of [
      ['me', '{ me { email } }'],
      ['draftNotices', '{ draftNotices { totalCount } }'],
      ['logout', 'mutation { logout }'],
      ['publishNotice', 'mutation { publishNotice(reference: "2026-DRA-0001") { reference } }'],
      ['adviceRequests', '{ adviceRequests { totalCount } }'],
      ['knowledgeEntries', '{ knowledgeEntries { totalCount } }'],
      ['askAdvice', 'mutation { askAdvice(input: { stage: NEED, familySlug: "batiments", subject: "s", question: "q" }) { id } }'],
    ]) {
      const result = await hub.gql(query!);
      expect(result.errors?.[0]?.extensions?.code, operation).toBe('UNAUTHENTICATED');
    }
  });
});
