/**
 * When to try a mail again after a failure that may pass (a 4xx reply, the relay unreachable). Pure.
 * Greylisting servers ask the sender to come back after a few minutes, so the first retries are close; the last is
 * about 22 hours after the first attempt, after which the mail is given up (FAILED).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const MAIL_RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 1 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR];

export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

/** Hard bounces in a row after which an address is marked failed and gets no more mail. */
export const HARD_BOUNCES_BEFORE_FAILED = 3;

/** The next attempt after `failedAttempts` failures (counting the one that just happened), or null to give up. */
export function nextMailAttempt(failedAttempts: number, now: Date): Date | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  if (failedAttempts >= MAIL_MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + MAIL_RETRY_DELAYS_MS[failedAttempts - 1]!);
}
