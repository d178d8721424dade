import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters): the secret of a confirmation or manage link. */
export function newAlertToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: what is stored of a confirmation token. */
export function hashAlertToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token as it may come back in a link: 43 base64url characters, nothing else looked up. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
