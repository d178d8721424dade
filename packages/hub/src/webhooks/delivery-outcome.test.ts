import { describe, expect, it } from 'vitest';
import { judgeAttempt, parseRetryAfter } from './delivery-outcome.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const response = (status: number, retryAfter: string | null = null) => ({ kind: 'response' as const, status, retryAfter });

describe('what to do with the receiver’s answer', () => {
  it.each([200, 201, 202, 204, 299])('counts HTTP %i as delivered', (status) => {
    expect(judgeAttempt(response(status), NOW)).toEqual({ action: 'succeed' });
  });

  it('disables the endpoint on 410 Gone, whatever Retry-After says', () => {
    expect(judgeAttempt(response(410, '60'), NOW)).toEqual({ action: 'disable-endpoint', reason: 'the receiver answered 410 Gone' });
  });

  it.each([400, 401, 403, 404, 408, 413, 422, 429, 500, 502, 503, 504])('retries after HTTP %i', (status) => {
    expect(judgeAttempt(response(status), NOW)).toEqual({ action: 'retry', reason: `HTTP ${status}`, retryAfterMs: null });
  });

  it.each([100, 199, 600, 999])('retries after an out-of-range status %i', (status) => {
    expect(judgeAttempt(response(status), NOW).action).toBe('retry');
  });

  it.each([301, 302, 307, 308])('retries a redirect %i without following it', (status) => {
    expect(judgeAttempt(response(status), NOW)).toEqual({
      action: 'retry',
      reason: `HTTP ${status} (redirects are not followed)`,
      retryAfterMs: null,
    });
  });

  it('retries after a network error, keeping its message', () => {
    expect(judgeAttempt({ kind: 'network-error', message: 'ECONNREFUSED' }, NOW)).toEqual({
      action: 'retry',
      reason: 'ECONNREFUSED',
      retryAfterMs: null,
    });
  });

  it('passes on how long a 429 or 503 asks us to wait', () => {
    expect(judgeAttempt(response(429, '120'), NOW)).toMatchObject({ action: 'retry', retryAfterMs: 120_000 });
    expect(judgeAttempt(response(503, 'Tue, 01 Dec 2026 09:05:00 GMT'), NOW)).toMatchObject({ action: 'retry', retryAfterMs: 300_000 });
  });
});

describe('Retry-After', () => {
  it.each([
    ['0', 0],
    ['1', 1_000],
    ['3600', 3_600_000],
    [' 30 ', 30_000],
  ])('reads %j as a number of seconds', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('reads an HTTP date relative to now, and a past date as no wait', () => {
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:00 GMT', NOW)).toBe(3_600_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 10:00:00 GMT', NOW)).toBe(0);
  });

  it.each([null, '', '   ', '-5', '1.5', 'soon', '2026-12-01T10:00:00Z', 'Tue, 99 Foo 2026 25:00:00 GMT'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });
});
