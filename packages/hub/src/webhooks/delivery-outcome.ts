/**
 * What to do with the receiver's answer to one delivery attempt. Pure: the caller passes the answer and the time.
 */
export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'network-error'; message: string };

export type Verdict =
  | { action: 'succeed' }
  | { action: 'retry'; reason: string; retryAfterMs: number | null }
  | { action: 'disable-endpoint'; reason: string };

export function judgeAttempt(result: AttemptResult, now: Date): Verdict {
  if (result.kind === 'network-error') return { action: 'retry', reason: result.message, retryAfterMs: null };
  const { status } = result;
  if (status >= 200 && status < 300) return { action: 'succeed' };
  // Standard Webhooks: 410 Gone means the receiver wants no more deliveries, ever, at this address.
  if (status === 410) return { action: 'disable-endpoint', reason: 'the receiver answered 410 Gone' };
  const retryAfterMs = parseRetryAfter(result.retryAfter, now);
  // Every other answer may be temporary, a 4xx included: a receiver with a wrong secret or a bad deployment
  // answers 401 or 404 until someone fixes it, and the retries then deliver what it missed.
  if (status >= 300 && status < 400) return { action: 'retry', reason: `HTTP ${status} (redirects are not followed)`, retryAfterMs };
  return { action: 'retry', reason: `HTTP ${status}`, retryAfterMs };
}

/** Retry-After is either a number of seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names the day of the week; Date.parse alone would accept "3" or "2026".
  if (!/^[A-Za-z]{3},/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(at - now.getTime(), 0);
}
