import { describe, expect, it } from 'vitest';
import { delayAfterAttempt, EMAIL_POLICY, firstAttemptAtCeiling, PAIR_POLICY, retryAfterSeconds, type DelayPolicy } from './sign-in-delay.js';

describe('the sign-in delay', () => {
  const policy: DelayPolicy = { freeAttempts: 5, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000 };

  it('lets the free attempts through without waiting, then waits one second after the fifth', () => {
    expect([1, 2, 3, 4].map((attempt) => delayAfterAttempt(policy, attempt))).toEqual([0, 0, 0, 0]);
    expect(delayAfterAttempt(policy, 5)).toBe(1_000);
  });

  it('doubles the wait with each further attempt up to fifteen minutes, and stays there', () => {
    const delays = Array.from({ length: 12 }, (_, index) => delayAfterAttempt(policy, 5 + index));
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900].map((seconds) => seconds * 1000));
    expect(delayAfterAttempt(policy, 10_000)).toBe(900_000);
    expect(firstAttemptAtCeiling(policy)).toBe(15);
  });

  it('never decreases from one attempt to the next', () => {
    for (const each of [policy, PAIR_POLICY, EMAIL_POLICY]) {
      for (let attempt = 1; attempt < 100; attempt++) {
        expect(delayAfterAttempt(each, attempt + 1)).toBeGreaterThanOrEqual(delayAfterAttempt(each, attempt));
      }
    }
  });

  it('gives the e-mail counter of unknown addresses more free attempts than a single pair', () => {
    expect(EMAIL_POLICY.freeAttempts).toBeGreaterThan(PAIR_POLICY.freeAttempts);
  });

  it('tells a client whole seconds, at least one', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1_000)).toBe(1);
    expect(retryAfterSeconds(1_001)).toBe(2);
    expect(retryAfterSeconds(900_000)).toBe(900);
  });
});
