import { isIP } from 'node:net';

export const MAX_URL_LENGTH = 2000;

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * A receiver's address: http or https only, no credentials (they would show in every listing). In production the
 * signed payload still travels in clear over http, so only https is accepted there, except on the machine itself.
 */
export function checkEndpointUrl(input: string, env: 'development' | 'production' | 'test'): UrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: 'L’adresse est obligatoire.' };
  if (text.length > MAX_URL_LENGTH) return { ok: false, message: `L’adresse dépasse ${MAX_URL_LENGTH} caractères.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Ce n’est pas une adresse web absolue valide.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'L’adresse doit commencer par https:// (ou http://).' };
  }
  if (url.username || url.password) return { ok: false, message: 'L’adresse ne doit contenir ni nom d’utilisateur ni mot de passe.' };
  if (env === 'production' && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return { ok: false, message: 'En production, l’adresse doit être en https:// (http:// seulement sur cette machine).' };
  }
  return { ok: true, url: url.toString() };
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host) || /^::ffff:7f[0-9a-f]{2}:/.test(host);
  return false;
}
