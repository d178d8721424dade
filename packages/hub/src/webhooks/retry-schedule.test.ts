import { describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER_MS, JITTER_RATIO, MAX_ATTEMPTS, MAX_RETRY_AFTER_MS, RETRY_DELAYS_MS, nextRetry, type RetryInput } from './retry-schedule.js';

const START = new Date('2026-12-01T09:00:00Z');
const HOUR = 3_600_000;

function decide(overrides: Partial<RetryInput>) {
  return nextRetry({ failedAttempts: 1, roundStartedAt: START, now: START, retryAfterMs: null, random: () => 0, ...overrides });
}

/** Plays a whole round against a receiver that never answers well, returning when each attempt happened. */
function playRound(random: () => number): { attemptsAt: number[]; gaveUp: string } {
  let now = START.getTime();
  const attemptsAt = [now];
  for (let failed = 1; ; failed++) {
    const decision = nextRetry({ failedAttempts: failed, roundStartedAt: START, now: new Date(now), retryAfterMs: null, random });
    if (!decision.retry) return { attemptsAt, gaveUp: decision.reason };
    now = decision.at.getTime();
    attemptsAt.push(now);
  }
}

describe('the retry schedule', () => {
  it('waits 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 10 h between attempts without jitter', () => {
    const { attemptsAt } = playRound(() => 0);
    const gaps = attemptsAt.slice(1).map((at, index) => (at - attemptsAt[index]!) / 1000);
    expect(gaps).toEqual([5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 36000]);
  });

  it('makes every delay longer than the one before', () => {
    for (let index = 1; index < RETRY_DELAYS_MS.length; index++) {
      expect(RETRY_DELAYS_MS[index]!).toBeGreaterThan(RETRY_DELAYS_MS[index - 1]!);
    }
  });

  it('tries eleven times over more than a day, then gives up', () => {
    const { attemptsAt, gaveUp } = playRound(() => 0);
    expect(attemptsAt).toHaveLength(MAX_ATTEMPTS);
    expect(MAX_ATTEMPTS).toBe(11);
    const span = attemptsAt.at(-1)! - attemptsAt[0]!;
    expect(span).toBeGreaterThan(24 * HOUR);
    expect(span).toBeLessThan(26 * HOUR);
    expect(gaveUp).toMatch(/after 11 failed attempts/);
  });

  it('still spans more than a day and stops within about 31 h with the largest jitter', () => {
    const { attemptsAt } = playRound(() => 0.999_999);
    const span = attemptsAt.at(-1)! - attemptsAt[0]!;
    expect(attemptsAt).toHaveLength(MAX_ATTEMPTS);
    expect(span).toBeGreaterThan(24 * HOUR);
    expect(span).toBeLessThan(31 * HOUR);
  });

  it('only ever lengthens a delay by up to 20 % of jitter', () => {
    for (let failed = 1; failed < MAX_ATTEMPTS; failed++) {
      const base = RETRY_DELAYS_MS[failed - 1]!;
      for (const random of [0, 0.25, 0.5, 0.999]) {
        const decision = decide({ failedAttempts: failed, random: () => random });
        if (!decision.retry) throw new Error('expected a retry');
        expect(decision.delayMs).toBeGreaterThanOrEqual(base);
        expect(decision.delayMs).toBeLessThanOrEqual(base * (1 + JITTER_RATIO));
      }
    }
    const half = decide({ failedAttempts: 2, random: () => 0.5 });
    expect(half.retry && half.delayMs).toBe(33_000);
  });

  it('spreads deliveries that failed together over different times', () => {
    const values = [0.1, 0.4, 0.7, 0.9];
    const times = values.map((random) => {
      const decision = decide({ failedAttempts: 6, random: () => random });
      return decision.retry ? decision.at.getTime() : 0;
    });
    expect(new Set(times).size).toBe(values.length);
  });

  it('treats an out-of-range random number as no jitter rather than a negative or huge delay', () => {
    for (const random of [Number.NaN, -1, 5]) {
      const decision = decide({ failedAttempts: 1, random: () => random });
      expect(decision.retry && decision.delayMs).toBeGreaterThanOrEqual(5_000);
      expect(decision.retry && decision.delayMs).toBeLessThanOrEqual(6_000);
    }
  });

  it('honours a Retry-After longer than the scheduled delay', () => {
    const decision = decide({ failedAttempts: 1, retryAfterMs: 120_000 });
    expect(decision).toEqual({ retry: true, at: new Date(START.getTime() + 120_000), delayMs: 120_000 });
  });

  it('keeps the scheduled delay when Retry-After asks for less', () => {
    const decision = decide({ failedAttempts: 3, retryAfterMs: 1_000 });
    expect(decision.retry && decision.delayMs).toBe(120_000);
  });

  it('does not believe a Retry-After of more than a day', () => {
    const decision = decide({ failedAttempts: 1, retryAfterMs: 30 * 24 * HOUR });
    expect(decision.retry && decision.delayMs).toBe(MAX_RETRY_AFTER_MS);
  });

  it('gives up at the first failure once 26 h have passed since the round began', () => {
    const late = new Date(START.getTime() + GIVE_UP_AFTER_MS);
    expect(decide({ failedAttempts: 1, now: late })).toEqual({ retry: false, reason: expect.stringMatching(/26 h/) });
    const justBefore = new Date(START.getTime() + GIVE_UP_AFTER_MS - 1);
    expect(decide({ failedAttempts: 1, now: justBefore }).retry).toBe(true);
  });

  it('refuses a count of failed attempts that is not a positive integer', () => {
    expect(() => decide({ failedAttempts: 0 })).toThrow(RangeError);
    expect(() => decide({ failedAttempts: 1.5 })).toThrow(RangeError);
  });
});
