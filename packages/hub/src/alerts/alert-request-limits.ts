import type { EntityManager } from '@mikro-orm/sqlite';
import { counterKey, forgetQuietCounters, reserveAttempt } from '../auth/request-counters.js';
import type { DelayPolicy } from '../auth/sign-in-delay.js';
import { clientKeyOf } from '../auth/sign-in-throttle.js';

/** At most one confirmation (or "data held") mail to an address in this window, whatever is asked meanwhile. */
export const REQUEST_WINDOW_MS = 15 * 60_000;

/**
 * Per client address, on the public alert forms (subscribe, "what do you hold about me"): ten requests at once, then
 * each waits twice as long as the one before, from a minute up to an hour.
 */
export const ALERT_CLIENT_POLICY: DelayPolicy = { freeAttempts: 10, firstDelayMs: 60_000, maxDelayMs: 3_600_000 };

/** Per e-mail address: one mail, then nothing for REQUEST_WINDOW_MS. */
export const ALERT_ADDRESS_POLICY: DelayPolicy = { freeAttempts: 1, firstDelayMs: REQUEST_WINDOW_MS, maxDelayMs: REQUEST_WINDOW_MS };

/**
 * The limits of the public alert forms, counted in the database with the sign-in counters (`auth/request-counters.ts`)
 * so that several hub processes on one database share them: a client spreading its requests over the hubs, or an
 * address asked for on several at once, gets no more than from one.
 */

/** Counts a request from a client address; the milliseconds to wait when over the limit, else 0. */
export async function takeClientRequest(em: EntityManager, clientAddress: string, now: Date): Promise<number> {
  const reservation = await reserveAttempt(em, counterKey('alert-client', clientKeyOf(clientAddress)), ALERT_CLIENT_POLICY, now.getTime());
  return 'waitMs' in reservation ? Math.max(1, reservation.waitMs) : 0;
}

/**
 * Reserves the one mail an address may be sent in the window (by its key, `mail/mail-address.ts`); false when it was
 * already sent one. In the caller's transaction, which queues the mail: two requests for one address, on one hub or
 * two, cannot both get true.
 */
export async function takeAddressMail(em: EntityManager, emailKey: string, now: Date): Promise<boolean> {
  const at = now.getTime();
  const reservation = await reserveAttempt(em, counterKey('alert-address', emailKey), ALERT_ADDRESS_POLICY, at);
  if ('waitMs' in reservation) return false;
  await forgetQuietCounters(em, at);
  return true;
}
