/**
 * When to try a failed delivery again. Pure: the caller passes the time and the randomness.
 *
 * The delay after the n-th failed attempt of a round is RETRY_DELAYS_MS[n - 1], lengthened by up to 20 % of jitter
 * so that many deliveries failing together (a receiver that went down) do not all come back in the same second. The
 * jitter only ever adds, so the schedule always spans more than a day: eleven attempts, the last one about 25 h 45 min
 * after the first (up to about 31 h with the largest jitter). A round starts when the delivery is created, or when an
 * admin redelivers it.
 */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  10 * HOUR,
];

/** Attempts in one round: the first one and one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export const JITTER_RATIO = 0.2;

/**
 * A delivery that waited behind older ones of its endpoint (they are sent in order) may become due long after it
 * was created: past this age, its first failed attempt is its last, so a long outage does not chain a fresh day of
 * retries per queued event.
 */
export const GIVE_UP_AFTER_MS = 26 * HOUR;

/** A receiver asking us to wait longer than this is not believed beyond it. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

export interface RetryInput {
  /** Failed attempts in this round, counting the one that just failed (1 after the first failure). */
  failedAttempts: number;
  roundStartedAt: Date;
  now: Date;
  /** The receiver's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs: number | null;
  /** A number in [0, 1), as Math.random gives. */
  random: () => number;
}

export type RetryDecision = { retry: true; at: Date; delayMs: number } | { retry: false; reason: string };

export function nextRetry(input: RetryInput): RetryDecision {
  const { failedAttempts, roundStartedAt, now, retryAfterMs, random } = input;
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  if (failedAttempts >= MAX_ATTEMPTS) {
    return { retry: false, reason: `gave up after ${failedAttempts} failed attempts` };
  }
  if (now.getTime() - roundStartedAt.getTime() >= GIVE_UP_AFTER_MS) {
    return { retry: false, reason: `gave up: still failing ${Math.floor(GIVE_UP_AFTER_MS / HOUR)} h after the first try` };
  }
  const base = RETRY_DELAYS_MS[failedAttempts - 1]!;
  const jittered = Math.round(base * (1 + JITTER_RATIO * clampUnit(random())));
  const asked = retryAfterMs === null ? 0 : Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS);
  const delayMs = Math.max(jittered, asked);
  return { retry: true, at: new Date(now.getTime() + delayMs), delayMs };
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
