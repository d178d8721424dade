import { randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
/** Standard Webhooks: the key is 24 to 64 random bytes, base64, behind `whsec_`. */
const KEY_BYTES = 32;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const FORMAT = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** Why a secret given from outside (the CLI) is unusable, or null when it is fine. */
export function secretProblem(secret: string): string | null {
  if (!FORMAT.test(secret)) return 'Le secret doit être « whsec_ » suivi d’une clé en base64.';
  const bytes = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64').length;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES) {
    return `La clé du secret doit compter de ${MIN_KEY_BYTES} à ${MAX_KEY_BYTES} octets, et non ${bytes}.`;
  }
  return null;
}
