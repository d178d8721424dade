/**
 * The rules of the GraphiQL page's sign-in, kept free of the browser so they are tested in Node: which answer signs
 * the page in (a `login` mutation whose answer carries a token) or out (a `logout` that succeeded, or the hub refusing
 * the token it was sent), and how the token is kept in the browser's storage with its expiry. The page
 * (packages/hub/graphiql/session-fetch.ts) wraps its fetch with them, so a staff member who runs the sign-in tab has
 * every later request carry `Authorization: Bearer <token>`, across reloads, until the token expires or they sign out.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** Where the page keeps the token: the browser's localStorage, under the hub's own key. */
export const SESSION_STORAGE_KEY = 'territoire-achats:graphiql-session';

export interface GraphiqlSession {
  token: string;
  /** ISO instant from the hub (Session.expiresAt); null when the answer did not select it. */
  expiresAt: string | null;
}

/** The part of the Web Storage API the page uses (localStorage in the browser, a Map in tests). */
export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type SessionChange = { kind: 'signed-in'; session: GraphiqlSession } | { kind: 'signed-out' } | { kind: 'none' };

const NONE: SessionChange = { kind: 'none' };

/** The request GraphiQL posts: its document and the operation chosen in it. */
export interface GraphqlRequestBody {
  query?: unknown;
  operationName?: unknown;
}

/**
 * What an answer changes to the page's sign-in. `login` and `logout` count at the top of the executed mutation only,
 * under their alias when they have one; a later field of the same mutation wins over an earlier one.
 */
export function sessionChangeOf(request: GraphqlRequestBody, result: unknown): SessionChange {
  const operation = executedOperation(request);
  if (!operation || operation.operation !== 'mutation') return NONE;
  const data = isRecord(result) && isRecord(result.data) ? result.data : null;
  if (!data) return NONE;
  let change: SessionChange = NONE;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const value = data[selection.alias?.value ?? selection.name.value];
    if (selection.name.value === 'login' && isRecord(value) && typeof value.token === 'string' && value.token !== '') {
      change = { kind: 'signed-in', session: { token: value.token, expiresAt: typeof value.expiresAt === 'string' ? value.expiresAt : null } };
    } else if (selection.name.value === 'logout' && value === true) {
      change = { kind: 'signed-out' };
    }
  }
  return change;
}

function executedOperation(request: GraphqlRequestBody): OperationDefinitionNode | null {
  if (typeof request.query !== 'string') return null;
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(request.query).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return null;
  }
  const name = typeof request.operationName === 'string' && request.operationName !== '' ? request.operationName : null;
  if (name === null) return operations.length === 1 ? operations[0]! : null;
  return operations.find((operation) => operation.name?.value === name) ?? null;
}

/** The kept session, or null; one expired (by the browser's clock) or unreadable is removed on the way. */
export function readSession(storage: SessionStorage, now: Date): GraphiqlSession | null {
  const stored = storage.getItem(SESSION_STORAGE_KEY);
  if (stored === null) return null;
  const session = parseSession(stored);
  if (!session || (session.expiresAt !== null && Date.parse(session.expiresAt) <= now.getTime())) {
    storage.removeItem(SESSION_STORAGE_KEY);
    return null;
  }
  return session;
}

function parseSession(stored: string): GraphiqlSession | null {
  try {
    const value: unknown = JSON.parse(stored);
    if (!isRecord(value) || typeof value.token !== 'string' || value.token === '') return null;
    if (value.expiresAt !== null && (typeof value.expiresAt !== 'string' || Number.isNaN(Date.parse(value.expiresAt)))) return null;
    return { token: value.token, expiresAt: value.expiresAt };
  } catch {
    return null;
  }
}

export function keepSession(storage: SessionStorage, session: GraphiqlSession): void {
  storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
}

export function forgetSession(storage: SessionStorage): void {
  storage.removeItem(SESSION_STORAGE_KEY);
}

/** The token an Authorization header carries, or null (same shape as the hub reads: `Bearer <token>`). */
export function tokenOfHeader(authorization: string | null): string | null {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1] ?? null;
}

/**
 * Applies an answer to the kept session. `sentToken` is the token the request carried (kept or typed in the headers
 * editor), `refused` whether the hub refused it (HTTP 401): the kept token is then forgotten, as after a sign-out
 * with it. Returns whether the kept session changed.
 */
export function applyAnswer(
  storage: SessionStorage,
  answer: { request: GraphqlRequestBody; result: unknown; sentToken: string | null; refused: boolean },
  now: Date,
): boolean {
  const kept = readSession(storage, now);
  const sentKeptToken = kept !== null && answer.sentToken === kept.token;
  if (answer.refused) {
    if (!sentKeptToken) return false;
    forgetSession(storage);
    return true;
  }
  const change = sessionChangeOf(answer.request, answer.result);
  if (change.kind === 'signed-in') {
    keepSession(storage, change.session);
    return true;
  }
  if (change.kind === 'signed-out' && sentKeptToken) {
    forgetSession(storage);
    return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
