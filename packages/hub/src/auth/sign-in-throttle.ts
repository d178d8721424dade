import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { EntityManager } from '@mikro-orm/sqlite';
import { AppError } from '../shared/errors.js';
import { ADDRESS_POLICY, delayAfterAttempt, EMAIL_POLICY, firstAttemptAtCeiling, FORGET_AFTER_MS, PAIR_POLICY, retryAfterSeconds, type DelayPolicy } from './sign-in-delay.js';

/** A known address stays known this long after its last successful sign-in. */
const KNOWN_FOR_MS = 180 * 24 * 3600_000;

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
  const pair = await reserve(em, pairKey, PAIR_POLICY, at);
  if ('waitMs' in pair) throw rateLimited(pair.waitMs);
  const knownAddress = pair.knownAt !== null && pair.knownAt > at - KNOWN_FOR_MS;
  if (!knownAddress) {
    const byEmail = await reserve(em, emailKey, EMAIL_POLICY, at);
    if ('waitMs' in byEmail) throw rateLimited(byEmail.waitMs);
    const byAddress = await reserve(em, addressKey, ADDRESS_POLICY, at);
    if ('waitMs' in byAddress) throw rateLimited(byAddress.waitMs);
  }
  return { pairKey, emailKey, addressKey, knownAddress };
}

/** The right password: the pair starts again from zero and its address is known from now on. */
export async function recordSignInSuccess(em: EntityManager, attempt: SignInAttempt, now: Date): Promise<void> {
  const at = now.getTime();
  await run(em, 'update sign_in_throttle set attempts = 0, next_allowed_at = ?, known_at = ? where counter_key = ?', [at, at, attempt.pairKey]);
  // Only a success that went through the e-mail's counter resets it: an attack from unknown addresses goes on
  // waiting while the account's owner signs in from a known one. The address's counter is left as it is: one right
  // password among many tried accounts says nothing of the others.
  if (!attempt.knownAddress) {
    await run(em, 'update sign_in_throttle set attempts = 0, next_allowed_at = ? where counter_key = ?', [at, attempt.emailKey]);
  }
}

/** A wrong password is already counted by its reservation; this only forgets the counters quiet for long. */
export async function recordSignInFailure(em: EntityManager, now: Date): Promise<void> {
  const at = now.getTime();
  await run(em, 'delete from sign_in_throttle where last_attempt_at < ? and (known_at is null or known_at < ?)', [at - FORGET_AFTER_MS, at - KNOWN_FOR_MS]);
}

type Reservation = { knownAt: number | null } | { waitMs: number };

/**
 * Takes the next attempt of one counter when its wait has passed, in one statement: the row is created at the first
 * attempt, else incremented (from zero again after a quiet day) with its next allowed instant moved on; when the wait
 * has not passed nothing changes and nothing is returned.
 * A clock set back (an NTP correction, or several hubs whose clocks differ) must not make anyone wait: a counter whose
 * last attempt imposed no wait is free whatever the time, and a wait ending further away than the policy's ceiling can
 * only come from a clock that went back, so it is over.
 */
async function reserve(em: EntityManager, key: string, policy: DelayPolicy, at: number): Promise<Reservation> {
  const attempt = `(case when sign_in_throttle.last_attempt_at <= excluded.last_attempt_at - ${FORGET_AFTER_MS} then 0 else sign_in_throttle.attempts end + 1)`;
  const ceiling = firstAttemptAtCeiling(policy);
  const delays = Array.from({ length: ceiling - 1 }, (_, index) => `when ${index + 1} then ${delayAfterAttempt(policy, index + 1)}`).join(' ');
  const rows = await run<{ known_at: number | string | null }>(
    em,
    `insert into sign_in_throttle (counter_key, attempts, last_attempt_at, next_allowed_at, known_at) values (?, 1, ?, ?, null)
     on conflict (counter_key) do update set
       attempts = ${attempt},
       last_attempt_at = excluded.last_attempt_at,
       next_allowed_at = excluded.last_attempt_at + (case ${attempt} ${delays} else ${policy.maxDelayMs} end)
     where sign_in_throttle.next_allowed_at <= excluded.last_attempt_at
        or sign_in_throttle.next_allowed_at <= sign_in_throttle.last_attempt_at
        or sign_in_throttle.next_allowed_at > excluded.last_attempt_at + ${policy.maxDelayMs}
     returning known_at`,
    [key, at, at + delayAfterAttempt(policy, 1)],
  );
  const [row] = rows;
  if (row) return { knownAt: row.known_at === null ? null : Number(row.known_at) };
  const [waiting] = await run<{ next_allowed_at: number | string }>(em, 'select next_allowed_at from sign_in_throttle where counter_key = ?', [key]);
  return { waitMs: waiting ? Math.max(0, Number(waiting.next_allowed_at) - at) : 0 };
}

function rateLimited(waitMs: number): AppError {
  const seconds = retryAfterSeconds(waitMs);
  return new AppError('RATE_LIMITED', `Trop d’essais de connexion infructueux : réessayez dans ${seconds} s.`, { retryAfter: seconds });
}

/** The counters hold hashes: the table never shows an e-mail or an address in clear. */
function counterKey(scope: 'pair' | 'email' | 'address', email: string, client: string): string {
  return createHash('sha256').update(`${scope}\u0000${email}\u0000${client}`).digest('hex');
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

async function run<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}
