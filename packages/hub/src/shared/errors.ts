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

export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', message);

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
  // TypeGraphQL's @Authorized says UNAUTHORIZED when a signed-in actor lacks the role.
  const code = rawCode === 'UNAUTHORIZED' ? 'FORBIDDEN' : rawCode;
  if (typeof code === 'string' && (REQUEST_ERROR_CODES.has(code) || (ERROR_CODES as readonly string[]).includes(code))) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  // Argument coercion errors (bad enum, wrong scalar) come from graphql-js without an original error.
  if (error instanceof GraphQLError && !error.originalError && !error.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  log(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Two writers raced for the same record: the loser is told to reload and retry, not that the server broke. */
function fromDatabase(error: unknown): unknown {
  if (error instanceof OptimisticLockError) {
    return new AppError('CONFLICT', 'The record changed meanwhile; reload it and try again');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return new AppError('CONFLICT', 'A record with the same identifier already exists');
  }
  return error;
}
