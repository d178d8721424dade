/**
 * How long a sign-in must wait after failed ones, as a pure rule. Three counters exist: one per e-mail and client
 * address pair, and, for the addresses that never signed in to that e-mail (a "known" address is one that signed in
 * to it successfully before), one per e-mail and one per address. The first attempts are free, then each one waits twice as long as the last, up to a
 * ceiling: an attacker gets about a hundred guesses a day per pair, and nobody can lock an account out, since the
 * right password from a known address only waits for its own pair.
 */
export interface DelayPolicy {
  /** Attempts checked without waiting. */
  freeAttempts: number;
  /** The wait after the first attempt past the free ones; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Per e-mail and client address. */
export const PAIR_POLICY: DelayPolicy = { freeAttempts: 5, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
/** Per e-mail, for the addresses that never signed in to it, all together (attacks spread over many addresses). */
export const EMAIL_POLICY: DelayPolicy = { freeAttempts: 10, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
/** Per client address, for the e-mails it never signed in to, all together (one address trying many accounts). */
export const ADDRESS_POLICY: DelayPolicy = { freeAttempts: 30, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000 };
/** A counter quiet for this long starts again from zero. */
export const FORGET_AFTER_MS = 24 * 3600_000;

/** The wait before the attempt after the `attempt`-th one (1-based) of a counter may be checked. */
export function delayAfterAttempt(policy: DelayPolicy, attempt: number): number {
  if (attempt < policy.freeAttempts) return 0;
  const doublings = attempt - policy.freeAttempts;
  // 2^doublings grows past any ceiling quickly; stop before it loses precision.
  if (doublings > 40) return policy.maxDelayMs;
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** The attempt from which the delay is the ceiling: every later attempt waits `maxDelayMs`. */
export function firstAttemptAtCeiling(policy: DelayPolicy): number {
  let attempt = policy.freeAttempts;
  while (delayAfterAttempt(policy, attempt) < policy.maxDelayMs) attempt++;
  return attempt;
}

/** Whole seconds to tell a client to wait, never 0 for a wait that has not ended. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
