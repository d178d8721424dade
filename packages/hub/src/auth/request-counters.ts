import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sqlite';
import { delayAfterAttempt, firstAttemptAtCeiling, FORGET_AFTER_MS, type DelayPolicy } from './sign-in-delay.js';

/**
 * Counters of requests kept in the database (table `sign_in_throttle`), so that every hub process on one database
 * counts together: the sign-in limits (`sign-in-throttle.ts`) and the public alert forms' limits
 * (`alerts/alert-request-limits.ts`) take their attempts here. A counter follows a `DelayPolicy` (sign-in-delay.ts):
 * its first attempts are free, then each waits twice as long as the last, up to a ceiling; quiet for a day, it starts
 * again from zero.
 */

/** A known address (a sign-in pair that succeeded) stays known this long after its last successful sign-in. */
export const KNOWN_FOR_MS = 180 * 24 * 3600_000;

/**
 * How far a request's instant may lag behind the last one counted without being taken for a clock set back: requests
 * arriving together on several hubs (or connections) read the time a few milliseconds apart, and the later-stamped
 * one may be counted first. Without it, a counter at its ceiling let the earlier-stamped one through as "clock back".
 */
export const CLOCK_SLACK_MS = 60_000;

export type Reservation = { knownAt: number | null } | { waitMs: number };

/** A counter's key: a SHA-256 of its scope and parts, so the table never shows an e-mail or an address in clear. */
export function counterKey(scope: string, ...parts: string[]): string {
  return createHash('sha256').update([scope, ...parts].join('\u0000')).digest('hex');
}

/**
 * Takes the next attempt of one counter when its wait has passed, in one statement: the row is created at the first
 * attempt, else incremented (from zero again after a quiet day) with its next allowed instant moved on; when the wait
 * has not passed nothing changes and the wait is returned. Parallel requests, in one process or several, each get
 * their own number: the statement decides and counts at once (on PostgreSQL the second waits for the first's row).
 * A clock set back (an NTP correction, or several hubs whose clocks differ) must not make anyone wait: a counter whose
 * last attempt imposed no wait is free whatever the time, and a wait ending further away than the policy's ceiling (by
 * more than CLOCK_SLACK_MS) can only come from a clock that went back, so it is over.
 */
export async function reserveAttempt(em: EntityManager, key: string, policy: DelayPolicy, at: number): Promise<Reservation> {
  const attempt = `(case when sign_in_throttle.last_attempt_at <= excluded.last_attempt_at - ${FORGET_AFTER_MS} then 0 else sign_in_throttle.attempts end + 1)`;
  const ceiling = firstAttemptAtCeiling(policy);
  const delays = Array.from({ length: ceiling - 1 }, (_, index) => `when ${index + 1} then ${delayAfterAttempt(policy, index + 1)}`).join(' ');
  // A policy whose first attempt already waits the ceiling (one request per window) has no step to list.
  const delay = delays ? `(case ${attempt} ${delays} else ${policy.maxDelayMs} end)` : `${policy.maxDelayMs}`;
  const rows = await runCounterSql<{ known_at: number | string | null }>(
    em,
    `insert into sign_in_throttle (counter_key, attempts, last_attempt_at, next_allowed_at, known_at) values (?, 1, ?, ?, null)
     on conflict (counter_key) do update set
       attempts = ${attempt},
       last_attempt_at = excluded.last_attempt_at,
       next_allowed_at = excluded.last_attempt_at + ${delay}
     where sign_in_throttle.next_allowed_at <= excluded.last_attempt_at
        or sign_in_throttle.next_allowed_at <= sign_in_throttle.last_attempt_at
        or sign_in_throttle.next_allowed_at > excluded.last_attempt_at + ${policy.maxDelayMs + CLOCK_SLACK_MS}
     returning known_at`,
    [key, at, at + delayAfterAttempt(policy, 1)],
  );
  const [row] = rows;
  if (row) return { knownAt: row.known_at === null ? null : Number(row.known_at) };
  const [waiting] = await runCounterSql<{ next_allowed_at: number | string }>(em, 'select next_allowed_at from sign_in_throttle where counter_key = ?', [key]);
  return { waitMs: waiting ? Math.max(0, Number(waiting.next_allowed_at) - at) : 0 };
}

/** Forgets the counters quiet for a day, except those that remember a known address (KNOWN_FOR_MS). */
export async function forgetQuietCounters(em: EntityManager, at: number): Promise<void> {
  await runCounterSql(em, 'delete from sign_in_throttle where last_attempt_at < ? and (known_at is null or known_at < ?)', [at - FORGET_AFTER_MS, at - KNOWN_FOR_MS]);
}

/** One statement on the counters, in the caller's transaction when there is one. */
export async function runCounterSql<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}
