import { createHash } from 'node:crypto';
import { foldText } from '../shared/text.js';

/**
 * `Organisation.siren` is required and unique, but an imported notice may name a buyer without SIREN (a foreign
 * authority, an old BOAMP notice). Such a buyer gets a placeholder that can never be a SIREN (it starts with `~`),
 * derived from its name and country so that importing again finds the same organisation.
 */
const PREFIX = '~';

export function placeholderSiren(name: string, country: string | null): string {
  const digest = createHash('sha256').update(`${country ?? ''}|${foldText(name)}`).digest('hex');
  return `${PREFIX}${digest.slice(0, 8)}`;
}

export function isPlaceholderSiren(siren: string): boolean {
  return siren.startsWith(PREFIX);
}

/** The SIREN to show: null for a placeholder. */
export function publicSiren(siren: string): string | null {
  return isPlaceholderSiren(siren) ? null : siren;
}
