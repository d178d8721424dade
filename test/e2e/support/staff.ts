import { graphql } from '../../site/support/hub-process.js';

// What staff do, through the hub's GraphQL API as any client would, with the accounts of `seed --demo`.

export const DEMO_PASSWORD = 'demo-dracenie-2026';
/** A buyer of the commune of Draguignan (SIREN of the commune: the notices are hers). */
export const BUYER_EMAIL = 'acheteur@demo.draguignan.example';
export const ADMIN_EMAIL = 'commande.publique.admin@demo.dracenie.example';

const DAY = 86_400_000;
const CPV = '45210000-2'; // Travaux de construction de bâtiments

export async function login(graphqlUrl: string, email: string): Promise<string> {
  const { login } = await graphql<{ login: { token: string } }>(
    graphqlUrl,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password: DEMO_PASSWORD },
  );
  return login.token;
}

/**
 * Whoever publishes must have signed the current ethics charter (CHARTER_POLICY); the demo's staff have, and this
 * signs it for an account that has not, so the tests do not depend on which accounts the demo signs for.
 */
export async function signCharterIfNeeded(graphqlUrl: string, token: string): Promise<void> {
  const state = await graphql<{ ethicsCharter: { version: number } | null; myCharterSignature: { version: number } | null }>(
    graphqlUrl,
    '{ ethicsCharter { version } myCharterSignature { version } }',
    {},
    token,
  );
  if (!state.ethicsCharter || state.myCharterSignature?.version === state.ethicsCharter.version) return;
  await graphql(graphqlUrl, 'mutation($v: Int!) { signCharter(version: $v) { version } }', { v: state.ethicsCharter.version }, token);
}

export interface DraftOptions {
  title: string;
  procedure?: 'ADAPTED' | 'OPEN' | 'NEGOTIATED_WITHOUT_PUBLICATION';
  submissionDeadline?: Date;
}

/** A complete draft of the signed-in buyer's commune; publishing it is one more call. Resolves with its reference. */
export async function createDraft(graphqlUrl: string, token: string, options: DraftOptions): Promise<string> {
  const { createNotice } = await graphql<{ createNotice: { reference: string } }>(
    graphqlUrl,
    'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }',
    {
      input: {
        title: options.title,
        description: `${options.title} : description pour les essais de bout en bout.`,
        nature: 'WORKS',
        procedure: options.procedure ?? 'OPEN',
        mainCpv: CPV,
        // Well past the legal minimum of any procedure (35 days for an open call for tenders).
        submissionDeadline: (options.submissionDeadline ?? new Date(Date.now() + 60 * DAY)).toISOString(),
        buyerProfileUrl: 'https://marches.example/dracenie/consultation/e2e',
        contactEmail: 'marches@demo.mairie-83050.example',
        lots: [{ title: 'Lot unique', cpv: CPV }],
      },
    },
    token,
  );
  return createNotice.reference;
}

export async function noticeStatus(graphqlUrl: string, reference: string): Promise<string | null> {
  const { notice } = await graphql<{ notice: { status: string } | null }>(
    graphqlUrl,
    'query($reference: String!) { notice(reference: $reference) { status } }',
    { reference },
  );
  return notice?.status ?? null;
}

export interface Delivery {
  id: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  eventType: string;
  eventOccurredAt: string;
  attemptCount: number;
  attempts: { at: string; httpStatus: number | null; error: string | null }[];
}

/** The hub's most recent webhook deliveries, newest first (admins only). */
export async function recentDeliveries(graphqlUrl: string, adminToken: string, first = 50): Promise<Delivery[]> {
  const { webhookDeliveries } = await graphql<{ webhookDeliveries: { edges: { node: Delivery }[] } }>(
    graphqlUrl,
    `query($first: Int!) { webhookDeliveries(first: $first) { edges { node {
      id status eventType eventOccurredAt attemptCount attempts { at httpStatus error } } } } }`,
    { first },
    adminToken,
  );
  return webhookDeliveries.edges.map((edge) => edge.node);
}
