import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { CREATE_PLAN, PLAN, PUBLISH_PLAN, UPDATE_PLAN, WITHDRAW_PLAN, plannedPurchaseInput } from './planned-purchase.fixtures.js';

type Who = 'anonymous' | 'admin' | 'buyerDraguignan' | 'viewerDraguignan' | 'buyerLorgues';
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
const EMAILS: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin@agglo.test',
  buyerDraguignan: 'buyer@draguignan.test',
  viewerDraguignan: 'viewer@draguignan.test',
  buyerLorgues: 'buyer@lorgues.test',
};
const WHO: Who[] = ['anonymous', 'admin', 'buyerDraguignan', 'viewerDraguignan', 'buyerLorgues'];

/**
 * Who may do what to a planned purchase of Draguignan, written out by hand: every role × organisation pair for every
 * mutation, and for reading a draft. A draft of another organisation is NOT_FOUND, so its existence does not leak.
 */
const EXPECTED: Record<string, Record<Who, Outcome>> = {
  createForDraguignan: { anonymous: 'UNAUTHENTICATED', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'FORBIDDEN', buyerLorgues: 'FORBIDDEN' },
  updateDraft: { anonymous: 'UNAUTHENTICATED', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'FORBIDDEN', buyerLorgues: 'NOT_FOUND' },
  publishDraft: { anonymous: 'UNAUTHENTICATED', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'FORBIDDEN', buyerLorgues: 'NOT_FOUND' },
  withdrawDraft: { anonymous: 'UNAUTHENTICATED', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'FORBIDDEN', buyerLorgues: 'NOT_FOUND' },
  updatePublished: { anonymous: 'UNAUTHENTICATED', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'FORBIDDEN', buyerLorgues: 'FORBIDDEN' },
  withdrawPublished: { anonymous: 'UNAUTHENTICATED', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'FORBIDDEN', buyerLorgues: 'FORBIDDEN' },
  readDraft: { anonymous: 'NOT_FOUND', admin: 'OK', buyerDraguignan: 'OK', viewerDraguignan: 'OK', buyerLorgues: 'NOT_FOUND' },
};

describe('who may do what to a planned purchase', () => {
  let hub: TestHub;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    for (const who of WHO) if (who !== 'anonymous') tokens[who] = await hub.login(EMAILS[who]);
  });
  afterAll(() => hub?.close());

  const draguignanDraft = async () =>
    (await hub.gql(CREATE_PLAN, { input: plannedPurchaseInput() }, tokens.buyerDraguignan)).data!.createPlannedPurchase.reference as string;
  const draguignanPublished = async () => {
    const reference = await draguignanDraft();
    await hub.gql(PUBLISH_PLAN, { reference }, tokens.buyerDraguignan);
    return reference;
  };

  const ACTIONS: Record<string, (token: string | undefined) => Promise<{ data?: any; errors?: any[] }>> = {
    createForDraguignan: (token) => hub.gql(CREATE_PLAN, { input: plannedPurchaseInput({ organisationSiren: SIREN.draguignan }) }, token),
    updateDraft: async (token) => hub.gql(UPDATE_PLAN, { reference: await draguignanDraft(), input: { subject: 'Nouvel objet' } }, token),
    publishDraft: async (token) => hub.gql(PUBLISH_PLAN, { reference: await draguignanDraft() }, token),
    withdrawDraft: async (token) => hub.gql(WITHDRAW_PLAN, { reference: await draguignanDraft(), reason: 'Abandonné' }, token),
    updatePublished: async (token) => hub.gql(UPDATE_PLAN, { reference: await draguignanPublished(), input: { launchQuarter: 4 } }, token),
    withdrawPublished: async (token) => hub.gql(WITHDRAW_PLAN, { reference: await draguignanPublished(), reason: 'Abandonné' }, token),
    readDraft: async (token) => {
      const result = await hub.gql(PLAN, { reference: await draguignanDraft() }, token);
      return result.data?.plannedPurchase === null ? { errors: [{ extensions: { code: 'NOT_FOUND' } }] } : result;
    },
  };

  const cases = Object.entries(EXPECTED).flatMap(([action, outcomes]) => WHO.map((who) => [action, who, outcomes[who]] as const));

  it('covers every action × caller pair (7 × 5)', () => {
    expect(cases).toHaveLength(35);
  });

  it.each(cases)('%s by %s: %s', async (action, who, expected) => {
    const result = await ACTIONS[action]!(tokens[who]);
    if (expected === 'OK') {
      expect(result.errors).toBeUndefined();
    } else {
      expect(result.errors?.[0]?.extensions?.code).toBe(expected);
    }
  });
});
