import { createHash } from 'node:crypto';

/**
 * An address as compared and stored: trimmed, and lower-cased. RFC 5321 lets the local part be case-sensitive, but
 * no public mail service treats it so, and a subscriber typing `Jean@…` once and `jean@…` later means one person.
 */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** A stable key of an address (SHA-256 of the normalised form): lets rows refer to an address without holding it. */
export function addressKey(address: string): string {
  return createHash('sha256').update(normaliseAddress(address)).digest('hex');
}

const ADDRESS_IN_TEXT = /[^\s<>()"',;:[\]]+@[^\s<>()"',;:[\]]+/g;

/** Replaces every address in a text (an SMTP reply, an error) so it can be stored or logged. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS_IN_TEXT, '<adresse>');
}

/**
 * A syntactically plausible address for a form: one @, a dotted domain, no spaces or brackets, at most 254
 * characters (RFC 5321's path limit less the brackets). Whether it exists is what the confirmation mail finds out.
 */
export function isPlausibleAddress(address: string): boolean {
  const value = address.trim();
  if (value.length > 254) return false;
  return /^[^\s@<>()[\]",;:\\]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value);
}
