import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The stable codes a client may branch on. Anything else is an internal error, masked. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'CONFLICT',
  'RATE_LIMITED',
  'CHARTER_NOT_SIGNED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes produced by GraphQL itself or Apollo for malformed requests: safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
]);

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * What is wrong with one input field, as `extensions.fields` lists it: `MISSING` when the field is absent or empty,
 * `INVALID` when its value is malformed or refused by a rule, `IMPLAUSIBLE` when a date or amount is well-formed but
 * outside the plausible range (notices/plausibility.ts), `FORBIDDEN_CHARACTER` when a text holds a character the hub
 * refuses (shared/text-input.ts).
 */
export type FieldProblemCode = 'MISSING' | 'INVALID' | 'IMPLAUSIBLE' | 'FORBIDDEN_CHARACTER';
export interface FieldProblem {
  field: string;
  code: FieldProblemCode;
  message: string;
}

export const badInput = (field: string, message: string, code: FieldProblemCode = 'INVALID') =>
  badInputs([{ field, code, message }]);

/**
 * Every refused field of one request at once: `extensions.fields` lists them, `extensions.field` names the first
 * (what clients read before several were listed), the message is the first one's when alone, else a summary.
 */
export function badInputs(problems: readonly FieldProblem[]): AppError {
  const [first] = problems;
  if (!first) throw new Error('badInputs needs at least one problem');
  const message =
    problems.length === 1 ? first.message : `${problems.length} champs sont à corriger : ${problems.map((p) => p.message).join(' ; ')}`;
  return new AppError('BAD_USER_INPUT', message, { field: first.field, fields: [...problems] });
}

/**
 * Collects the refused fields of one input, so a mutation reports every one of them instead of the first only:
 * `check(() => validate.x(...))` returns the value, or undefined after recording the field's BAD_USER_INPUT.
 */
export class InputProblems {
  private readonly problems: FieldProblem[] = [];

  check<T>(rule: () => T): T | undefined {
    try {
      return rule();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') throw error;
      this.problems.push(...((error.details.fields as FieldProblem[] | undefined) ?? []));
      return undefined;
    }
  }

  /** The same for a rule that reads the database (an unknown family, a group, a planned purchase). */
  async checkAsync<T>(rule: () => Promise<T>): Promise<T | undefined> {
    try {
      return await rule();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') throw error;
      this.problems.push(...((error.details.fields as FieldProblem[] | undefined) ?? []));
      return undefined;
    }
  }

  add(field: string, message: string, code: FieldProblemCode = 'INVALID'): void {
    this.problems.push({ field, code, message });
  }

  get count(): number {
    return this.problems.length;
  }

  /** Whether a field (or one inside it: `lots` covers `lots[0].cpv`) was refused, so later rules can skip it. */
  has(field: string): boolean {
    return this.problems.some((problem) => problem.field === field || problem.field.startsWith(`${field}.`) || problem.field.startsWith(`${field}[`));
  }

  /** Throws BAD_USER_INPUT listing every recorded field; does nothing when there is none. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw badInputs(this.problems);
  }
}

/**
 * Messages are French (a staff member reads them in GraphiQL); the code stays the stable English one. `notFound`
 * takes what was looked for as a French noun phrase with its article: `notFound('La consultation 2026-DRA-0001')` says
 * « La consultation 2026-DRA-0001 est introuvable. »
 */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} est introuvable.`);
export const FORBIDDEN_MESSAGE = 'Votre rôle ne vous permet pas cette action.';
export const UNAUTHENTICATED_MESSAGE = 'Connectez-vous d’abord.';
export const forbidden = (message = FORBIDDEN_MESSAGE) => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = UNAUTHENTICATED_MESSAGE) => new AppError('UNAUTHENTICATED', message);
/** The message of an error the client cannot act on (it is logged). */
export const INTERNAL_MESSAGE = 'Erreur interne du serveur : elle est consignée pour l’exploitant.';

export type ErrorLogger = (error: unknown) => void;

/**
 * The one place where errors become what a client sees: our own errors keep their code and details, GraphQL's
 * request errors pass, everything else is masked and logged.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: ErrorLogger): GraphQLFormattedError {
  const original = fromDatabase(error instanceof GraphQLError ? (error.originalError ?? error) : error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...original.details },
    };
  }
  const rawCode = formatted.extensions?.code;
  // TypeGraphQL's @Authorized says UNAUTHORIZED (in English) when a signed-in actor lacks the role.
  if (rawCode === 'UNAUTHORIZED') {
    return { message: FORBIDDEN_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'FORBIDDEN' } };
  }
  const code = rawCode;
  if (typeof code === 'string' && (REQUEST_ERROR_CODES.has(code) || (ERROR_CODES as readonly string[]).includes(code))) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  // Argument coercion errors (bad enum, wrong scalar) come from graphql-js without an original error.
  if (error instanceof GraphQLError && !error.originalError && !error.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  log(original);
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Two writers raced for the same record: the loser is told to reload and retry, not that the server broke. */
function fromDatabase(error: unknown): unknown {
  if (error instanceof OptimisticLockError) {
    return new AppError('CONFLICT', 'L’enregistrement a changé entre-temps : rechargez-le et recommencez.');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return new AppError('CONFLICT', 'Un enregistrement porte déjà le même identifiant.');
  }
  return error;
}
