import { isIPv6 } from 'node:net';
import type { EntityManager } from '@mikro-orm/sqlite';
import { AppError } from '../shared/errors.js';
import { counterKey, forgetQuietCounters, KNOWN_FOR_MS, reserveAttempt, runCounterSql } from './request-counters.js';
import { ADDRESS_POLICY, EMAIL_POLICY, PAIR_POLICY, retryAfterSeconds } from './sign-in-delay.js';

/** An attempt that may be checked: what to reset when its password is right. */
export interface SignInAttempt {
  pairKey: string;
  emailKey: string;
  addressKey: string;
  /** Whether this address signed in to this e-mail before: the counters of unknown addresses were left alone. */
  knownAddress: boolean;
}

/**
 * Reserves one sign-in attempt before the password is checked, counting and deciding in one statement per counter,
 * so parallel requests for one e-mail each get their own number and only the allowed ones reach the check. The pair
 * (e-mail, address) counter always applies; the e-mail's and the address's counters only when this address never
 * signed in to this e-mail, so nobody can make the owner of an account wait at an address they use.
 * Refused: RATE_LIMITED with the seconds to wait, and the password is not checked.
 */
export async function reserveSignInAttempt(em: EntityManager, email: string, address: string, now: Date): Promise<SignInAttempt> {
  const at = now.getTime();
  const client = clientKeyOf(address);
  const pairKey = counterKey('pair', email, client);
  const emailKey = counterKey('email', email, '');
  const addressKey = counterKey('address', '', client);
  const pair = await reserveAttempt(em, pairKey, PAIR_POLICY, at);
  if ('waitMs' in pair) throw rateLimited(pair.waitMs);
  const knownAddress = pair.knownAt !== null && pair.knownAt > at - KNOWN_FOR_MS;
  if (!knownAddress) {
    const byEmail = await reserveAttempt(em, emailKey, EMAIL_POLICY, at);
    if ('waitMs' in byEmail) throw rateLimited(byEmail.waitMs);
    const byAddress = await reserveAttempt(em, addressKey, ADDRESS_POLICY, at);
    if ('waitMs' in byAddress) throw rateLimited(byAddress.waitMs);
  }
  return { pairKey, emailKey, addressKey, knownAddress };
}

/** The right password: the pair starts again from zero and its address is known from now on. */
export async function recordSignInSuccess(em: EntityManager, attempt: SignInAttempt, now: Date): Promise<void> {
  const at = now.getTime();
  await runCounterSql(em, 'update sign_in_throttle set attempts = 0, next_allowed_at = ?, known_at = ? where counter_key = ?', [at, at, attempt.pairKey]);
  // Only a success that went through the e-mail's counter resets it: an attack from unknown addresses goes on
  // waiting while the account's owner signs in from a known one. The address's counter is left as it is: one right
  // password among many tried accounts says nothing of the others.
  if (!attempt.knownAddress) {
    await runCounterSql(em, 'update sign_in_throttle set attempts = 0, next_allowed_at = ? where counter_key = ?', [at, attempt.emailKey]);
  }
}

/** A wrong password is already counted by its reservation; this only forgets the counters quiet for long. */
export async function recordSignInFailure(em: EntityManager, now: Date): Promise<void> {
  const at = now.getTime();
  await forgetQuietCounters(em, at);
}

function rateLimited(waitMs: number): AppError {
  const seconds = retryAfterSeconds(waitMs);
  return new AppError('RATE_LIMITED', `Trop d’essais de connexion infructueux : réessayez dans ${seconds} s.`, { retryAfter: seconds });
}

/**
 * The part of a client address that tells clients apart: an IPv4 address as it is (also when written as IPv6,
 * `::ffff:192.0.2.1`), an IPv6 address by its /64, the smallest network a subscriber is given, so one attacker does
 * not get a fresh counter per address of the same network.
 */
export function clientKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return address;
  const [head = '', tail = ''] = bare.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = bare.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = bare.includes('::') ? [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
